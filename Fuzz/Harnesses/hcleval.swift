// libFuzzer harness: the HCL evaluator over a module whose main.tf is the input, with file() and
// templatefile() sandboxed to an in-memory tree. An input holding a NUL byte is split there:
// the part after it is the template `t.tpl`. Every local, output and resource attribute is
// evaluated (also as one for_each and one count instance) under tight limits; every span must
// name a known file and lie inside it, and every JSON document a value holds must convert to
// nodes whose ranges lie inside their file.
import LinterCore
import Linter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHCLEvaluation(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var main = bytes
    var template = Array("{\"image\": \"${image}\", \"cpu\": ${cpu}}".utf8)
    if let separator = bytes.firstIndex(of: 0) {
        main = Array(bytes[..<separator])
        template = Array(bytes[(separator + 1)...])
    }
    let access = HCLMemoryFileAccess(files: [
        "main.tf": main,
        "t.tpl": template,
        "c.json": Array("[{\"name\": \"app\", \"image\": \"nginx:1\", \"cpu\": 256}]".utf8),
        "sub/x.txt": Array("text\n".utf8),
        "terraform.tfvars": Array("tag = \"v1\"\n".utf8),
    ])
    let limits = HCLEvaluationLimits(maxDepth: 64, maxTemplateDepth: 4, maxCollectionSize: 2_000, maxRangeSize: 1_000,
        maxStringLength: 65_536, maxSteps: 50_000, maxFileSize: 65_536)
    var files = HCLFileTable()
    let loaded = HCLModuleLoader.load(directory: ".", access: access, files: &files, parseLimits: tightDepthLimits, evaluationLimits: limits)
    var evaluator = HCLEvaluator(module: loaded.module, files: files, variableValues: loaded.variableValues, fileAccess: access, limits: limits)
    for name in loaded.module.locals.keys.sorted() {
        check(evaluator.localValue(name), &evaluator)
    }
    let contexts = [
        HCLContext(),
        HCLContext(each: HCLEach(key: .string("k"), value: .object([HCLMember(key: "a", keySpan: nil, value: .number(1))])), countIndex: 0),
    ]
    for file in loaded.module.files {
        for block in file.syntax.body.blocks {
            for context in contexts {
                evaluateBody(block.body, file: file.id, context: context, &evaluator)
            }
        }
    }
    return 0
}

/// Evaluation of every attribute of a body and its nested blocks.
func evaluateBody(_ body: HCLBody, file: Int, context: HCLContext, _ evaluator: inout HCLEvaluator) {
    for item in body.items {
        switch item {
        case .attribute(let attribute):
            check(evaluator.evaluate(attribute.expression, inFile: file, context: context), &evaluator)
        case .block(let block):
            evaluateBody(block.body, file: file, context: context, &evaluator)
        }
    }
}

func check(_ value: HCLValue, _ evaluator: inout HCLEvaluator) {
    checkSpans(value, evaluator.files, depth: 0)
    for file in 0..<evaluator.files.files.count {
        guard let source = evaluator.files[file] else { continue }
        if let document = value.jsonDocument(inFile: file) { checkRanges(document, count: source.bytes.count) }
        checkRanges(value.node(inFile: file), count: source.bytes.count)
    }
}

func checkSpans(_ value: HCLValue, _ files: HCLFileTable, depth: Int) {
    precondition(depth < 10_000, "value nests too deeply")
    for span in [value.span].compactMap({ $0 }) + value.via + value.assumptions.compactMap(\.span) {
        guard let source = files[span.file] else { preconditionFailure("span names unknown file \(span.file)") }
        precondition(span.range.start >= 0 && span.range.end <= source.bytes.count, "span \(span) outside \(source.path)")
    }
    switch value.kind {
    case .tuple(let elements), .partial(let elements):
        for element in elements { checkSpans(element, files, depth: depth + 1) }
    case .object(let members):
        for member in members { checkSpans(member.value, files, depth: depth + 1) }
    default:
        break
    }
    if case .rendered(let rendering)? = value.derivation {
        for segment in rendering.segments {
            guard let source = files[segment.span.file] else { preconditionFailure("segment names unknown file") }
            precondition(segment.span.range.end <= source.bytes.count, "segment outside its file")
            precondition(segment.start >= 0 && segment.start + segment.length <= rendering.text.utf8.count, "segment outside the text")
        }
    }
}

let tightDepthLimits = ParseLimits(maxDepth: 48, maxStringLength: 65_536)
