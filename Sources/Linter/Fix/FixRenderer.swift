import LinterCore

/// Renders the fixes of a lint run's violations into text edits. Each fix reads only the text
/// around its edits, so fixes render independently of each other, on any thread.
struct FixRenderer: Sendable {
    /// A linted file as the renderer sees it.
    struct File: Sendable {
        var source: SourceFile
        var roots: [Node]
        /// The path findings show (root-relative).
        var displayPath: String
        /// Read with its template placeholders as unknown values: its text is not what AWS
        /// reads, so it is never edited.
        var isRenderedTemplate: Bool
    }

    let files: [String: File]

    init(files: [String: File]) {
        self.files = files
    }

    /// The fix as text edits, or nil when one of its edits cannot be written exactly.
    func render(_ fix: Fix) -> RenderedFix? {
        var edits: [TextEdit] = []
        for edit in fix.edits {
            guard let file = files[edit.path], !file.isRenderedTemplate, let raw = rawEdits(edit, in: file) else { return nil }
            for item in raw {
                guard item.range.start >= file.source.byteOrderMarkLength, item.range.end <= file.source.bytes.count else { return nil }
                edits.append(TextEdit(path: file.displayPath, range: file.source.range(of: item.range), replacement: item.text))
            }
        }
        edits.sort { ($0.path, $0.range.start.offset, $0.range.end.offset) < ($1.path, $1.range.start.offset, $1.range.end.offset) }
        for (first, second) in zip(edits, edits.dropFirst()) where first.overlaps(second) { return nil }
        let changes = edits.filter { $0.range.start.offset != $0.range.end.offset || !$0.replacement.isEmpty }
        guard !changes.isEmpty else { return nil }
        return RenderedFix(title: fix.title, safety: fix.safety, edits: changes)
    }

    private func rawEdits(_ edit: FixEdit, in file: File) -> [EditRenderer.RawEdit]? {
        let nodes = edit.operation.nodes
        let outside = nodes.isEmpty
            ? !(NodeLocator.containers(of: edit.anchor, in: file.roots).last.map { $0.string != nil } ?? false)
            : nodes.allSatisfy { NodeLocator.isInTree($0, roots: file.roots) }
        if outside { return renderer(for: file).render(edit.operation) }
        // Inside JSON held in a string: the string around the anchor holds it.
        let around = NodeLocator.containers(of: edit.anchor, in: file.roots).last
        guard let string = around, string.string != nil, let embedded = EmbeddedText(string: string, in: file.source) else {
            return nil
        }
        return embedded.render(edit.operation)
    }

    private func renderer(for file: File) -> EditRenderer {
        EditRenderer(
            bytes: file.source.bytes, syntax: DocumentParser.format(forPath: file.source.path, bytes: file.source.bytes),
            roots: file.roots)
    }
}

extension SourceFile {
    /// The bytes of a UTF-8 byte order mark at the start, which no edit may touch.
    var byteOrderMarkLength: Int { hasByteOrderMark ? 3 : 0 }
}
