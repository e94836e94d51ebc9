import Foundation
import Testing

@testable import Linter

@Suite("Lazily compiled rule patterns")
struct SimpleRegexSyntaxTests {
    /// Everything the recogniser accepts must be a pattern ICU compiles, or an invalid one would
    /// only fail on first use instead of when the rule file loads.
    @Test(arguments: [
        #"^[0-9]{12}\.dkr[.-]ecr(-fips)?\.[a-z0-9-]+\.(amazonaws\.com(\.cn)?|on\.aws)$"#,
        "^web-.*$", "a|b|c", #"^\d{1,3}(\.\d{1,3}){3}$"#, "[^a-z]+?", "x{2,}", "(ab)*c", #"\w+:\s*\S"#,
        "^arn:aws:iam::[0-9]{12}:role/.+$", "[A-Z_]+=[a-z]*",
    ])
    func acceptedPatternsCompile(_ pattern: String) throws {
        #expect(SimpleRegexSyntax.isCertainlyValid(pattern))
        _ = try NSRegularExpression(pattern: pattern)
    }

    @Test(arguments: [
        "(", ")", "a**", "[", "[]", "[z-a]", "a{2,1}", "(?i)abc", "(?=a)", #"\1"#, #"\p{L}"#, "*a", "a|", "|a",
        "()", "[[a]]", "[a&&b]", "^*", "a{", "a{,2}", "é",
    ])
    func otherPatternsAreLeftToICU(_ pattern: String) {
        #expect(!SimpleRegexSyntax.isCertainlyValid(pattern))
    }

    @Test func lazyPatternMatchesLikeAnEagerOne() throws {
        let pattern = try CompiledPattern(#"^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$"#)
        #expect(pattern.matches("123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
        #expect(!pattern.matches("docker.io"))
        #expect(throws: (any Error).self) { try CompiledPattern("a(") }
    }
}
