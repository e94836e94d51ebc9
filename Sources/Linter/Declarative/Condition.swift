#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinterCore

/// A regular expression from a rule file, compiled once.
///
/// A pattern in `SimpleRegex`'s plain subset is matched by it; any other pattern, or a text too
/// long for `SimpleRegex`, goes to the standard library's `Regex`, which needs neither ICU nor
/// Foundation (whose ICU data would be most of the binary's size). Rule patterns are written in
/// ICU's dialect, so `Regex` runs on Unicode scalars, as ICU does, not on grapheme clusters, and
/// reads `$` as ICU does (`ICUAnchors`). A pattern outside the subset is compiled when the rule
/// file loads, so an invalid one is reported there.
///
/// Patterns come only from rule files (trusted configuration), never from linted files. `Regex`
/// offers no match time limit, so the cap is on what can be bounded: the pattern's length here,
/// the matched text's by `ParseLimits.maxStringLength`.
struct CompiledPattern: Sendable {
    struct TooLong: Error {}

    /// Longer patterns are rejected when the rule file loads.
    static let maxLength = 1_000

    let source: String
    private let simple: SimpleRegex?
    private let expression: LazyRegex

    init(_ source: String) throws {
        guard source.utf16.count <= CompiledPattern.maxLength else { throw TooLong() }
        self.source = source
        simple = SimpleRegex(source)
        // A simple pattern's `Regex` is only needed for a text too long for `SimpleRegex`, so it
        // is parsed on first use: parsing the shipped rules' patterns up front would take a
        // quarter of linting a small file.
        expression = LazyRegex(source: source, regex: simple == nil ? try CompiledPattern.regex(source) : nil)
    }

    static func regex(_ source: String) throws -> Regex<AnyRegexOutput> {
        try Regex(ICUAnchors.translating(source)).matchingSemantics(.unicodeScalar)
    }

    /// Search semantics: anchor with `^…$` to match the whole value.
    func matches(_ text: String) -> Bool {
        if let simple, let matched = simple.matches(text) { return matched }
        guard let regex = expression.get() else { return false }
        return (try? regex.firstMatch(in: text)) != nil
    }
}

/// The `Regex` of a `CompiledPattern`, made at most once, under a lock. Once made it is only
/// read: `Regex` compiles its program on first use behind an atomic, so one value serves every
/// thread that lints files.
final class LazyRegex: @unchecked Sendable {
    private let source: String
    private var regex: Regex<AnyRegexOutput>?
    private let lock = ConditionLock()

    init(source: String, regex: Regex<AnyRegexOutput>?) {
        self.source = source
        self.regex = regex
    }

    func get() -> Regex<AnyRegexOutput>? {
        lock.lock()
        defer { lock.unlock() }
        if regex == nil { regex = try? CompiledPattern.regex(source) }
        return regex
    }
}

/// A value a condition compares with: written in the rule, or read from the rule's options.
enum Operand: Sendable {
    case literal(Node)
    case option(String)
}

/// What a test does with the value(s) at its path.
indirect enum Comparison: Sendable {
    case exists
    case absent
    case equals(Operand)
    case notEquals(Operand)
    case isIn(Operand)
    case notIn(Operand)
    case matches(CompiledPattern)
    case notMatches(CompiledPattern)
    case lessThan(Operand)
    case atMost(Operand)
    case greaterThan(Operand)
    case atLeast(Operand)
    /// The length of a string, array or map (0 when absent), compared by a nested comparison.
    case length(Comparison)

    static let operatorNames = [
        "exists", "absent", "equals", "notEquals", "in", "notIn", "matches", "notMatches", "lessThan", "atMost",
        "greaterThan", "atLeast", "length",
    ]

    /// Operators that pass on an absent value (the "negative" ones).
    var passesWhenAbsent: Bool {
        switch self {
        case .absent, .notEquals, .notIn, .notMatches: return true
        default: return false
        }
    }
}

