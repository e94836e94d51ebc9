/// A stable, versioned JSON document for tools and editors.
public enum JSONReporter {
    public static func render(_ context: ReportContext) -> String {
        String(decoding: renderBytes(context), as: UTF8.self)
    }

    /// The document as UTF-8, ending with a line feed.
    public static func renderBytes(_ context: ReportContext) -> [UInt8] {
        let findings: [JSONValue] = context.findings.map { finding in
            .object([
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
            ])
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
}
