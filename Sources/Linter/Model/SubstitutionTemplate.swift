/// The `${Name}` placeholders of an `Fn::Sub` template, found on the UTF-8 bytes (templates are
/// scanned for every image, log group and scalable target of a stack; Foundation's `range(of:)`
/// cost more than the rest of the evaluation).
struct SubstitutionTemplate {
    /// The literal text before a placeholder, and the placeholder's name with surrounding blanks
    /// removed (`${!Literal}` keeps its `!`).
    struct Piece {
        var literal: String
        var name: String
    }

    var pieces: [Piece]
    /// Text after the last placeholder, including an unclosed `${`.
    var tail: String

    init(_ text: String) {
        var text = text
        (pieces, tail) = text.withUTF8 { bytes -> ([Piece], String) in
            func string(_ start: Int, _ end: Int) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            var pieces: [Piece] = []
            var restStart = 0
            var index = 0
            while index + 1 < bytes.count {
                guard bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{") else {
                    index += 1
                    continue
                }
                var close = index + 2
                while close < bytes.count && bytes[close] != UInt8(ascii: "}") { close += 1 }
                guard close < bytes.count else { break }
                pieces.append(Piece(literal: string(restStart, index), name: string(index + 2, close).trimmingWhitespace))
                restStart = close + 1
                index = restStart
            }
            return (pieces, string(restStart, bytes.count))
        }
    }
}