/// A condition tree: tests on paths, combined with all/any/not.
indirect enum Condition: Sendable {
    case test(path: RulePath, comparison: Comparison, requireResolved: Bool)
    case all([Condition])
    case any([Condition])
    case not(Condition)

    /// Whether some test's path starts with `key` (`image` for a container's image facts).
    func tests(pathStartingWith key: String) -> Bool {
        switch self {
        case .test(let path, _, _):
            if case .key(let first) = path.segments.first { return first == key }
            return false
        case .all(let conditions), .any(let conditions):
            return conditions.contains { $0.tests(pathStartingWith: key) }
        case .not(let inner):
            return inner.tests(pathStartingWith: key)
        }
    }
}

/// A value found at a path of a target.
struct ResolvedValue {
    /// Present with its node, unresolved (an expression or placeholder), or absent, as a model
    /// field is.
    typealias State = Field<Node>.State

    var state: State
    var location: Location
    /// The path with concrete indices (`portMappings[1].hostPort`).
    var path: String
    var isSecret: Bool
}

/// Where a condition failed (or, inside `not`, passed), for anchoring and messages.
struct Spot {
    var location: Location
    var path: String
    var value: ResolvedValue?
}

enum Verdict { case pass, fail, unknown }

struct Outcome {
    var verdict: Verdict
    var spots: [Spot]
}

/// Evaluates conditions on one target.
struct ConditionEvaluator {
    var target: TargetInstance
    var optionValue: (String) -> Node?

    func evaluate(_ condition: Condition) -> Outcome {
        switch condition {
        case .test(let path, let comparison, let requireResolved):
            let values = target.resolve(path)
            var failing: [Spot] = []
            var passing: [Spot] = []
            var unknown = false
            for value in values {
                let spot = Spot(location: value.location, path: value.path, value: value)
                switch check(comparison, value.state, requireResolved: requireResolved) {
                case .pass: passing.append(spot)
                case .fail: failing.append(spot)
                case .unknown: unknown = true
                }
            }
            if !failing.isEmpty { return Outcome(verdict: .fail, spots: failing) }
            if unknown { return Outcome(verdict: .unknown, spots: []) }
            if passing.isEmpty { passing = [Spot(location: target.location, path: path.text, value: nil)] }
            return Outcome(verdict: .pass, spots: passing)
        case .all(let conditions):
            var unknown = false
            var passing: [Spot] = []
            for condition in conditions {
                let outcome = evaluate(condition)
                switch outcome.verdict {
                case .fail: return outcome
                case .unknown: unknown = true
                case .pass: if passing.isEmpty { passing = outcome.spots }
                }
            }
            return unknown ? Outcome(verdict: .unknown, spots: []) : Outcome(verdict: .pass, spots: passing)
        case .any(let conditions):
            var unknown = false
            var failing: [Spot] = []
            for condition in conditions {
                let outcome = evaluate(condition)
                switch outcome.verdict {
                case .pass: return outcome
                case .unknown: unknown = true
                case .fail: if failing.isEmpty { failing = outcome.spots }
                }
            }
            return unknown ? Outcome(verdict: .unknown, spots: []) : Outcome(verdict: .fail, spots: failing)
        case .not(let inner):
            let outcome = evaluate(inner)
            switch outcome.verdict {
            case .pass: return Outcome(verdict: .fail, spots: outcome.spots)
            case .fail: return Outcome(verdict: .pass, spots: outcome.spots)
            case .unknown: return outcome
            }
        }
    }

