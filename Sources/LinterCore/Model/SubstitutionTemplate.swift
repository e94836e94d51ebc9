/// The `${Name}` placeholders of an `Fn::Sub` template, found on the UTF-8 bytes: templates are
/// scanned for every image, log group and scalable target of a stack, and a string search by
/// Characters costs more than the rest of the evaluation.
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
        let utf8 = text.utf8
        func slice(_ start: Int, _ end: Int) -> String {
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            return String(decoding: utf8[lower..<utf8.index(lower, offsetBy: end - start)], as: UTF8.self)
        }
        var pieces: [Piece] = []
        var restStart = 0
        while let open = ByteSearch.firstOffset(of: "${", in: text, from: restStart),
            let close = ByteSearch.firstOffset(of: "}", in: text, from: open + 2)
        {
            pieces.append(Piece(literal: slice(restStart, open), name: slice(open + 2, close).trimmingWhitespace))
            restStart = close + 1
        }
        self.pieces = pieces
        tail = slice(restStart, utf8.count)
    }
}
