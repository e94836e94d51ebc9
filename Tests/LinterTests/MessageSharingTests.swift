import Testing

@testable import LinterCore
@testable import Linter
import TestKit

/// `Violation.shareMessages` may only make byte-identical messages share storage: the report's
/// bytes must not change, so canonically equivalent spellings stay apart.
@Suite("Message sharing")
struct MessageSharingTests {
    static let location = Location(path: "td.json", range: .point(0))

    @Test("messages keep their exact bytes and order; only identical ones are shared")
    func keepsBytes() {
        let texts = [
            "container 'app' runs as root", "container 'app' runs as root", "caf\u{E9} 2\u{2013}120",
            "cafe\u{301} 2\u{2013}120", "caf\u{E9} 2\u{2013}120", "", "", "a", "ab", "abcdefgh", "abcdefgh1",
            String(repeating: "x", count: 300), String(repeating: "x", count: 299) + "y",
        ]
        var violations = texts.map { Violation($0, at: Self.location) }
        Violation.shareMessages(&violations)
        #expect(violations.map { Array($0.message.utf8) } == texts.map { Array($0.utf8) })
    }

    @Test("generated messages survive sharing byte for byte", arguments: [1, 2, 50, 2_000])
    func generated(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        let pieces = ["container ", "'app'", "'envoy'", " runs as root", " \u{2013} ", "é", "e\u{301}", "x"]
        let texts = (0..<count).map { _ in
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
        }
        var violations = texts.map { Violation($0, at: Self.location) }
        Violation.shareMessages(&violations)
        #expect(violations.map { Array($0.message.utf8) } == texts.map { Array($0.utf8) })
    }
}
