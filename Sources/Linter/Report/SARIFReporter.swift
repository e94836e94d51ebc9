#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinterCore

/// SARIF 2.1.0 for GitHub code scanning and other result viewers.
public enum SARIFReporter {
    public static let fingerprintKey = "ecslint/v1"

    public static func render(_ context: ReportContext, category: String? = nil) -> String {
        String(decoding: renderBytes(context, category: category), as: UTF8.self)
    }

    /// The log as UTF-8, ending with a line feed.
    public static func renderBytes(_ context: ReportContext, category: String? = nil) -> [UInt8] {
        let rules = context.outcome.rules.sorted { $0.metadata.id < $1.metadata.id }
        var ruleIndex: [String: Int] = [:]
        for (position, rule) in rules.enumerated() { ruleIndex[rule.metadata.id] = position }

        let descriptors: [JSONValue] = rules.map { rule in
            let metadata = rule.metadata
            var properties: [(String, JSONValue)] = [
                ("tags", .array(metadata.tags.prefix(10).map { .string($0) })),
                ("precision", .string("high")),
                ("problem.severity", .string(metadata.defaultSeverity.rawValue)),
            ]
            if let score = metadata.securitySeverity, metadata.tags.contains("security") {
                properties.append(("security-severity", .string(RuleDocRenderer.formatScore(score))))
            }
            var configuration: [(String, JSONValue)] = [("level", .string(rule.severity.rawValue))]
            if !rule.enabled { configuration.append(("enabled", .bool(false))) }
            return .object([
                ("id", .string(metadata.id)),
                ("name", .string(metadata.name)),
                ("shortDescription", .object([("text", .string(truncate(metadata.summary)))])),
                ("fullDescription", .object([("text", .string(truncate(firstParagraph(metadata.rationale))))])),
                ("help", .object([
                    ("text", .string(RuleDocRenderer.plainText(metadata))),
                    ("markdown", .string(RuleDocRenderer.markdown(metadata))),
                ])),
                ("helpUri", .string(metadata.documentationURI)),
                ("defaultConfiguration", .object(configuration)),
                ("properties", .object(properties)),
            ])
        }

        let results: [JSONValue] = context.findings.map { finding in
            var members: [(String, JSONValue)] = [("ruleId", .string(finding.ruleId))]
            if let index = ruleIndex[finding.ruleId] { members.append(("ruleIndex", .int(index))) }
            members.append(("level", .string(finding.severity.rawValue)))
            members.append(("message", .object([("text", .string(finding.message))])))
            members.append(("locations", .array([location(finding.path, finding.range)])))
            if !finding.related.isEmpty {
                members.append((
                    "relatedLocations",
                    .array(finding.related.enumerated().map { position, related in
                        var value = location(related.path, related.range, id: position + 1)
                        if case .object(var fields) = value {
                            fields.append(("message", .object([("text", .string(related.message))])))
                            value = .object(fields)
                        }
                        return value
                    })))
            }
            members.append(("partialFingerprints", .object([(fingerprintKey, .string(finding.fingerprint))])))
            if let fix = finding.fix { members.append(("fixes", .array([self.fix(fix)]))) }
            return .object(members)
        }

        let parseErrors = context.findings.filter { $0.ruleId == EngineRules.parseError.metadata.id }
        let notifications: [JSONValue] = parseErrors.map { finding in
            .object([
                ("level", .string("error")),
                ("message", .object([("text", .string("\(finding.path) was not fully analyzed: \(finding.message)"))])),
                ("descriptor", .object([("id", .string("parse-error"))])),
                ("locations", .array([location(finding.path, finding.range)])),
            ])
        }
        var invocation: [(String, JSONValue)] = [
            ("executionSuccessful", .bool(context.exitCode != .failure)),
            ("exitCode", .int(Int(context.exitCode.rawValue))),
        ]
        if context.sarifTimestamps {
            invocation.append(("endTimeUtc", .string(ProcessFacts.utcTimestamp())))
        }
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }

        let run: JSONValue = .object([
            ("tool", .object([
                ("driver", .object([
                    ("name", .string("ecslint")),
                    ("semanticVersion", .string(context.version)),
                    ("version", .string(context.version)),
                    ("informationUri", .string("https://github.com/ecslint/ecslint")),
                    ("rules", .array(descriptors)),
                    ("notifications", .array([
                        .object([
                            ("id", .string("parse-error")),
                            ("shortDescription", .object([("text", .string("A file could not be parsed and was not fully analyzed."))])),
                        ])
                    ])),
                ]))
            ])),
            ("automationDetails", .object([("id", .string((category ?? "ecslint") + "/"))])),
            ("columnKind", .string("utf16CodeUnits")),
            ("originalUriBaseIds", .object([
                ("%SRCROOT%", .object([("description", .object([("text", .string("The repository root."))]))]))
            ])),
            ("invocations", .array([.object(invocation)])),
            ("results", .array(results)),
        ])
        let log: JSONValue = .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return log.prettyLine
    }

    /// A `fix`: one artifact change per file, each edit a replacement of a region (empty for an
    /// insertion) by the inserted text.
    static func fix(_ fix: RenderedFix) -> JSONValue {
        let changes: [JSONValue] = fix.paths.map { path in
            let replacements: [JSONValue] = fix.edits.filter { $0.path == path }.map { edit in
                var members: [(String, JSONValue)] = [("deletedRegion", region(edit.range))]
                if !edit.replacement.isEmpty { members.append(("insertedContent", .object([("text", .string(edit.replacement))]))) }
                return .object(members)
            }
            return .object([("artifactLocation", artifactLocation(path)), ("replacements", .array(replacements))])
        }
        return .object([
            ("description", .object([("text", .string(fix.title))])),
            ("artifactChanges", .array(changes)),
            ("properties", .object([("safety", .string(fix.safety.rawValue))])),
        ])
    }

    static func artifactLocation(_ path: String) -> JSONValue {
        var artifact: [(String, JSONValue)] = [("uri", .string(uriReference(path)))]
        if !path.hasPrefix("/") { artifact.append(("uriBaseId", .string("%SRCROOT%"))) }
        return .object(artifact)
    }

    static func region(_ range: SourceRange) -> JSONValue {
        .object([
            ("startLine", .int(range.start.line)),
            ("startColumn", .int(range.start.column)),
            ("endLine", .int(range.end.line)),
            ("endColumn", .int(range.end.column)),
        ])
    }

    static func location(_ path: String, _ range: SourceRange, id: Int? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let id { members.append(("id", .int(id))) }
        members.append(("physicalLocation", .object([("artifactLocation", artifactLocation(path)), ("region", region(range))])))
        return .object(members)
    }

    /// A relative POSIX path as an RFC 3986 URI reference (absolute paths become `file://`).
    public static func uriReference(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            let isUnreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
                || byte == UInt8(ascii: "/")
            if isUnreserved {
                output.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                output.unicodeScalars.append(contentsOf: ["%", Unicode.Scalar(hex[Int(byte >> 4)]), Unicode.Scalar(hex[Int(byte & 0x0F)])])
            }
        }
        return path.hasPrefix("/") ? "file://" + output : output
    }

    static func truncate(_ text: String) -> String {
        text.count <= 1024 ? text : String(text.prefix(1021)) + "..."
    }

    static func firstParagraph(_ text: String) -> String {
        text.firstRange(of: "\n\n").map { String(text[..<$0.lowerBound]) } ?? text
    }
}
