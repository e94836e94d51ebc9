import LinterCore
import Linter
import Testing
import TestKit

/// `Finding.sortForReport` permutes the findings where they are; it must give exactly the order
/// of a plain stable sort by path, line, column, rule id and message.
@Suite("Finding order")
struct FindingOrderTests {
    static func finding(_ generator: inout SeededGenerator, serial: Int) -> Finding {
        let line = Int.random(in: 1...4, using: &generator)
        let column = Int.random(in: 1...3, using: &generator)
        let position = SourcePosition(offset: line * 100 + column, line: line, column: column)
        return Finding(
            ruleId: ["ECS101", "ECS102", "ECS601"].randomElement(using: &generator) ?? "ECS101", ruleName: "rule",
            severity: .warning, message: ["b", "a", "ab"].randomElement(using: &generator) ?? "a",
            path: ["b/td.json", "a.json", "a/td.json", "td.json"].randomElement(using: &generator) ?? "a.json",
            range: SourceRange(start: position, end: position), fingerprintHash: UInt64(serial))
    }

    @Test("in-place ordering matches a stable sort, ties kept in their given order", arguments: [0, 1, 2, 17, 500, 3_000])
    func matchesStableSort(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count) &+ 7)
        let findings = (0..<count).map { Self.finding(&generator, serial: $0) }
        let expected = findings.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.path != b.path { return a.path < b.path }
            if a.range.start.line != b.range.start.line { return a.range.start.line < b.range.start.line }
            if a.range.start.column != b.range.start.column { return a.range.start.column < b.range.start.column }
            if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
            if a.message != b.message { return a.message < b.message }
            return left.offset < right.offset
        }.map(\.element)
        var sorted = findings
        Finding.sortForReport(&sorted)
        // The serial in each fingerprint tells equal findings apart, so ties are checked too.
        #expect(sorted == expected)
    }
}
