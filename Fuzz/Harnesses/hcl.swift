// libFuzzer harness: the HCL native-syntax parser (default and tight limits), the same bytes as a
// template file and as the JSON variant. Every syntax range, comment range and error offset must
// lie inside the input.
import LinterCore
import Linter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHCL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for limits in [ParseLimits.default, tightLimits] {
        do {
            let syntax = try HCLParser(limits: limits).parse(bytes)
            checkHCLRanges(syntax, count: bytes.count)
        } catch {
            checkErrorOffset(error, count: bytes.count)
        }
        do {
            let template = try HCLParser(limits: limits).parseTemplate(bytes)
            HCLExpression(.template(template), range: ByteRange(start: 0, end: bytes.count)).forEachRange { checkRange($0, count: bytes.count) }
        } catch {
            checkErrorOffset(error, count: bytes.count)
        }
    }
    do {
        let syntax = try HCLJSON.parseConfiguration(bytes, limits: tightLimits)
        checkHCLRanges(syntax, count: bytes.count)
    } catch {
        checkErrorOffset(error, count: bytes.count)
    }
    return 0
}

func checkHCLRanges(_ syntax: HCLFileSyntax, count: Int) {
    syntax.body.forEachRange { checkRange($0, count: count) }
    for comment in syntax.comments { checkRange(comment.range, count: count) }
}

func checkRange(_ range: ByteRange, count: Int) {
    precondition(range.start >= 0 && range.start <= range.end && range.end <= count, "range \(range) outside a \(count)-byte input")
}

func checkErrorOffset(_ error: ParseError, count: Int) {
    precondition(error.offset >= 0 && error.offset <= count, "error offset \(error.offset) outside input")
    _ = error.formatted(in: SourceFile(path: "/f.tf", bytes: []))
}
