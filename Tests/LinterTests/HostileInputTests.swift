import Foundation
import Testing

@testable import LinterCore
@testable import Linter
@testable import LinterCLI
import TestKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Hostile input: every parse limit, every odd encoding, every filesystem trap. Each must end in a
// positioned error or a skipped-file notice, never a crash, a hang or a silently dropped file.

private func jsonError(_ bytes: [UInt8], limits: ParseLimits = .default) -> ParseError? {
    do {
        _ = try JSONParser(limits: limits).parse(bytes)
        return nil
    } catch {
        return error
    }
}

private func yamlError(_ bytes: [UInt8], limits: ParseLimits = .default) -> ParseError? {
    do {
        _ = try YAMLParser(limits: limits).parse(bytes)
        return nil
    } catch {
        return error
    }
}

private func analyze(_ path: String, _ bytes: [UInt8], limits: ParseLimits = .default) -> FileAnalysis {
    FileAnalysis.analyze(SourceFile(path: path, bytes: bytes), limits: limits)
}

/// A YAML billion-laughs bomb: `levels` anchors, each aliasing the previous one ten times.
func billionLaughs(levels: Int = 9) -> String {
    var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in 1...levels {
        let previous = "*a\(level - 1)"
        text += "a\(level): &a\(level) [" + Array(repeating: previous, count: 10).joined(separator: ", ") + "]\n"
    }
    return text
}

/// `depth` nested block mappings, two spaces per level.
func deepBlockYAML(depth: Int) -> String {
    var text = ""
    for level in 0..<depth {
        text += String(repeating: "  ", count: level) + "k:\n"
    }
    return text + String(repeating: "  ", count: depth) + "v\n"
}

/// A rule that always throws, to check the engine's isolation of failing rules.
struct ThrowingRule: Rule {
    struct Boom: Error, CustomStringConvertible {
        var description: String { "boom: index out of range" }
    }

    let located: Bool
    var metadata: RuleMetadata {
        RuleMetadata(
            id: located ? "TST901" : "TST902", name: located ? "throws-located" : "throws-plain", summary: "Throws.",
            rationale: "Test.", defaultSeverity: .warning, category: .engine)
    }

    func check(_ context: RuleContext) throws -> [Violation] {
        if located, let task = context.project.taskDefinitions.first {
            throw RuleFailure("cannot read the family", at: task.family.location)
        }
        throw Boom()
    }
}

/// A rule that reports every task definition family.
struct FamilyRule: Rule {
    var metadata: RuleMetadata {
        RuleMetadata(
            id: "TST900", name: "report-family", summary: "Reports families.", rationale: "Test.",
            defaultSeverity: .warning, category: .engine)
    }

    func check(_ context: RuleContext) throws -> [Violation] {
        context.project.taskDefinitions.map { Violation("family \($0.family.value ?? "?")", at: $0.family.location) }
    }
}

let taskDefinitionText = #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest", "essential": true}]}"#

@Suite("Hostile input: parse limits")
struct HostileInputLimitTests {
    @Test func jsonNestingDepthIsLimitedWithAPosition() throws {
        let bytes = Array(String(repeating: "[", count: 100_000).utf8)
        let error = try #require(jsonError(bytes))
        #expect(error.message == "nesting is deeper than the limit of 512 levels")
        #expect(error.offset == 512)
        let small = try #require(jsonError(Array(#"{"a": {"b": {"c": [1]}}}"#.utf8), limits: ParseLimits(maxDepth: 3)))
        #expect(small.message.contains("limit of 3 levels"))
        #expect(small.offset == 18)
        #expect(jsonError(Array(#"{"a": {"b": {"c": 1}}}"#.utf8), limits: ParseLimits(maxDepth: 3)) == nil)
    }

    @Test func yamlNestingDepthIsLimitedInFlowAndBlockStyle() throws {
        let flow = try #require(yamlError(Array(String(repeating: "[", count: 100_000).utf8)))
        #expect(flow.message.contains("nesting is deeper than the limit of 512 levels"))
        #expect(flow.offset == 512)
        let block = try #require(yamlError(Array(deepBlockYAML(depth: 600).utf8)))
        #expect(block.message.contains("nesting is deeper than the limit of 512 levels"))
        let position = SourceFile(path: "deep.yaml", text: deepBlockYAML(depth: 600)).position(of: block.offset)
        #expect(position.line == 513)
        #expect(yamlError(Array(deepBlockYAML(depth: 600).utf8), limits: ParseLimits(maxDepth: 1000)) == nil)
        let configured = try #require(yamlError(Array("a: {b: [c, [d]]}\n".utf8), limits: ParseLimits(maxDepth: 3)))
        #expect(configured.message.contains("limit of 3 levels"))
    }

