#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import LinterCore

/// `ecslint dump` for Terraform files: the parsed body of `.tf`/`.tfvars`/`.hcl` (and their JSON
/// variants) as one line of compact JSON, and `--eval EXPR --in DIR`, the value of an
/// expression in the scope of the module in DIR.
///
/// A body is an array of items: `{"attribute": name, "expression": source text, "value": value}`
/// (`value` only when the expression is a constant) and `{"type", "labels", "body"}` for blocks.
/// With `--positions`, items add their ranges (`range`, `nameRange`, `expressionRange`,
/// `typeRange`, `labelRanges`). Values print as JSON, an unknown one as
/// `{"unknown": expression, "reason": why}` and a partly known string as `{"partial": [parts]}`.
enum HCLDumpCommand {
    static func isHCLPath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".tf") || lower.hasSuffix(".tfvars") || lower.hasSuffix(".hcl") || lower.hasSuffix(".tf.json")
            || lower.hasSuffix(".tfvars.json") || lower.hasSuffix(".hcl.json")
    }

    /// The dump line of one parsed file. `scope` names values that attribute expressions may use
    /// (a JSON object; the conformance suite's `variables`).
    static func render(_ syntax: HCLFileSyntax, file: SourceFile, positions: Bool, scope: String? = nil) -> String {
        var evaluator = HCLEvaluator(files: HCLFileTable())
        let id = evaluator.addFile(file)
        var context = HCLContext()
        if let scope, let node = try? JSONParser().parse(scope), let members = HCLValue.fromJSON(node, span: { _ in nil }).members {
            for member in members { context.names[member.key] = member.value }
        }
        var output = ""
        writeBody(syntax.body, file: file, id: id, positions: positions, context: context, evaluator: &evaluator, into: &output)
        return output
    }

    static func writeBody(
        _ body: HCLBody, file: SourceFile, id: Int, positions: Bool, context: HCLContext, evaluator: inout HCLEvaluator, into output: inout String
    ) {
        output += "["
        for (position, item) in body.items.enumerated() {
            if position > 0 { output += "," }
            switch item {
            case .attribute(let attribute):
                output += "{\"attribute\":" + NodeJSONWriter.quoted(attribute.name)
                output += ",\"expression\":" + NodeJSONWriter.quoted(file.text(of: attribute.expression.range))
                let value = evaluator.evaluate(attribute.expression, inFile: id, context: context)
                if value.isWhollyKnown { output += ",\"value\":" + valueJSON(value) }
                if positions {
                    output += ",\"range\":\"\(file.range(of: attribute.range))\",\"nameRange\":\"\(file.range(of: attribute.nameRange))\""
                    output += ",\"expressionRange\":\"\(file.range(of: attribute.expression.range))\""
                }
                output += "}"
            case .block(let block):
                output += "{\"type\":" + NodeJSONWriter.quoted(block.type) + ",\"labels\":["
                output += block.labels.map { NodeJSONWriter.quoted($0.value) }.joined(separator: ",") + "]"
                if positions {
                    output += ",\"range\":\"\(file.range(of: block.range))\",\"typeRange\":\"\(file.range(of: block.typeRange))\""
                    output += ",\"labelRanges\":[" + block.labels.map { "\"\(file.range(of: $0.range))\"" }.joined(separator: ",") + "]"
                }
                output += ",\"body\":"
                writeBody(block.body, file: file, id: id, positions: positions, context: context, evaluator: &evaluator, into: &output)
                output += "}"
            }
        }
        output += "]"
    }

    /// A value as JSON; unknown parts as objects saying so.
    static func valueJSON(_ value: HCLValue) -> String {
        switch value.kind {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            let text = number.description
            return NodeJSONWriter.jsonNumber(text) ?? NodeJSONWriter.quoted(text)
        case .string(let text): return NodeJSONWriter.quoted(text)
        case .tuple(let elements): return "[" + elements.map(valueJSON).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { NodeJSONWriter.quoted($0.key) + ":" + valueJSON($0.value) }.joined(separator: ",") + "}"
        case .partial(let parts): return "{\"partial\":[" + parts.map(valueJSON).joined(separator: ",") + "]}"
        case .unknown(let unknown):
            return "{\"unknown\":" + NodeJSONWriter.quoted(unknown.expression) + ",\"reason\":" + NodeJSONWriter.quoted(unknown.reason) + "}"
        }
    }

    /// `--eval EXPR --in DIR`.
    static func evaluate(_ source: String, directory: String, console: Console, limits: ParseLimits) -> ExitCode {
        let resolved = FilePath.absolute(directory, in: console.workingDirectory)
        let access = HCLDiskFileAccess(root: resolved)
        var files = HCLFileTable()
        let loaded = HCLModuleLoader.load(directory: ".", access: access, files: &files, parseLimits: limits)
        for (path, error) in loaded.errors {
            let file = SourceFile(path: path, bytes: (try? access.read(path, limit: Int.max).get()) ?? [])
            console.writeError(error.formatted(in: file) + "\n")
        }
        let expressionFile = SourceFile(path: "<eval>", text: source)
        let id = files.add(expressionFile)
        let expression: HCLExpression
        do {
            expression = try HCLParser(limits: limits).parseExpression(expressionFile.bytes)
        } catch {
            console.writeError(error.formatted(in: expressionFile) + "\n")
            return .failure
        }
        var evaluator = HCLEvaluator(module: loaded.module, files: files, variableValues: loaded.variableValues, fileAccess: access,
            paths: HCLPaths(module: ".", root: ".", cwd: resolved))
        let value = evaluator.evaluate(expression, inFile: id)
        console.writeOut(valueJSON(value) + "\n")
        return .clean
    }
}
