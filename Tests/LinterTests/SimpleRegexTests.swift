import Foundation
import Testing

@testable import LinterCore
@testable import Linter

@Suite("Rule patterns matched without ICU")
struct SimpleRegexTests {
    static let accepted = [
        #"^[0-9]{12}\.dkr[.-]ecr(-fips)?\.[a-z0-9-]+\.(amazonaws\.com(\.cn)?|on\.aws)$"#,
        "^web-.*$", "a|b|c", #"^\d{1,3}(\.\d{1,3}){3}$"#, "[^a-z]+?", "x{2,}", "(ab)*c", #"\w+:\s*\S"#,
        "^arn:aws:iam::[0-9]{12}:role/.+$", "[A-Z_]+=[a-z]*", "^(root|0)(:.*)?$", "(a*)*b", "^$", "a.c",
        #"^\D\W\s$"#, "x{0}y", "(a|ab)(c|bcd)(d*)$", "^[a-c.-]{2,3}?$", #"[\d\s]"#, "^(a+)+$",
    ]

    /// Texts that exercise anchors, line terminators, Unicode classes and backtracking.
    static let texts = [
        "", "root", "root:wheel", "0", "0:0", "1000", "rooted", " root", "root\n", "root\r\n", "root\n\n", "a\nb",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "123456789012.dkr-ecr.eu-west-1.on.aws",
        "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com.cn", "12345678901.dkr.ecr.x.amazonaws.com",
        "web-1", "web-", "xweb-1", "10.0.0.1", "1.2.3", "١٢٣.٤.٥.٦", "ABC", "abc", "key:  value", "key: ",
        "é:\u{00A0}x", "xx", "x", "abd", "abcd", "aaaaaaaaaa!", "b", "aab", "A_B=c", "a\u{2028}c", "a\u{0085}c",
        "\u{00A0}", "_", "a-", "ab-c",
    ]

    /// Everything the subset accepts must be a pattern ICU compiles (or an invalid one would only
    /// fail on first use), and must match exactly what ICU matches.
    @Test(arguments: accepted)
    func matchesLikeICU(_ pattern: String) throws {
        let simple = try #require(SimpleRegex(pattern))
        let icu = try NSRegularExpression(pattern: pattern)
        for text in SimpleRegexTests.texts {
            let expected = icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(simple.matches(text) == expected, "pattern \(pattern) on \(text.debugDescription)")
        }
    }

    @Test(arguments: [
        "(", ")", "a**", "[", "[]", "[z-a]", "a{2,1}", "(?i)abc", "(?=a)", #"\1"#, #"\p{L}"#, "*a", "a|", "|a",
        "()", "[[a]]", "[a&&b]", "^*", "a{", "a{,2}", "é",
    ])
    func otherPatternsAreLeftToICU(_ pattern: String) {
        #expect(SimpleRegex(pattern) == nil)
    }

    @Test func longTextsAreLeftToICU() throws {
        let long = String(repeating: "ab", count: SimpleRegex.maxTextLength)
        #expect(SimpleRegex("^(ab)+$")?.matches(long) == nil)
        let pattern = try CompiledPattern("^(ab)+$")
        #expect(pattern.matches(long))
        #expect(!pattern.matches(long + "a"))
    }

    @Test func compiledPatternsMatchAndRejectInvalidOnes() throws {
        let pattern = try CompiledPattern(#"^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$"#)
        #expect(pattern.matches("123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
        #expect(!pattern.matches("docker.io"))
        #expect(throws: (any Error).self) { try CompiledPattern("a(") }
        let icuOnly = try CompiledPattern(#"^\p{Lu}+$"#)
        #expect(icuOnly.matches("ÉCS"))
    }
}
