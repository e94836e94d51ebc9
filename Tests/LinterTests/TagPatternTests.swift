import Testing
@testable import LinterCore
@testable import Linter

@Suite("Tag patterns (anchored whole-tag globs)")
struct TagPatternTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var pattern: String
        var tag: String
        var matches: Bool
        var testDescription: String { "\(pattern) ~ \(tag) = \(matches)" }
    }

    static let cases: [Case] = [
        // No star: exact match only.
        Case(pattern: "latest", tag: "latest", matches: true),
        Case(pattern: "latest", tag: "latest1", matches: false),
        Case(pattern: "latest", tag: "xlatest", matches: false),
        // AWS's own examples (docs/aws-semantics.md §1.3 item 8).
        Case(pattern: "prod*", tag: "prod", matches: true),  // '*' matches the empty run
        Case(pattern: "prod*", tag: "prod1", matches: true),
        Case(pattern: "prod*", tag: "production-team1", matches: true),
        Case(pattern: "prod*", tag: "my-prod", matches: false),  // anchored at the start
        Case(pattern: "*prod*", tag: "repo-production", matches: true),
        Case(pattern: "*prod*", tag: "prod-team", matches: true),
        Case(pattern: "*prod*", tag: "prod", matches: true),
        Case(pattern: "*prod*", tag: "pro-d", matches: false),
        // Anchored at the end.
        Case(pattern: "*-prod", tag: "release-prod", matches: true),
        Case(pattern: "*-prod", tag: "release-prod-2", matches: false),
        Case(pattern: "*-prod", tag: "-prod", matches: true),
        // Lone star and multiple stars.
        Case(pattern: "*", tag: "anything", matches: true),
        Case(pattern: "*", tag: "", matches: true),
        Case(pattern: "**", tag: "", matches: true),
        Case(pattern: "a*b*c", tag: "abc", matches: true),
        Case(pattern: "a*b*c", tag: "a-b-c", matches: true),
        Case(pattern: "a*b*c", tag: "acb", matches: false),
        Case(pattern: "a*b*c", tag: "a-bc-", matches: false),
        Case(pattern: "*test*1*2*3", tag: "my-test-1-2-3", matches: true),
        Case(pattern: "*test*1*2*3", tag: "test123", matches: true),
        Case(pattern: "*test*1*2*3", tag: "test-3-2-1", matches: false),
        Case(pattern: "test*1*2*3*", tag: "test1234", matches: true),
        // Prefix and suffix must not overlap.
        Case(pattern: "ab*ba", tag: "aba", matches: false),
        Case(pattern: "ab*ba", tag: "abba", matches: true),
        Case(pattern: "a*a*a", tag: "aa", matches: false),
        Case(pattern: "a*a*a", tag: "aaa", matches: true),
        // Middle parts in order, without overlap.
        Case(pattern: "*aa*aa*", tag: "aaa", matches: false),
        Case(pattern: "*aa*aa*", tag: "aaaa", matches: true),
        // Other characters are literal (no '?' or character classes).
        Case(pattern: "v1.?", tag: "v1.2", matches: false),
        Case(pattern: "v1.[0-9]", tag: "v1.5", matches: false),
        Case(pattern: "v1.*", tag: "v1x2", matches: false),
        // Case-sensitive.
        Case(pattern: "Prod*", tag: "prod1", matches: false),
    ]

    @Test("glob matching", arguments: cases)
    func match(_ c: Case) {
        #expect(TagPattern(c.pattern).matches(c.tag) == c.matches)
        #expect(globMatch(c.pattern, c.tag) == c.matches)
    }

    @Test("wildcard count and representative tag")
    func helpers() {
        #expect(TagPattern("*test*1*2*3").wildcardCount == 4)
        #expect(TagPattern("latest").wildcardCount == 0)
        #expect(TagPattern("sha-*").representativeTag == "sha-~")
        #expect(TagPattern("sha-*").matches(TagPattern("sha-*").representativeTag))
    }

    struct CoverCase: Sendable, CustomTestStringConvertible {
        var outer: String
        var inner: String
        var covers: Bool
        var testDescription: String { "\(outer) ⊇ \(inner) = \(covers)" }
    }

    static let coverCases: [CoverCase] = [
        CoverCase(outer: "prod*", inner: "prod-*", covers: true),
        CoverCase(outer: "prod*", inner: "prod*", covers: true),
        CoverCase(outer: "prod-*", inner: "prod*", covers: false),
        CoverCase(outer: "*", inner: "anything*", covers: true),
        CoverCase(outer: "*x*", inner: "x*", covers: true),
        CoverCase(outer: "*x*", inner: "*", covers: false),
        CoverCase(outer: "a*", inner: "ab", covers: true),
        CoverCase(outer: "ab", inner: "a*", covers: false),
        CoverCase(outer: "*-prod", inner: "release-*", covers: false),
        CoverCase(outer: "release-*", inner: "release-*-prod", covers: true),
    ]

    @Test("pattern inclusion (sound)", arguments: coverCases)
    func inclusion(_ c: CoverCase) {
        #expect(TagPattern(c.outer).provablyCovers(TagPattern(c.inner)) == c.covers)
    }
}