    /// Found by reasoning about the fuzz harness: each alias used to count as a leaf, so a chain of
    /// anchors, each nesting the previous alias 500 levels deeper, built a tree of ~9500 levels
    /// within the expansion limit (a stack-overflow risk for every recursive consumer).
    @Test func aliasChainsCannotNestDeeperThanTheLimit() throws {
        var lines = ["a0: &a0 " + String(repeating: "[", count: 500) + "x" + String(repeating: "]", count: 500)]
        for level in 1..<19 {
            lines.append(
                "a\(level): &a\(level) " + String(repeating: "[", count: 500) + "*a\(level - 1)"
                    + String(repeating: "]", count: 500))
        }
        let text = lines.joined(separator: "\n") + "\n"
        let error = try #require(yamlError(Array(text.utf8)))
        #expect(error.message == "nesting is deeper than the limit of 512 levels (through alias 'a0')")
        #expect(SourceFile(path: "x.yaml", text: text).position(of: error.offset).line == 2)

        let limits = ParseLimits(maxDepth: 3)
        #expect(yamlError(Array("a: &a [x]\nb: [*a]\n".utf8), limits: limits) == nil)
        let deeper = try #require(yamlError(Array("a: &a [[x]]\nb: [*a]\n".utf8), limits: limits))
        #expect(deeper.message.contains("(through alias 'a')"))
        #expect(deeper.offset == 16)
        // Scalars add no level; block collections count like flow ones.
        #expect(yamlError(Array("a: &a x\nb: [[*a]]\n".utf8), limits: limits) == nil)
        #expect(yamlError(Array("a: &a\n  k:\n    - v\nb:\n  c: *a\n".utf8), limits: ParseLimits(maxDepth: 4)) == nil)
        #expect(yamlError(Array("a: &a\n  k:\n    - v\nb:\n  c: *a\n".utf8), limits: limits) != nil)
    }

    /// The expansion limit stops the parse (how fast is `Scripts/bench`'s business, not a test's).
    @Test func billionLaughsStopAtTheExpansionLimit() throws {
        let error = try #require(yamlError(Array(billionLaughs().utf8)))
        #expect(error.message.contains("alias expansion exceeds the limit of 100000 nodes"))
        // The position is the alias that crossed the limit.
        let text = billionLaughs()
        let bytes = Array(text.utf8)
        #expect(bytes[error.offset] == UInt8(ascii: "*"))
        // Configurable, and modest reuse stays fine.
        let small = "base: &b {cpu: 256}\none: *b\ntwo: *b\nthree: *b\n"
        #expect(yamlError(Array(small.utf8)) == nil)
        let limited = try #require(yamlError(Array(small.utf8), limits: ParseLimits(maxAliasExpansion: 5)))
        #expect(limited.message.contains("limit of 5 nodes"))
        // Each alias of the three-node mapping costs three nodes: the second one crosses 5.
        #expect(SourceFile(path: "x.yaml", text: small).position(of: limited.offset).line == 3)
    }

    @Test func documentsPerFileAreLimited() throws {
        let many = String(repeating: "---\na: 1\n", count: 1_001)
        let error = try #require(yamlError(Array(many.utf8)))
        #expect(error.message.contains("more than the limit of 1000 documents"))
        #expect(SourceFile(path: "x.yaml", text: many).position(of: error.offset).line == 2001)
        let three = "a: 1\n---\nb: 2\n---\nc: 3\n"
        #expect(yamlError(Array(three.utf8), limits: ParseLimits(maxDocuments: 3)) == nil)
        let limited = try #require(yamlError(Array(three.utf8), limits: ParseLimits(maxDocuments: 2)))
        #expect(limited.message.contains("limit of 2 documents"))
        let analysis = analyze("x.yaml", Array(three.utf8), limits: ParseLimits(maxDocuments: 2))
        #expect(analysis.parseError?.message.contains("limit of 2 documents") == true)
    }

