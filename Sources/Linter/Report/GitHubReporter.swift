/// GitHub Actions workflow commands: `::error file=…,line=…::message` annotations.
public enum GitHubReporter {
    public static func render(_ context: ReportContext) -> String {
        var output = ""
        for finding in context.findings {
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            var properties = [
                "file=\(escapeProperty(finding.path))",
                "line=\(finding.range.start.line)",
                "col=\(finding.range.start.column)",
            ]
            properties.append("endLine=\(finding.range.end.line)")
            properties.append("endColumn=\(finding.range.end.column)")
            properties.append("title=\(escapeProperty("\(finding.ruleId) \(finding.ruleName)"))")
            output += "::\(command) \(properties.joined(separator: ","))::\(escapeData(finding.message))\n"
        }
        return output
    }

    /// Message text: `%`, CR and LF are escaped.
    public static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Property values additionally escape `:` and `,`.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

import Foundation
