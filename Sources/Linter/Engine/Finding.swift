import LinterCore

/// A violation resolved for reporting: positions computed, severity and suppressions applied.
public struct Finding: Sendable, Hashable {
    public var ruleId: String
    public var ruleName: String
    public var severity: Severity
    public var message: String
    /// The path as shown to the user (relative to the working directory when below it).
    public var path: String
    public var range: SourceRange
    public var related: [RelatedFinding]
    /// The fingerprint's 64-bit value, set by the engine. Kept as a number: a 16-digit string is
    /// one heap allocation per finding, held from placing to reporting.
    public var fingerprintHash: UInt64?
    /// The rule's repair as text edits, when it offers one that can be written exactly.
    public var fix: RenderedFix?

    /// Stable across unrelated edits: rule, path, logical place in the document, snippet. Empty
    /// until the engine sets `fingerprintHash`.
    public var fingerprint: String { fingerprintHash.map(Fingerprint.hex(hash:)) ?? "" }

    public init(
        ruleId: String, ruleName: String, severity: Severity, message: String, path: String, range: SourceRange,
        related: [RelatedFinding] = [], fingerprintHash: UInt64? = nil, fix: RenderedFix? = nil
    ) {
        self.ruleId = ruleId
        self.ruleName = ruleName
        self.severity = severity
        self.message = message
        self.path = path
        self.range = range
        self.related = related
        self.fingerprintHash = fingerprintHash
        self.fix = fix
    }

    /// Orders `findings` by path, line, column, rule id, then message, ties kept in their given
    /// order, so output never depends on scheduling. Indices are sorted, with each path's rank
    /// computed once: comparing the mostly equal paths of every pair and moving the findings
    /// themselves made sorting 60,000 findings a visible share of a run. The findings are then
    /// put in that order where they are, by swapping along each cycle of the permutation, so the
    /// list is never held twice.
    public static func sortForReport(_ findings: inout [Finding]) {
        let rankByPath = Dictionary(
            uniqueKeysWithValues: Set(findings.map(\.path)).sorted().enumerated().map { ($1, $0) })
        // Path rank, line and column as precomputed integers: comparing whole findings copied each.
        var keys: [(rank: Int, line: Int, column: Int)] = []
        keys.reserveCapacity(findings.count)
        // Neighbouring findings mostly share a file: its rank is looked up once per run.
        var lastPath: String?
        var lastRank = 0
        for finding in findings {
            if finding.path != lastPath {
                lastRank = rankByPath[finding.path] ?? 0
                lastPath = finding.path
            }
            keys.append((rank: lastRank, line: finding.range.start.line, column: finding.range.start.column))
        }
        let order = findings.indices.sorted { left, right in
            let (a, b) = (keys[left], keys[right])
            if a.rank != b.rank { return a.rank < b.rank }
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            if findings[left].ruleId != findings[right].ruleId { return findings[left].ruleId < findings[right].ruleId }
            if findings[left].message != findings[right].message { return findings[left].message < findings[right].message }
            return left < right
        }
        // Position p is to hold the finding now at order[p].
        var done = [Bool](repeating: false, count: findings.count)
        for start in findings.indices where !done[start] {
            var current = start
            while order[current] != start {
                let next = order[current]
                findings.swapAt(current, next)
                done[current] = true
                current = next
            }
            done[current] = true
        }
    }
}

public struct RelatedFinding: Sendable, Hashable {
    public var path: String
    public var range: SourceRange
    public var message: String

    public init(path: String, range: SourceRange, message: String) {
        self.path = path
        self.range = range
        self.message = message
    }
}
