import LinterCore

/// Turns violations, anchored on byte ranges, into findings: keeps those the run reports (in
/// focus, not repeated), finds each one's file, places its range and related locations by line
/// and column, makes absolute paths in its message relative, and renders its fix into text edits.
struct FindingPlacement {
    var sources: [String: SourceFile]
    var paths: RelativePaths
    /// The documents' root nodes per file: fingerprints and fixes locate nodes in them.
    var rootsByPath: [String: [Node]]
    /// Files read as templates: a fix cannot be written into what a template renders.
    var renderedTemplates: Set<String>
    var workers: Int

    init(sources: [String: SourceFile], paths: RelativePaths, documents: [ModelDocument], workers: Int) {
        self.sources = sources
        self.paths = paths
        rootsByPath = Dictionary(grouping: documents, by: \.path).mapValues { $0.map(\.root) }
        renderedTemplates = Set(documents.filter(\.isRenderedTemplate).map(\.path))
        self.workers = workers
    }

    /// The violations to report, each with the file it is placed in.
    struct Placed: Sendable {
        var items: [RuleViolation]
        var files: [PlacedFile]
        /// `files[fileIndices[i]]` is the file of `items[i]`.
        var fileIndices: [Int]
    }

    /// Keeps the violations in `focus` (or with a related location in it), and one of each set of
    /// identical ones: a Terraform module called from several places is evaluated once per call,
    /// so a problem written in it is found once per call. Then looks up each one's file, once per
    /// run of violations in the same file (they come grouped by rule and file).
    func narrow(_ violations: consuming [RuleViolation], focus: Set<String>?) -> Placed {
        var kept = consume violations
        if let focus {
            var lastPath: String?
            var lastInFocus = false
            kept.removeAll { item in
                let location = item.violation.location
                if location.path != lastPath {
                    lastPath = location.path
                    lastInFocus = focus.contains(location.path)
                }
                return !lastInFocus && !item.violation.related.contains { focus.contains($0.location.path) }
            }
        }
        var seen: Set<RepeatedFinding> = []
        kept.removeAll { item in
            !seen.insert(RepeatedFinding(rule: item.rule, location: item.violation.location, message: item.violation.message)).inserted
        }
        var files: [PlacedFile] = []
        var fileIndexByPath: [String: Int] = [:]
        var fileIndices: [Int] = []
        fileIndices.reserveCapacity(kept.count)
        var lastPath: String?
        var lastIndex = 0
        for item in kept {
            let path = item.violation.location.path
            if path != lastPath {
                if let known = fileIndexByPath[path] {
                    lastIndex = known
                } else {
                    lastIndex = files.count
                    fileIndexByPath[path] = lastIndex
                    files.append(PlacedFile(source: sources[path], relativePath: paths.relative(path), roots: rootsByPath[path] ?? []))
                }
                lastPath = path
            }
            fileIndices.append(lastIndex)
        }
        return Placed(items: kept, files: files, fileIndices: fileIndices)
    }

    /// One finding per placed violation, in the same order, with its fix rendered.
    func findings(_ placed: Placed, table: RuleTable) -> [Finding] {
        let unplaced = SourceRange(
            start: SourcePosition(offset: 0, line: 1, column: 1), end: SourcePosition(offset: 0, line: 1, column: 1))
        let messagePaths = MessagePaths(root: paths.root, paths: sources.keys)
        let sources = sources
        let paths = paths
        var findings = ParallelMap.map(Array(placed.items.indices), workers: workers) { position in
            let item = placed.items[position]
            let file = placed.files[placed.fileIndices[position]]
            let range = file.source.map { $0.range(of: $0.visibleRange(item.violation.location.range)) } ?? unplaced
            let related = item.violation.related.map { related in
                RelatedFinding(
                    path: paths.relative(related.location.path),
                    range: sources[related.location.path]?.range(of: related.location.range) ?? unplaced,
                    message: messagePaths.relativize(related.message))
            }
            return Finding(
                ruleId: table.ids[item.rule], ruleName: table.names[item.rule], severity: item.severity,
                message: messagePaths.relativize(item.violation.message), path: file.relativePath, range: range,
                related: related)
        }
        // Few findings carry a fix, but a template of thousands of resources can have thousands:
        // they are rendered in parallel too.
        let fixed = placed.items.indices.filter { placed.items[$0].violation.fix != nil }
        guard !fixed.isEmpty else { return findings }
        var files: [String: FixRenderer.File] = [:]
        for path in Set(fixed.flatMap { placed.items[$0].violation.fix?.edits.map(\.path) ?? [] }) {
            guard let source = sources[path] else { continue }
            files[path] = FixRenderer.File(
                source: source, roots: rootsByPath[path] ?? [], displayPath: paths.relative(path),
                isRenderedTemplate: renderedTemplates.contains(path))
        }
        let renderer = FixRenderer(files: files)
        let rendered = ParallelMap.map(fixed, workers: workers) { position in
            placed.items[position].violation.fix.flatMap { renderer.render($0) }
        }
        for (position, fix) in zip(fixed, rendered) { findings[position].fix = fix }
        return findings
    }
}

/// What placing a finding needs of its file, looked up once per file.
struct PlacedFile: Sendable {
    var source: SourceFile?
    var relativePath: String
    var roots: [Node]
}

/// What makes two findings the same finding.
struct RepeatedFinding: Hashable {
    var rule: Int
    var location: Location
    var message: String
}

extension SourceFile {
    /// An empty range (a parse error at a line end, an empty value) widened to one character, so
    /// editors can underline it and SARIF regions have `endColumn > startColumn`.
    func visibleRange(_ range: ByteRange) -> ByteRange {
        guard range.length == 0 else { return range }
        var start = range.start
        if start >= bytes.count {
            // At the end of the file: point at the last character written.
            var last = bytes.count
            while last > 0 && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x0A || bytes[last - 1] == 0x0D || bytes[last - 1] == 0x09) {
                last -= 1
            }
            guard last > 0 else { return range }
            start = last
        }
        if start >= bytes.count || bytes[start] == 0x0A || bytes[start] == 0x0D {
            // At a line end or the end of the file: take the character before, if on the same line.
            guard start > 0, bytes[start - 1] != 0x0A, bytes[start - 1] != 0x0D else { return range }
            start -= 1
            while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        var end = start + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return ByteRange(start: start, end: min(end, bytes.count))
    }
}
