import LinterCore

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
            var message = finding.message
            if let fix = finding.fix {
                message += " (fix available: \(fix.title); run ecslint \(fix.safety == .safe ? "--fix" : "--fix --unsafe-fixes"))"
            }
            output += "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }
        return output
    }

    /// Message text: `%`, CR and LF are escaped.
    public static func escapeData(_ text: String) -> String {
        percentEscaping(text, property: false)
    }

    /// Property values additionally escape `:` and `,`.
    public static func escapeProperty(_ text: String) -> String {
        percentEscaping(text, property: true)
    }

    /// One pass over the UTF-8, and the text itself when nothing needs escaping (the common
    /// case): a search-and-replace per escaped character, five per finding, costs more than the
    /// lint of a large template.
    static func percentEscaping(_ text: String, property: Bool) -> String {
        func escape(_ byte: UInt8) -> String? {
            switch byte {
            case UInt8(ascii: "%"): return "%25"
            case 0x0D: return "%0D"
            case 0x0A: return "%0A"
            case UInt8(ascii: ":") where property: return "%3A"
            case UInt8(ascii: ",") where property: return "%2C"
            default: return nil
            }
        }
        guard text.utf8.contains(where: { escape($0) != nil }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if let escaped = escape(byte) { bytes += escaped.utf8 } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
