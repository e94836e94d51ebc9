import Foundation
import Testing

@testable import LinterCore
@testable import Linter
import TestKit

/// The C-library and standard-library code that stands in for Foundation answers as Foundation
/// does (the tests link Foundation; the release binary does not).
@Suite("Foundation's answers without Foundation")
struct FoundationFreeTests {
    static let texts = [
        "", " ", "\t a b \t", "\n x \r\n", "\u{00A0}x\u{2003}", "\u{2028}x\u{2029}", "\u{0085}x\u{000B}", "é ", "  \u{FEFF}x",
        "\u{3000}全角\u{3000}", "a", "\u{200B}x\u{200B}", "\u{1680}x\u{180E}",
    ]

    @Test(arguments: texts)
    func trimmingMatchesCharacterSet(_ text: String) {
        #expect(text.trimming(.whitespaces) == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimming(.newlines) == text.trimmingCharacters(in: .newlines))
        #expect(text.trimming(.whitespacesAndNewlines) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespaceAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Patterns outside `SimpleRegex`'s subset go to the standard library's `Regex`, on Unicode
    /// scalars: it must match what ICU (`NSRegularExpression`) matched.
    @Test(arguments: [
        "(?i)^root$", #"^\p{Lu}+$"#, #"^(?!latest$).+$"#, #"\bsecret\b"#, "^(a|b)\\1$", #"^[[:alpha:]]+$"#, "^.$",
        #"^\S+@\S+$"#, "a$", "^$", #"^\d{3}$"#, "(?m)^b$", "(?s)a.b", #"x\z"#, #"x\Z"#, #"\Qa$\E$"#, "[$]$", "(?i:Root)$",
    ])
    func compiledPatternsMatchLikeICU(_ pattern: String) throws {
        let compiled = try CompiledPattern(pattern)
        let icu = try NSRegularExpression(pattern: pattern)
        let texts = SimpleRegexTests.texts + ["ROOT", "aa", "ab", "my secret here", "secrets", "x\n", "x\n\n", "a\nb", "é", "e\u{301}", "\r\n", "a@b", "١٢٣", "123"]
        for text in texts {
            let expected = icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(compiled.matches(text) == expected, "pattern \(pattern) on \(text.debugDescription)")
        }
    }

    @Test func scoresAreRoundedAsPrintfRounds() {
        for value in [0.0, 0.25, 0.35, 5.55, 7.5, 9.8, 10, 8.849999, 3.14159] {
            #expect(RuleDocRenderer.formatScore(value) == String(format: "%.1f", value))
        }
    }

    @Test func timestampIsISO8601InUTC() throws {
        let text = ProcessFacts.utcTimestamp()
        let parsed = try #require(ISO8601DateFormatter().date(from: text))
        #expect(abs(parsed.timeIntervalSinceNow) < 3600)
        #expect(text.count == 20 && text.hasSuffix("Z"))
    }

    @Test func processFactsMatchProcessInfo() {
        #expect(ProcessFacts.processIdentifier == ProcessInfo.processInfo.processIdentifier)
        #expect(ProcessFacts.activeProcessorCount == ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func fileSystemCallsMatchFileManager() throws {
        let manager = FileManager.default
        let project = try TemporaryProject(git: false)
        let root = project.path + "/fs"
        try FileSystem.createDirectory(atPath: root + "/a/b/c")
        try FileSystem.createDirectory(atPath: root + "/a/b/c")
        #expect(PathKind(atPath: root + "/a/b/c") == .directory)
        try FileSystem.createNewFile(atPath: root + "/a/file.txt", contents: Array("hello".utf8))
        #expect(throws: FileSystem.Failure.self) { try FileSystem.createNewFile(atPath: root + "/a/file.txt", contents: []) }
        #expect(FileSystem.contents(atPath: root + "/a/file.txt") == Array("hello".utf8))
        #expect(FileSystem.contents(atPath: root + "/a") == nil)
        #expect(FileSystem.contents(atPath: root + "/missing") == nil)
        try manager.createSymbolicLink(atPath: root + "/a/link", withDestinationPath: root + "/a/b")
        try manager.createSymbolicLink(atPath: root + "/a/broken", withDestinationPath: root + "/nowhere")
        #expect(Set(FileSystem.entries(ofDirectory: root + "/a") ?? []) == Set(try manager.contentsOfDirectory(atPath: root + "/a")))
        #expect(FileSystem.entries(ofDirectory: root + "/missing") == nil)
        for name in ["a", "a/file.txt", "a/link", "a/broken", "missing"] {
            #expect(FileSystem.exists(atPath: root + "/" + name) == manager.fileExists(atPath: root + "/" + name), "\(name)")
        }
        #expect(FileSystem.isSymbolicLink(atPath: root + "/a/broken"))
        #expect(!FileSystem.isSymbolicLink(atPath: root + "/a/b"))
        #expect(PathKind(atPath: root + "/a/link") == .directory)
        #expect(PathKind(atPath: root + "/a/file.txt") == .other)
        #expect(FileSystem.resolvingSymbolicLinks(root + "/a/link") == URL(fileURLWithPath: root + "/a/link").resolvingSymlinksInPath().path)
        try FileSystem.removeFile(atPath: root + "/a/file.txt")
        #expect(!FileSystem.exists(atPath: root + "/a/file.txt"))
        #expect(throws: FileSystem.Failure.self) { try FileSystem.removeFile(atPath: root + "/a/file.txt") }
        #expect(FileSystem.currentDirectory() == manager.currentDirectoryPath)
    }

    @Test func aConditionLockHandsWorkBetweenThreads() {
        final class Box: @unchecked Sendable {
            let lock = ConditionLock()
            var values: [Int] = []
            var done = false
        }
        let box = Box()
        let started = DedicatedThread.start(stackSize: 1 << 16) {
            for value in 0..<100 {
                box.lock.lock()
                box.values.append(value)
                box.lock.broadcast()
                box.lock.unlock()
            }
            box.lock.lock()
            box.done = true
            box.lock.broadcast()
            box.lock.unlock()
        }
        #expect(started)
        box.lock.lock()
        while !box.done { box.lock.wait() }
        box.lock.unlock()
        #expect(box.values == Array(0..<100))
    }
}

@Suite("ICU's dollar for the standard library's Regex")
struct ICUAnchorsTests {
    @Test func onlyUnescapedDollarsOutsideClassesChange() {
        let anchor = ICUAnchors.endOrBeforeFinalTerminator
        #expect(ICUAnchors.translating("^a$") == "^a" + anchor)
        #expect(ICUAnchors.translating(#"a\$[$]"#) == #"a\$[$]"#)
        #expect(ICUAnchors.translating(#"[[:alpha:]$]+$"#) == #"[[:alpha:]$]+"# + anchor)
        #expect(ICUAnchors.translating(#"\Qa$\E$"#) == #"\Qa$\E"# + anchor)
        #expect(ICUAnchors.translating("(?m)^a$") == "(?m)^a$")
        #expect(ICUAnchors.translating("(?im:a$)") == "(?im:a$)")
    }
}
