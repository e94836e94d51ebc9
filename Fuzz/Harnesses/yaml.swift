// libFuzzer harness: the YAML parser, with default and tight limits.
import Linter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for limits in [ParseLimits.default, tightLimits] {
        do {
            let parsed = try YAMLParser(limits: limits).parse(bytes)
            for document in parsed.documents { checkRanges(document, count: bytes.count) }
            for comment in parsed.comments {
                precondition(comment.range.start >= 0 && comment.range.end <= bytes.count, "comment range outside input")
            }
        } catch {
            precondition(error.offset >= 0 && error.offset <= bytes.count, "error offset \(error.offset) outside input")
            _ = error.formatted(in: SourceFile(path: "/f.yaml", bytes: bytes))
        }
    }
    return 0
}