    func check(_ comparison: Comparison, _ state: ResolvedValue.State, requireResolved: Bool) -> Verdict {
        let node: Node
        switch state {
        case .absent:
            switch comparison {
            case .length(let nested): return compare(nested, Node(.number("0"), range: .point(0)))
            default: return comparison.passesWhenAbsent ? .pass : .fail
            }
        case .unresolved:
            switch comparison {
            case .exists: return .pass
            case .absent: return .fail
            default: return requireResolved ? .fail : .unknown
            }
        case .present(let value):
            node = value
        }
        switch comparison {
        case .exists: return .pass
        case .absent: return .fail
        case .length(let nested):
            let unwrapped = ObjectReader.unwrapCoreTag(node)
            let count: Int
            switch unwrapped.kind {
            case .string(let text, _): count = text.count
            case .array(let elements): count = elements.count
            case .object(let entries): count = entries.count
            case .null: count = 0
            default: count = (ObjectReader.stringValue(unwrapped) ?? "").count
            }
            return compare(nested, Node(.number(String(count)), range: node.range))
        default:
            if ConditionEvaluator.containsUnresolved(node) { return requireResolved ? .fail : .unknown }
            return compare(comparison, node)
        }
    }

    /// Compares a known value.
    func compare(_ comparison: Comparison, _ node: Node) -> Verdict {
        func operand(_ operand: Operand) -> Node? {
            switch operand {
            case .literal(let node): return node
            case .option(let name): return optionValue(name)
            }
        }
        func verdict(_ value: Bool) -> Verdict { value ? .pass : .fail }
        func numeric(_ operandValue: Operand, _ test: (Double, Double) -> Bool) -> Verdict {
            guard let expectedNode = operand(operandValue), let expected = ObjectReader.doubleValue(expectedNode) else {
                return .unknown
            }
            guard let actual = ObjectReader.doubleValue(node) else { return .fail }
            return verdict(test(actual, expected))
        }
        switch comparison {
        case .exists: return .pass
        case .absent: return .fail
        case .equals(let value):
            guard let expected = operand(value) else { return .unknown }
            return verdict(ConditionEvaluator.equal(node, expected))
        case .notEquals(let value):
            guard let expected = operand(value) else { return .unknown }
            return verdict(!ConditionEvaluator.equal(node, expected))
        case .isIn(let value):
            guard let list = operand(value)?.elements else { return .unknown }
            return verdict(list.contains { ConditionEvaluator.equal(node, $0) })
        case .notIn(let value):
            guard let list = operand(value)?.elements else { return .unknown }
            return verdict(!list.contains { ConditionEvaluator.equal(node, $0) })
        case .matches(let pattern):
            guard let text = ObjectReader.stringValue(node) else { return .fail }
            return verdict(pattern.matches(text))
        case .notMatches(let pattern):
            guard let text = ObjectReader.stringValue(node) else { return .pass }
            return verdict(!pattern.matches(text))
        case .lessThan(let value): return numeric(value, <)
        case .atMost(let value): return numeric(value, <=)
        case .greaterThan(let value): return numeric(value, >)
        case .atLeast(let value): return numeric(value, >=)
        case .length(let nested):
            return check(.length(nested), .present(node), requireResolved: false)
        }
    }

    /// Equality with the tolerance AWS has: `"true"` equals `true` and `"80"` equals `80`, as
    /// CloudFormation accepts strings for booleans and numbers.
    static func equal(_ actual: Node, _ expected: Node) -> Bool {
        let actual = ObjectReader.unwrapCoreTag(actual)
        switch ObjectReader.unwrapCoreTag(expected).kind {
        case .bool(let value):
            return ObjectReader.boolValue(actual) == value
        case .number(let lexeme):
            guard let expectedNumber = Double(lexeme), let actualNumber = ObjectReader.doubleValue(actual) else {
                return false
            }
            return expectedNumber == actualNumber
        case .string(let text, _):
            guard actual.entries == nil, actual.elements == nil else { return false }
            return ObjectReader.stringValue(actual) == text
        case .null:
            return actual.isNull
        case .array(let items):
            guard let elements = actual.elements, elements.count == items.count else { return false }
            return zip(elements, items).allSatisfy { equal($0, $1) }
        case .object, .tagged:
            return false
        }
    }

    static func containsUnresolved(_ node: Node) -> Bool {
        if ValueKind.isUnresolved(node) { return true }
        if let elements = ObjectReader.unwrapCoreTag(node).elements { return elements.contains(where: containsUnresolved) }
        return false
    }
}
