#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `jsonencode`, `jsondecode`, `file` and `templatefile`: the functions that keep positions.
///
/// `jsonencode` keeps the structure it was given (`HCLDerivation.jsonEncoded`), so every JSON
/// value can be traced to the HCL expression that produced it. `file` and `templatefile` add the
/// file read to the file table and keep an offset map (`HCLDerivation.rendered`), and
/// `jsondecode` gives values whose spans are in the JSON text's source.
extension HCLEvaluator {
    mutating func jsonEncode(_ value: HCLValue, expression: HCLExpression, inFile file: Int) -> HCLValue {
        let span = HCLSpan(file: file, range: expression.range)
        guard value.isWhollyKnown else {
            var result = unknown(expression, file, because: value)
            result.derivation = .jsonEncoded(value)
            return result
        }
        var bytes: [UInt8] = []
        guard HCLEvaluator.writeJSON(value, into: &bytes, limit: limits.maxStringLength) else {
            return unknown(expression, file, "jsonencode: the result is longer than \(limits.maxStringLength) bytes", isError: true)
        }
        _ = charge(bytes.count / 1024)
        var result = HCLValue.string(String(decoding: bytes, as: UTF8.self), span: span)
        result.derivation = .jsonEncoded(value)
        return result
    }

    /// Terraform's encoding: keys sorted, no spaces, and `<`, `>`, `&`, U+2028 and U+2029
    /// escaped as Go's encoder does. False when the output passes `limit` bytes.
    static func writeJSON(_ value: HCLValue, into bytes: inout [UInt8], limit: Int) -> Bool {
        switch value.kind {
        case .null, .unknown, .partial: bytes += "null".utf8
        case .bool(let flag): bytes += (flag ? "true" : "false").utf8
        case .number(let number): bytes += number.description.utf8
        case .string(let text): writeJSONString(text, into: &bytes)
        case .tuple(let elements):
            bytes.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                if !writeJSON(element, into: &bytes, limit: limit) { return false }
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                writeJSONString(member.key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                if !writeJSON(member.value, into: &bytes, limit: limit) { return false }
            }
            bytes.append(UInt8(ascii: "}"))
        }
        return bytes.count <= limit
    }

    static func writeJSONString(_ text: String, into bytes: inout [UInt8]) {
        var plain: [UInt8] = []
        NodeJSONWriter.writeString(text, into: &plain)
        for byte in plain {
            switch byte {
            case UInt8(ascii: "<"): bytes += "\\u003c".utf8
            case UInt8(ascii: ">"): bytes += "\\u003e".utf8
            case UInt8(ascii: "&"): bytes += "\\u0026".utf8
            default: bytes.append(byte)
            }
        }
    }

    mutating func jsonDecode(_ value: HCLValue, expression: HCLExpression, inFile file: Int) -> HCLValue {
        if case .jsonEncoded(let structure)? = value.derivation { return structure }
        let fallback = value.span ?? HCLSpan(file: file, range: expression.range)
        let text: String
        var rendering: HCLRendering?
        switch (value.kind, value.derivation) {
        case (.string, .rendered(let rendered)?), (.partial, .rendered(let rendered)?):
            text = rendered.text
            rendering = rendered
        case (.string(let plain), _):
            text = plain
        default:
            return value.isKnown ? unknown(expression, file, "jsondecode needs a string, not a \(value.typeName)", isError: true) : unknown(expression, file, because: value)
        }
        _ = charge(text.utf8.count / 1024)
        do {
            let node = try JSONParser().parse(text)
            if let rendering {
                return HCLValue.fromJSON(node, span: { rendering.span(ofRendered: $0) ?? fallback }, rendering: rendering)
            }
            return HCLValue.fromJSON(node, span: { _ in fallback })
        } catch {
            if value.isKnown {
                var place = ""
                if let span = rendering?.span(ofRendered: error.range), let source = files[span.file] {
                    place = " (\(source.path):\(source.position(of: span.range.start)))"
                }
                return unknown(expression, file, "jsondecode: invalid JSON: \(error.message)\(place)", isError: true)
            }
            return unknown(expression, file, "jsondecode of a partly known string that is not JSON as rendered: \(HCLEvaluator.reason(of: value))")
        }
    }

    /// A path argument resolved inside the project root, or the unknown value saying why not.
    func projectPath(_ value: HCLValue, expression: HCLExpression, inFile file: Int, function: String) -> Result<String, HCLFailure> {
        guard value.isKnown else { return .failure(HCLFailure(value: unknown(expression, file, because: value))) }
        guard var path = value.string else {
            return .failure(HCLFailure(value: unknown(expression, file, "\(function): the path must be a string", isError: true)))
        }
        if let cwd = paths.cwd, path.hasPrefix(cwd + "/") { path = String(path.dropFirst(cwd.count + 1)) }
        guard let resolved = HCLProjectPath.resolve(path, against: paths.workingDirectory) else {
            return .failure(HCLFailure(value: unknown(expression, file, "\(function): '\(path)' is outside the project root, which ecslint does not read")))
        }
        return .success(resolved)
    }

