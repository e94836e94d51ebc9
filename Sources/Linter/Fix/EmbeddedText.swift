import LinterCore

/// JSON held in a string of a file (a lifecycle policy's text, a Terraform plan's container
/// definitions), opened for editing: edits are rendered on the decoded JSON, then mapped back
/// onto the string's source and escaped the way the string is written. Strings whose decoding
/// cannot be mapped byte for byte (folded or plain YAML scalars, line-folded quotes) are not
/// opened, so no fix is offered inside them.
struct EmbeddedText {
    let string: Node
    let style: ScalarStyle
    let map: SourceMap
    /// The decoded JSON, with ranges in the decoded bytes.
    let root: Node
    /// The same tree with ranges in the outer file, as the model holds it.
    let mappedRoot: Node
    /// A literal block's content indentation, which every inserted line break must repeat.
    let blockIndentation: String
    let outerLayout: TextLayout

    init?(string: Node, in file: SourceFile) {
        guard case .string(let value, let style) = string.kind,
            style == .doubleQuoted || style == .singleQuoted || style == .literal,
            let map = SourceMap.decode(node: string, style: style, in: file), sameIgnoringTrailingLineFeeds(map.bytes, value),
            let root = try? JSONParser().parse(map.bytes)
        else { return nil }
        self.string = string
        self.style = style
        self.map = map
        self.root = root
        var mapped = root
        map.mapOutward(&mapped)
        mappedRoot = mapped
        outerLayout = TextLayout(file.bytes)
        blockIndentation = style == .literal ? EmbeddedText.contentIndentation(of: string, in: outerLayout) : ""
    }

    /// The decoded node that the model's `node` (outer ranges) stands for.
    func inner(_ node: Node) -> Node? {
        NodeLocator.counterpart(of: node, in: mappedRoot, raw: root)
    }

    /// Renders `operation` (on the model's nodes) as edits of the outer file.
    func render(_ operation: FixEdit.Operation) -> [EditRenderer.RawEdit]? {
        guard let innerOperation = operation.mapNodes(inner) else { return nil }
        let renderer = EditRenderer(bytes: map.bytes, syntax: .json, roots: [root])
        guard let edits = renderer.render(innerOperation) else { return nil }
        var outer: [EditRenderer.RawEdit] = []
        for edit in edits {
            guard let text = encode(edit.text) else { return nil }
            outer.append(EditRenderer.RawEdit(range: outerRange(of: edit.range), text: text))
        }
        return outer
    }

    /// Where decoded bytes `range` were written. An empty range maps to the place between the
    /// source of its neighbours.
    func outerRange(of range: ByteRange) -> ByteRange {
        let starts = map.starts
        let ends = map.ends
        let start: Int
        if range.start < starts.count {
            start = starts[range.start]
        } else {
            start = ends.last ?? (string.range.start + 1)
        }
        let end = range.end > range.start && !ends.isEmpty ? ends[min(range.end, ends.count) - 1] : start
        return ByteRange(start: start, end: end)
    }

    /// Decoded text as the string writes it.
    func encode(_ text: String) -> String? {
        switch style {
        case .doubleQuoted:
            return String(NodeJSONWriter.quoted(text).dropFirst().dropLast())
        case .singleQuoted:
            guard !text.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return nil }
            return text.replacing("'", with: "''")
        case .literal:
            guard !text.contains("\r") else { return nil }
            let newline = outerLayout.newline(near: string.range.start)
            return text.replacing("\n", with: newline + blockIndentation)
        case .plain, .folded:
            return nil
        }
    }

    /// The indentation of a literal block's first content line, which YAML strips from every line.
    static func contentIndentation(of string: Node, in layout: TextLayout) -> String {
        var line = layout.nextLineStart(after: string.range.start)
        while line < string.range.end {
            let indentation = layout.indentation(ofLineAt: line)
            let end = layout.lineEnd(of: line)
            if line + indentation.utf8.count < end { return indentation }
            let next = layout.nextLineStart(after: line)
            if next == line { break }
            line = next
        }
        return ""
    }
}
