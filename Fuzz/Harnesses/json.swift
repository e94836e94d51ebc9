// libFuzzer harness: the JSON parser, with default and tight limits, plus the writer.
import LinterCore
import Linter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for limits in [ParseLimits.default, tightLimits] {
        do {
            let root = try JSONParser(limits: limits).parse(bytes)
            checkRanges(root, count: bytes.count)
        } catch {
            precondition(error.offset >= 0 && error.offset <= bytes.count, "error offset \(error.offset) outside input")
            _ = error.formatted(in: SourceFile(path: "/f.json", bytes: bytes))
        }
    }
    return 0
}