    /// The file's id in the table and its text, or the unknown value saying why it cannot be read.
    mutating func load(_ path: String, expression: HCLExpression, inFile file: Int, function: String) -> Result<(Int, String), HCLFailure> {
        switch fileAccess.read(path, limit: limits.maxFileSize) {
        case .failure(let error):
            return .failure(HCLFailure(value: unknown(expression, file, "\(function): \(error.message)")))
        case .success(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(HCLFailure(value: unknown(expression, file, "\(function): '\(path)' is not valid UTF-8", isError: true)))
            }
            _ = charge(bytes.count / 1024)
            let id = files.add(SourceFile(path: path, bytes: bytes))
            return .success((id, text))
        }
    }

    mutating func readFile(_ pathValue: HCLValue, expression: HCLExpression, inFile file: Int) -> HCLValue {
        let path: String
        switch projectPath(pathValue, expression: expression, inFile: file, function: "file") {
        case .failure(let failure): return failure.value
        case .success(let resolved): path = resolved
        }
        switch load(path, expression: expression, inFile: file, function: "file") {
        case .failure(let failure): return failure.value
        case .success(let (id, text)):
            let span = HCLSpan(file: id, range: ByteRange(start: 0, end: text.utf8.count))
            var value = HCLValue.string(text, span: span)
            value.via = [HCLSpan(file: file, range: expression.range)]
            let segment = HCLRendering.Segment(start: 0, length: text.utf8.count, span: span, isVerbatim: true)
            value.derivation = .rendered(HCLRendering(text: text, segments: [segment], placeholders: []))
            return value
        }
    }

    mutating func templateFile(_ pathValue: HCLValue, variables: HCLValue, expression: HCLExpression, inFile file: Int, context: HCLContext) -> HCLValue {
        guard context.templateDepth < limits.maxTemplateDepth else {
            return unknown(expression, file, "templatefile calls nest deeper than \(limits.maxTemplateDepth) (limits.maxTemplateDepth)", isError: true)
        }
        let path: String
        switch projectPath(pathValue, expression: expression, inFile: file, function: "templatefile") {
        case .failure(let failure): return failure.value
        case .success(let resolved): path = resolved
        }
        guard variables.isKnown else { return unknown(expression, file, because: variables) }
        guard let members = variables.members else {
            return unknown(expression, file, "templatefile: the variables must be an object, not a \(variables.typeName)", isError: true)
        }
        let id: Int
        switch load(path, expression: expression, inFile: file, function: "templatefile") {
        case .failure(let failure): return failure.value
        case .success(let (loaded, _)): id = loaded
        }
        return renderTemplate(
            inFile: id, variables: members, usedAt: HCLSpan(file: file, range: expression.range),
            templateDepth: context.templateDepth + 1, function: "templatefile")
    }

    /// Renders the whole file `id` as a template with `variables` (what `templatefile` and the
    /// legacy `data "template_file"` do), keeping the offset map back into the file. `usedAt` is
    /// the expression that asked for it.
    public mutating func renderTemplate(
        inFile id: Int, variables: [HCLMember], usedAt use: HCLSpan, templateDepth: Int = 1, function: String = "template"
    ) -> HCLValue {
        func failed(_ reason: String, isError: Bool) -> HCLValue {
            HCLValue(.unknown(HCLUnknown(expression: text(use.range, use.file), reason: reason, isError: isError)), span: use)
        }
        guard let source = files[id] else { return failed("\(function): the template cannot be read", isError: false) }
        let template: HCLTemplate
        do {
            template = try HCLParser(limits: ParseLimits(maxDepth: min(ParseLimits.default.maxDepth, limits.maxDepth), maxStringLength: limits.maxStringLength))
                .parseTemplate(source.bytes)
        } catch {
            return failed("\(function): \(source.path):\(source.position(of: error.offset)): \(error.message)", isError: true)
        }
        var inner = HCLContext(names: Dictionary(variables.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
        inner.isIsolatedTemplate = true
        inner.templateDepth = templateDepth
        var output = TemplateOutput()
        render(template.parts, into: &output, inFile: id, context: inner)
        if let failure = output.failure { return failed("\(function): \(failure)", isError: output.isError) }
        var value = output.string.build(span: HCLSpan(file: id, range: ByteRange(start: 0, end: source.bytes.count)))
        value.via = [use]
        value.derivation = .rendered(output.rendering.build())
        return value
    }
}
