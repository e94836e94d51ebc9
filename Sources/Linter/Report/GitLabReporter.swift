import LinterCore

/// A GitLab Code Quality report (a subset of the Code Climate format).
public enum GitLabReporter {
    public static func render(_ context: ReportContext) -> String {
        String(decoding: renderBytes(context), as: UTF8.self)
    }

    /// The report as UTF-8, ending with a line feed.
    public static func renderBytes(_ context: ReportContext) -> [UInt8] {
        let issues: [JSONValue] = context.findings.map { finding in
            let severity: String
            switch finding.severity {
            case .error: severity = "major"
            case .warning: severity = "minor"
            case .note: severity = "info"
            }
            return .object([
                ("description", .string("\(finding.ruleId) \(finding.ruleName): \(finding.message)")),
                ("check_name", .string(finding.ruleName)),
                ("fingerprint", .string(finding.fingerprint)),
                ("severity", .string(severity)),
                ("location", .object([
                    ("path", .string(finding.path)),
                    ("lines", .object([("begin", .int(finding.range.start.line)), ("end", .int(finding.range.end.line))])),
                ])),
            ])
        }
        return JSONValue.array(issues).prettyLine
    }
}
