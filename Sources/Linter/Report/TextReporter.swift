/// `path:line:col: severity: message [ID name]`, one line per finding, which editors and CI
/// problem matchers parse; optionally followed by a code frame.
public enum TextReporter {
    public static func render(_ context: ReportContext) -> String {
        var output = ""
        for finding in context.findings {
            let location = "\(context.displayPath(finding.path)):\(finding.range.start.line):\(finding.range.start.column)"
            let severity = paint(finding.severity.rawValue, color(for: finding.severity), context.color)
            output += "\(paint(location, "1", context.color)): \(severity): \(finding.message) [\(finding.ruleId) \(finding.ruleName)]\n"
            if context.showSource, let source = context.outcome.sources[finding.path] {
                output += codeFrame(finding.range, source, color: context.color)
            }
            for related in finding.related {
                output += "  \(context.displayPath(related.path)):\(related.range.start.line):\(related.range.start.column): note: \(related.message)\n"
            }
        }
        return output
    }

    static func color(for severity: Severity) -> String {
        switch severity {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .note: return "1;36"
        }
    }

    static func paint(_ text: String, _ code: String, _ enabled: Bool) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The source line with a caret underline under the finding's range (first line only).
    static func codeFrame(_ range: SourceRange, _ source: SourceFile, color: Bool) -> String {
        let line = range.start.line
        let text = source.lineText(line).replacingOccurrences(of: "\t", with: " ")
        let gutter = String(line)
        let startColumn = max(1, range.start.column)
        let endColumn = range.end.line == line ? max(range.end.column, startColumn + 1) : text.utf16.count + 1
        let width = max(1, min(endColumn, text.utf16.count + 1) - startColumn)
        let padding = String(repeating: " ", count: gutter.count)
        let underline = String(repeating: " ", count: startColumn - 1) + "^" + String(repeating: "~", count: max(0, width - 1))
        return "\(padding) |\n\(gutter) | \(text)\n\(padding) | \(paint(underline, "1;31", color))\n"
    }
}

import Foundation
