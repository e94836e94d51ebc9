import LinterCore

/// A stable, versioned JSON document for tools and editors.
public enum JSONReporter {
    public static func render(_ context: ReportContext) -> String {
        String(decoding: renderBytes(context), as: UTF8.self)
    }

    /// The document as UTF-8, ending with a line feed.
    public static func renderBytes(_ context: ReportContext) -> [UInt8] {
        let findings: [JSONValue] = context.findings.map { finding in
            var members: [(String, JSONValue)] = [
                ("id", .string(finding.ruleId)),
                ("name", .string(finding.ruleName)),
                ("severity", .string(finding.severity.rawValue)),
                ("path", .string(finding.path)),
                ("line", .int(finding.range.start.line)),
                ("column", .int(finding.range.start.column)),
                ("endLine", .int(finding.range.end.line)),
                ("endColumn", .int(finding.range.end.column)),
                ("message", .string(finding.message)),
                ("related", .array(finding.related.map { related in
                    .object([
                        ("path", .string(related.path)),
                        ("line", .int(related.range.start.line)),
                        ("column", .int(related.range.start.column)),
                        ("endLine", .int(related.range.end.line)),
                        ("endColumn", .int(related.range.end.column)),
                        ("message", .string(related.message)),
                    ])
                })),
                ("fingerprint", .string(finding.fingerprint)),
            ]
            if let fix = finding.fix { members.append(("fix", self.fix(fix))) }
            return .object(members)
        }
        let counts = Dictionary(grouping: context.findings, by: \.severity).mapValues(\.count)
        let document = JSONValue.object([
            ("version", .int(1)),
            ("findings", .array(findings)),
            ("summary", .object([
                ("files", .int(context.outcome.fileCount)),
                ("unrecognizedFiles", .int(context.outcome.unrecognizedPaths.count)),
                ("errors", .int(counts[.error] ?? 0)),
                ("warnings", .int(counts[.warning] ?? 0)),
                ("notes", .int(counts[.note] ?? 0)),
            ])),
        ])
        return document.prettyLine
    }

    /// A finding's fix: byte offsets to apply it, lines and UTF-16 columns to show it.
    static func fix(_ fix: RenderedFix) -> JSONValue {
        .object([
            ("title", .string(fix.title)),
            ("safety", .string(fix.safety.rawValue)),
            ("edits", .array(fix.edits.map { edit in
                .object([
                    ("path", .string(edit.path)),
                    ("line", .int(edit.range.start.line)),
                    ("column", .int(edit.range.start.column)),
                    ("endLine", .int(edit.range.end.line)),
                    ("endColumn", .int(edit.range.end.column)),
                    ("offset", .int(edit.range.start.offset)),
                    ("length", .int(edit.range.end.offset - edit.range.start.offset)),
                    ("text", .string(edit.replacement)),
                ])
            })),
        ])
    }
}
