import LinterCore

/// Edits of one file applied to its bytes, remembering where they went so that offsets of the
/// old text can be found in the new one.
struct AppliedEdits {
    /// The edits in order of position, none overlapping.
    let edits: [(range: ByteRange, replacement: [UInt8])]

    init(_ edits: [TextEdit]) {
        self.edits = edits.map { ($0.byteRange, Array($0.replacement.utf8)) }.sorted { $0.range < $1.range }
    }

    /// The text with every edit made.
    func apply(to bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.replacement.count })
        var position = 0
        for edit in edits {
            let start = min(max(edit.range.start, position), bytes.count)
            output.append(contentsOf: bytes[position..<start])
            output.append(contentsOf: edit.replacement)
            position = min(max(edit.range.end, start), bytes.count)
        }
        output.append(contentsOf: bytes[position...])
        return output
    }

    /// Where the old text's `offset` is in the new text: after an edit it moves by the edit's
    /// change in length; inside a replaced range it goes to the replacement's start. An offset
    /// at an insertion point moves with the text after it.
    func newOffset(of offset: Int) -> Int {
        var shift = 0
        for edit in edits {
            if offset >= edit.range.end {
                shift += edit.replacement.count - edit.range.length
            } else if offset > edit.range.start {
                return edit.range.start + shift
            } else {
                break
            }
        }
        return offset + shift
    }
}
