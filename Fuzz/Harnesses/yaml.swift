// libFuzzer harness: the YAML parser, with default and tight limits; with default limits, the
// same input scanned on a second thread (small batches) must give the same documents, comments or
// error as the serial parse.
import LinterCore
import Linter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for limits in [ParseLimits.default, tightLimits] {
        let parser = YAMLParser(limits: limits)
        let serial = Result { () throws(ParseError) -> ParsedFile in try parser.parse(bytes) }
        switch serial {
        case .success(let parsed):
            for document in parsed.documents { checkRanges(document, count: bytes.count) }
            for comment in parsed.comments {
                precondition(comment.range.start >= 0 && comment.range.end <= bytes.count, "comment range outside input")
            }
        case .failure(let error):
            precondition(error.offset >= 0 && error.offset <= bytes.count, "error offset \(error.offset) outside input")
            _ = error.formatted(in: SourceFile(path: "/f.yaml", bytes: bytes))
        }
        guard limits == ParseLimits.default else { continue }
        let aside = Result { () throws(ParseError) -> ParsedFile in try parser.parse(bytes, scanningAside: true, batchSize: 3) }
        switch (serial, aside) {
        case (.success(let one), .success(let other)):
            precondition(one.documents == other.documents && one.comments == other.comments, "scanning aside changed the tree")
        case (.failure(let one), .failure(let other)):
            precondition(one == other, "scanning aside changed the error: \(one) vs \(other)")
        default:
            preconditionFailure("scanning aside changed whether the input parses")
        }
    }
    return 0
}