    @Test func stringLengthIsLimitedInEveryScalarStyle() throws {
        let limits = ParseLimits(maxStringLength: 16)
        let long = String(repeating: "x", count: 17)
        let json = try #require(jsonError(Array(#"{"ok": "short", "a": "\#(long)"}"#.utf8), limits: limits))
        #expect(json.message == "string is longer than the limit of 16 bytes")
        #expect(json.offset == 21)
        let escaped = try #require(jsonError(Array(#"["\n\#(long)"]"#.utf8), limits: limits))
        #expect(escaped.message.contains("limit of 16 bytes"))
        for yaml in [
            "a: \(long)\n", "a: '\(long)'\n", "a: \"\(long)\"\n", "a: |\n  \(long)\n", "a: >\n  \(long)\n",
            "\(long): b\n",
        ] {
            let error = try #require(yamlError(Array(yaml.utf8), limits: limits), "\(yaml)")
            #expect(error.message.contains("longer than the limit of 16 bytes"), "\(yaml)")
        }
        #expect(yamlError(Array("a: \(String(repeating: "x", count: 16))\n".utf8), limits: limits) == nil)
    }

    @Test func invalidUTF8IsAPositionedErrorNamingTheOffset() throws {
        let json: [UInt8] = Array(#"{"a": ""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        let jsonFailure = try #require(jsonError(json))
        #expect(jsonFailure.offset == 7)
        #expect(jsonFailure.message.contains("invalid UTF-8"))
        #expect(jsonFailure.message.contains("byte offset 7"))
        let truncated: [UInt8] = Array(#"{"a": ""#.utf8) + [0xE2, 0x82]
        #expect(try #require(jsonError(truncated)).message.contains("byte offset 7"))

        let yaml: [UInt8] = Array("image: nginx\nname: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let yamlFailure = try #require(yamlError(yaml))
        #expect(yamlFailure.offset == 19)
        #expect(yamlFailure.message.contains("invalid UTF-8"))
        #expect(yamlFailure.message.contains("byte offset 19"))
        // In a comment too: comments are decoded for suppression directives.
        let comment: [UInt8] = Array("a: 1 # ".utf8) + [0xED, 0xA0, 0x80] + [0x0A]
        #expect(try #require(yamlError(comment)).message.contains("byte offset 7"))

        let analysis = analyze("/p/t.yaml", yaml)
        let error = try #require(analysis.parseError)
        #expect(error.formatted(in: analysis.source).hasPrefix("/p/t.yaml:2:7: error: invalid UTF-8"))
    }

    @Test func utf16WithAByteOrderMarkIsAClearEncodingError() throws {
        let text = #"{"family": "web"}"#
        let littleEndian: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bigEndian: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [littleEndian, bigEndian] {
            #expect(!DocumentParser.looksBinary(bytes), "a BOM marks text even though UTF-16 holds NUL bytes")
            for path in ["t.json", "t.yaml", "t.template"] {
                let analysis = analyze(path, bytes)
                #expect(analysis.skipReason == nil)
                let error = try #require(analysis.parseError, "\(path)")
                #expect(error.message == "unsupported encoding: UTF-16 (save the file as UTF-8)")
                #expect(error.offset == 0)
            }
        }
    }

    @Test func nulBytesMarkBinaryFilesThatAreSkipped() {
        let bytes: [UInt8] = Array("{\"a\": 1}".utf8) + [0, 1, 2]
        #expect(DocumentParser.looksBinary(bytes))
        let analysis = analyze("image.json", bytes)
        #expect(analysis.skipReason?.contains("binary") == true)
        #expect(analysis.parseError == nil)
        #expect(analysis.documents.isEmpty)
        // UTF-16 without a byte order mark is indistinguishable from binary: skipped too.
        #expect(DocumentParser.looksBinary(Array("{}".utf16.flatMap { [UInt8($0), 0] })))
    }

    @Test func emptyAndCommentOnlyFilesHaveNoFinding() {
        for (path, text) in [
            ("empty.yaml", ""), ("empty.json", ""), ("blank.json", " \n\t\r\n"), ("blank.yaml", "\n\n  \n"),
            ("bom.json", "\u{FEFF}"), ("comments.yaml", "# only a comment\n   # and another\n"),
            ("comments.yml", "# no trailing newline"),
        ] {
            let analysis = analyze(path, Array(text.utf8))
            #expect(analysis.parseError == nil, "\(path): \(analysis.parseError?.message ?? "")")
            #expect(analysis.skipReason == nil)
            #expect(!analysis.isRecognized)
        }
        // JSON has no comments. A commented file that names nothing ecslint lints is JSONC
        // (tsconfig.json and friends) and is skipped; one that looks like an ECS input is an error.
        #expect(analyze("comments.json", Array("// just a comment\n".utf8)).parseError == nil)
        let json = analyze("taskdef.json", Array("// containerDefinitions\n".utf8))
        #expect(json.parseError?.offset == 0)
    }

    /// A minified file is one long line: columns are counted from a checkpoint, not the line
    /// start (positions used to cost O(line length) each, quadratic in the findings).
    @Test func columnsOnALongMinifiedLineAreExactAndCheap() {
        var bytes: [UInt8] = Array("first line\n".utf8)
        let pieces = ["a", "é", "🐳", "€", "xyz"].map { Array($0.utf8) }
        var index = 0
        while bytes.count < 50_000 {
            bytes += pieces[index % pieces.count]
            index += 1
        }
        bytes += Array("\nlast".utf8)
        let file = SourceFile(path: "min.json", bytes: bytes)
        let lineStart = file.lineStart(2)
        for offset in stride(from: lineStart, to: bytes.count - 5, by: 997) + [lineStart + 4096, lineStart + 4097, 8192, 12288] {
            let position = file.position(of: offset)
            let naive = SourceFile.utf16Length(bytes, from: lineStart, to: offset) + 1
            #expect(position.line == 2)
            #expect(position.column == naive, "offset \(offset)")
        }
        #expect(file.position(of: bytes.count).line == 3)
        #expect(file.position(of: bytes.count).column == 5)
        #expect(file.position(of: 4).column == 5)
    }

    /// A code frame on a minified line shows a window around the finding: printing the whole
    /// line for each of N findings made `--show-source` output (and memory) grow as N × line.
    @Test func codeFramesOnLongLinesAreWindowed() throws {
        let padding = String(repeating: #"{"k":"vé"},"#, count: 5_000)
        let text = #"{"a":["# + padding + #""nginx:latest","# + padding + #"1]}"#
        let file = SourceFile(path: "min.json", text: text)
        let start = Array(text.utf8).firstIndex(of: UInt8(ascii: "n"))!
        let range = file.range(of: ByteRange(start: start - 1, end: start + 13))
        let frame = TextReporter.codeFrame(range, file, color: false)
        let lines = frame.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(frame.utf8.count < 1_000)
        #expect(lines[1].hasPrefix("1 | …"))
        #expect(lines[1].hasSuffix("…"))
        let shown = Array(lines[1].dropFirst(4).utf16)
        let underline = Array(lines[2].dropFirst(4).utf16)
        let caret = try #require(underline.firstIndex(of: UInt16(UInt8(ascii: "^"))))
        #expect(String(decoding: shown[caret..<(caret + 14)], as: UTF16.self) == #""nginx:latest""#)
        #expect(underline.count - caret == 14)
        // Short lines are unchanged.
        let short = SourceFile(path: "s.json", text: #"{"image": "nginx:latest"}"#)
        #expect(
            TextReporter.codeFrame(short.range(of: ByteRange(start: 10, end: 24)), short, color: false)
                == "  |\n1 | {\"image\": \"nginx:latest\"}\n  |           ^~~~~~~~~~~~~~\n")
    }

    @Test func limitsAreConfigurableInEcslintJSON() throws {
        let text = #"{"limits": {"maxDepth": 7, "maxAliasExpansion": 70, "maxDocuments": 3, "maxStringLength": 99, "maxFileSize": 1234}}"#
        let configuration = try ConfigurationLoader().parse(SourceFile(path: "/p/.ecslint.json", text: text), rootDirectory: "/p")
        #expect(configuration.limits == ParseLimits(maxDepth: 7, maxAliasExpansion: 70, maxDocuments: 3, maxStringLength: 99))
        #expect(configuration.maxFileSize == 1234)
        let ceiling = try ConfigurationLoader().parse(
            SourceFile(path: "/p/.ecslint.json", text: #"{"limits": {"maxDepth": 1024, "maxFileSize": 9223372036854775807}}"#),
            rootDirectory: "/p")
        #expect(ceiling.limits.maxDepth == 1024)
        // The largest file size limit must not overflow the bounded read.
        let directory = try TemporaryProject(git: false)
        try directory.write("t.json", taskDefinitionText)
        if case .loaded(let bytes) = FileLoader.load(directory.path + "/t.json", maxSize: ceiling.maxFileSize) {
            #expect(bytes.count == taskDefinitionText.utf8.count)
        } else {
            Issue.record("not loaded with maxFileSize Int.max")
        }
        // At the ceiling, the deepest input parses in this (debug) build without exhausting the stack.
        let deepest = String(repeating: "[", count: 1023) + String(repeating: "]", count: 1023)
        #expect(jsonError(Array(deepest.utf8), limits: ceiling.limits) == nil)
        #expect(Configuration(rootDirectory: "/p").maxFileSize == 20 * 1024 * 1024)
        #expect(ParseLimits.default == ParseLimits(maxDepth: 512, maxAliasExpansion: 100_000, maxDocuments: 1_000, maxStringLength: 8 * 1024 * 1024))

        for (bad, message) in [
            (#"{"limits": {"maxDepth": 0}}"#, "limits.maxDepth must be a positive integer"),
            (#"{"limits": {"maxDepth": "deep"}}"#, "limits.maxDepth must be a positive integer"),
            (#"{"limits": {"maxFileSize": -1}}"#, "limits.maxFileSize must be a positive integer"),
            (#"{"limits": {"maxDeph": 3}}"#, "unknown key 'maxDeph' in limits"),
            (#"{"limits": {"maxDepth": 100000}}"#, "limits.maxDepth must be at most 1024"),
        ] {
            do {
                _ = try ConfigurationLoader().parse(SourceFile(path: "/p/.ecslint.json", text: bad), rootDirectory: "/p")
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.message.contains(message), "\(error.message)")
                #expect(error.position != nil)
            }
        }
    }

    @Test func embeddedJSONHonoursTheLimitsAndMapsTheErrorPosition() throws {
        let deep = String(repeating: "[", count: 20)
        let text = "registryId: \"1\"\nrepositoryName: web\nlifecyclePolicyText: '\(deep)'\n"
        let analysis = analyze("/p/policy.yaml", Array(text.utf8), limits: ParseLimits(maxDepth: 10))
        let problem = try #require(analysis.documents.first?.problems.first)
        #expect(problem.message.contains("limit of 10 levels"))
        let source = SourceFile(path: "/p/policy.yaml", text: text)
        #expect(source.position(of: problem.location.range.start).line == 3)
    }
}

@Suite("Hostile input: filesystem")
struct HostileInputFilesystemTests {
    private func engine(_ root: String, maxFileSize: Int = Configuration.defaultMaxFileSize) throws -> LintEngine {
        var configuration = Configuration(rootDirectory: root)
        configuration.maxFileSize = maxFileSize
        return LintEngine(registry: try RuleRegistry([FamilyRule()]), configuration: configuration, workers: 2)
    }

    @Test func symbolicLinkLoopsAreNotFollowedAndSaySo() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write("a/task.json", taskDefinitionText)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/a/loop", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/self", withDestinationPath: "self")
        let outcome = try engine(directory.path).lint(paths: [directory.path], workingDirectory: directory.path)
        let skipped = outcome.findings.filter { $0.ruleId == "ECS003" }
        #expect(skipped.contains { $0.path == "a/loop" && $0.message == "symbolic link loop, not followed" })
        #expect(outcome.findings.filter { $0.ruleId == "TST900" }.map(\.path) == ["a/task.json"])
    }

    @Test func symbolicLinksOutOfTheTreeAreNotFollowedAndSaySo() throws {
        let outside = try TemporaryProject(git: false)
        try outside.write("secret.json", taskDefinitionText)
        try outside.write("credentials.yaml", "aws_secret_access_key: wJalrXUtnFEMI/K7MDENG\n")
        let directory = try TemporaryProject(git: false)
        try directory.write("task.json", taskDefinitionText)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/elsewhere", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/leak.yaml", withDestinationPath: outside.path + "/credentials.yaml")
        try directory.write("sub/inner.json", taskDefinitionText)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/alias.json", withDestinationPath: "sub/inner.json")
        let outcome = try engine(directory.path).lint(paths: [directory.path], workingDirectory: directory.path)
        let skipped = Dictionary(
            outcome.findings.filter { $0.ruleId == "ECS003" }.map { ($0.path, $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(skipped["elsewhere"] == "symbolic link to a directory outside the linted tree, not followed")
        #expect(skipped["leak.yaml"] == "symbolic link to a file outside the linted tree, not followed")
        #expect(outcome.sources.keys.sorted() == ["alias.json", "sub/inner.json", "task.json"])
        #expect(!outcome.sources.values.contains { String(decoding: $0.bytes, as: UTF8.self).contains("wJalrXUtnFEMI") })
    }

    @Test func unreadableFilesAreFindingsAndTheRestStillLints() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write("good.json", taskDefinitionText)
        try directory.write("locked.json", taskDefinitionText)
        let locked = directory.path + "/locked.json"
        #expect(chmod(locked, 0) == 0)
        defer { chmod(locked, 0o644) }
        guard access(locked, R_OK) != 0 else {
            // Running as root: permission bits do not stop reads, so there is nothing to test.
            return
        }
        let outcome = try engine(directory.path).lint(paths: [directory.path], workingDirectory: directory.path)
        let skipped = outcome.findings.filter { $0.ruleId == "ECS003" }
        #expect(skipped.map(\.path) == ["locked.json"])
        #expect(skipped.first?.message.contains("permission denied") == true)
        #expect(outcome.findings.filter { $0.ruleId == "TST900" }.map(\.path) == ["good.json"])
    }

    /// Root ignores permission bits; /proc/self/mem is a regular file whose first page cannot be
    /// read by anyone, so the read-error path is tested even as root.
    @Test func readErrorsAreFindingsEvenAsRoot() throws {
        let memory = "/proc/self/mem"
        guard FileManager.default.fileExists(atPath: memory) else { return }
        guard case .unreadable(let reason) = FileLoader.load(memory, maxSize: 1024) else {
            Issue.record("\(memory) was read")
            return
        }
        #expect(reason == "file cannot be read: Input/output error")
        let directory = try TemporaryProject(git: false)
        try directory.write("good.json", taskDefinitionText)
        let outcome = try engine(directory.path).lint(paths: [".", memory], workingDirectory: directory.path)
        #expect(outcome.findings.filter { $0.ruleId == "ECS003" }.map(\.message) == ["file cannot be read: Input/output error"])
        #expect(outcome.findings.filter { $0.ruleId == "TST900" }.map(\.path) == ["good.json"])
    }

    @Test func tooLargeFilesAreSkippedWithAWarning() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write("big.json", taskDefinitionText)
        try directory.write("small.json", "{}")
        let outcome = try engine(directory.path, maxFileSize: 50).lint(paths: [directory.path], workingDirectory: directory.path)
        let skipped = try #require(outcome.findings.first { $0.ruleId == "ECS003" })
        #expect(skipped.path == "big.json")
        #expect(skipped.severity == .warning)
        #expect(skipped.message.contains("larger than the limit of 50 bytes"))
        #expect(outcome.sources["big.json"] == nil)
        // The read itself is bounded by the limit, whatever the size reported before the read.
        if case .skipped(let reason) = FileLoader.load(directory.path + "/big.json", maxSize: 10) {
            #expect(reason.contains("limit of 10 bytes"))
        } else {
            Issue.record("a file over the limit was loaded")
        }
        if case .loaded(let bytes) = FileLoader.load(directory.path + "/big.json", maxSize: taskDefinitionText.utf8.count) {
            #expect(bytes.count == taskDefinitionText.utf8.count)
        } else {
            Issue.record("a file exactly at the limit was not loaded")
        }
    }

    @Test func nonRegularFilesNamedExplicitlyAreSkippedWithoutBlocking() throws {
        let directory = try TemporaryProject(git: false)
        let fifo = directory.path + "/pipe.json"
        #expect(mkfifo(fifo, 0o644) == 0)
        // Opening a FIFO for reading would block until a writer appears.
        guard case .skipped(let reason) = FileLoader.load(fifo, maxSize: 100) else {
            Issue.record("a FIFO was not skipped")
            return
        }
        #expect(reason == "not a regular file; skipped")
        let outcome = try engine(directory.path).lint(paths: [fifo], workingDirectory: directory.path)
        #expect(outcome.findings.map(\.ruleId) == ["ECS003"])
        // A directory walk ignores such files altogether.
        try directory.write("task.json", taskDefinitionText)
        let walked = try engine(directory.path).lint(paths: ["."], workingDirectory: directory.path)
        #expect(walked.findings.map(\.ruleId) == ["TST900"])
    }

    @Test func configurationAndRuleFilesAreReadBoundedToo() throws {
        let directory = try TemporaryProject(git: false)
        #expect(mkfifo(directory.path + "/.ecslint.json", 0o644) == 0)
        do {
            _ = try ConfigurationLoader().load(path: directory.path + "/.ecslint.json")
            Issue.record("a FIFO configuration was read")
        } catch {
            #expect(error.message == "cannot read the configuration file: not a regular file; skipped")
        }
        #expect(mkfifo(directory.path + "/rules.yaml", 0o644) == 0)
        guard case .failure(let errors) = RuleDirectoryLoader.load(directory.path) else {
            Issue.record("a FIFO rule file was read")
            return
        }
        #expect(errors.description.contains("cannot read the rule file: not a regular file"))
    }

    @Test func missingPathsAreAUsageError() throws {
        let directory = try TemporaryProject(git: false)
        do {
            _ = try engine(directory.path).lint(paths: ["nope.json", "."], workingDirectory: directory.path)
            Issue.record("a missing path was accepted")
        } catch let error as LintEngine.MissingPaths {
            #expect(error.paths == ["nope.json"])
        }
    }

    @Test func atomicWritesNeverClobberUnlessAskedAndLeaveNoTemporaryFile() throws {
        let directory = try TemporaryProject(git: false)
        let path = directory.path + "/report.json"
        try AtomicFile.write("first", to: path, overwrite: false)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("second", to: path, overwrite: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        try AtomicFile.write("third", to: path, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "third")
        // Replacing a symbolic link replaces the link, never the file it points at.
        try directory.write("target.txt", "keep")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/link.json", withDestinationPath: "target.txt")
        try AtomicFile.write("new", to: directory.path + "/link.json", overwrite: true)
        #expect(try String(contentsOfFile: directory.path + "/target.txt", encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["link.json", "report.json", "target.txt"])
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: directory.path + "/missing/dir/r.json", overwrite: true) }
    }
}

@Suite("Hostile input: failing rules")
struct HostileInputRuleFailureTests {
    @Test func aThrowingRuleBecomesAnInternalErrorAndOtherRulesStillReport() throws {
        let registry = try RuleRegistry([ThrowingRule(located: true), FamilyRule(), ThrowingRule(located: false)])
        let engine = LintEngine(registry: registry, configuration: Configuration(rootDirectory: "/p"), workers: 2)
        let outcome = engine.lint(sources: [
            SourceFile(path: "/p/a.yaml", text: "# nothing here\n"),
            SourceFile(path: "/p/task.json", text: taskDefinitionText),
        ])
        let failures = outcome.findings.filter { $0.ruleId == "ECS001" }
        #expect(failures.count == 2)
        let located = try #require(failures.first { $0.message.contains("TST901") })
        #expect(located.message == "rule TST901 (throws-located) failed and was skipped for this run: cannot read the family")
        #expect(located.path == "task.json")
        #expect(located.severity == .error)
        let plain = try #require(failures.first { $0.message.contains("TST902") })
        #expect(plain.message.contains("(throws-plain)"))
        #expect(plain.message.contains("boom: index out of range"))
        #expect(outcome.findings.contains { $0.ruleId == "TST900" && $0.path == "task.json" && $0.message == "family web" })
    }
}

@Suite("Hostile input: no execution")
struct HostileInputExecutionTests {
    /// Nothing in the linter may start a process, reach a shell or the network: file content is
    /// data only (templates and intrinsics are never evaluated).
    @Test func noSourceFileStartsAProcess() throws {
        let sources = URL(fileURLWithPath: TestPaths.inPackage("Sources"))
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        var checked = 0
        for case let name as String in enumerator where name.hasSuffix(".swift") {
            let text = try String(contentsOfFile: sources.path + "/" + name, encoding: .utf8)
            for forbidden in [
                "Process(", "NSTask", "system(", "popen(", "posix_spawn", "execv", "execl", "dlopen(",
                "URLSession", "URLRequest", "socket(", "getaddrinfo",
            ] {
                #expect(!text.contains(forbidden), "\(name) uses \(forbidden)")
            }
            checked += 1
        }
        #expect(checked > 50)
    }
}

@Suite("Hostile input: globs")
struct HostileInputGlobTests {
    /// Fuzz regression (config harness, timeout): an exclude glob of 88 stars backtracked
    /// exponentially against every path. Exponential matching again would hang this test, not
    /// fail a timing bound: the test asserts no wall-clock time (the fuzz harness has timeouts).
    @Test func manyStarsMatchInPolynomialTime() throws {
        let seed = URL(fileURLWithPath: TestPaths.inPackage("Fuzz/seeds/config/regression-timeout-glob-stars.json"))
        let configuration = try ConfigurationLoader().parse(
            SourceFile(path: "/p/.ecslint.json", bytes: Array(try Data(contentsOf: seed))), rootDirectory: "/p")
        let globs = (configuration.include + configuration.exclude).map(Glob.init)
        for glob in globs {
            for path in ["taskdef.json", "a/b/service.yaml", String(repeating: "o", count: 200) + "/x.json", "vendor/a.json"] {
                _ = glob.matchesPath(path)
            }
        }
        let stars = Glob(String(repeating: "**a", count: 12) + "b")
        #expect(!stars.matches(String(repeating: "a", count: 200)))
        #expect(stars.matches(String(repeating: "a", count: 30) + "b"))
        // Semantics are unchanged.
        #expect(Glob("**/*.json").matches("a/b/c.json"))
        #expect(Glob("**/*.json").matches("c.json"))
        #expect(!Glob("*.json").matches("a/c.json"))
        #expect(Glob("vendor/**").matchesPath("vendor/x/y.yaml"))
        #expect(Glob("deploy/*.y?ml").matches("deploy/app.yaml"))
        #expect(!Glob("[!a-z]*.json").matches("a.json"))
    }

    @Test func braceAlternativesAreCapped() {
        let bomb = String(repeating: "{a,b}", count: 30)
        let glob = Glob(bomb)  // 2^30 alternatives if expanded
        #expect(glob.matches(bomb), "past the cap, braces are literal")
        #expect(Glob("{a,b}{c,d}.json").matches("bd.json"))
        #expect(Glob.expandBraces(String(repeating: "{a,b}", count: 8)).count == 256)
        #expect(Glob.expandBraces(String(repeating: "{a,b}", count: 9)) == [String(repeating: "{a,b}", count: 9)])
    }
}

@Suite("Hostile input: regular expressions in rules.d")
struct HostileInputPatternTests {
    private func errors(forPattern pattern: String) -> [ConfigurationError] {
        let text = """
            version: 1
            rules:
              - id: ORG-001
                name: org-rule
                summary: A test rule.
                severity: warning
                target: container
                assert: {path: image, op: matches, value: '\(pattern)'}
                message: "{value}"

            """
        var parser = RuleFileParser(file: SourceFile(path: "rules.yaml", text: text))
        _ = parser.parse()
        return parser.errors
    }

    @Test func patternsAreCappedInLengthWhenTheRuleFileLoads() throws {
        #expect(errors(forPattern: "^nginx:[0-9.]+$").isEmpty)
        #expect(errors(forPattern: String(repeating: "a", count: CompiledPattern.maxLength)).isEmpty)
        let tooLong = errors(forPattern: String(repeating: "a", count: CompiledPattern.maxLength + 1))
        #expect(tooLong.map(\.message) == ["regular expression is longer than the limit of 1000 characters"])
        #expect(tooLong.first?.position?.line == 8)
        #expect(errors(forPattern: "(unclosed").map(\.message) == ["invalid regular expression '(unclosed'"])
    }
}

@Suite("Hostile input: repeated keys in rules.d")
struct HostileInputRuleFileKeyTests {
    private func errors(_ text: String) -> [ConfigurationError] {
        var parser = RuleFileParser(file: SourceFile(path: "rules.yaml", text: text))
        _ = parser.parse()
        return parser.errors
    }

    /// Fuzzing found this crash: the combinator branch force-unwrapped "the entry with another
    /// name", and with `all` written twice there is none.
    @Test func aRepeatedCombinatorIsAPositionedErrorNotACrash() {
        let found = errors("""
            version: 1
            rules:
              - id: ORG-001
                name: org-rule
                summary: A test rule.
                severity: warning
                target: container
                assert:
                  all: [{path: image, op: exists}]
                  all: [{path: name, op: exists}]
                message: "{value}"

            """)
        #expect(found.map(\.message) == ["'all' is written twice in one condition; keep one"])
        #expect(found.first?.position?.description == "10:7")
    }

    @Test func aRepeatedRuleKeyIsReportedWhereItRepeats() {
        let found = errors("""
            version: 1
            rules:
              - id: ORG-001
                name: org-rule
                summary: A test rule.
                severity: warning
                severity: error
                target: container
                assert: {path: image, op: exists}
                message: "{value}"

            """)
        #expect(found.map(\.message) == ["'severity' is written twice in one rule; keep one"])
        #expect(found.first?.position?.description == "7:5")
    }
}
