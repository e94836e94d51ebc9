import Foundation
import LinterCore
import Linter
import TestKit
import Testing

/// Runs the yaml-test-suite (kept outside the repository, in `../shared/conformance`) against
/// `YAMLParser`. Skips when the suite is not present.
///
/// For comparison with `in.json`, a `.tagged(t, node)` is compared as `node`: the suite's JSON drops
/// unknown tags. The product's dump prints such nodes as `{"t": node}` instead.
@Suite struct YAMLConformanceTests {
    /// The pass rate this parser achieved when the test was written; a regression below fails.
    static let minimumPassRate = 1.0

    static let suite = "conformance/yaml-test-suite/data"
    static var suiteDirectory: URL { URL(fileURLWithPath: Shared.path(suite)) }

    struct Case {
        var id: String
        var directory: URL
    }

    static func cases() -> [Case] {
        let manager = FileManager.default
        guard let ids = try? manager.contentsOfDirectory(atPath: suiteDirectory.path) else { return [] }
        var result: [Case] = []
        for id in ids.sorted() {
            let directory = suiteDirectory.appendingPathComponent(id)
            if manager.fileExists(atPath: directory.appendingPathComponent("in.yaml").path) {
                result.append(Case(id: id, directory: directory))
            } else if let subs = try? manager.contentsOfDirectory(atPath: directory.path) {
                for sub in subs.sorted() {
                    let subdirectory = directory.appendingPathComponent(sub)
                    if manager.fileExists(atPath: subdirectory.appendingPathComponent("in.yaml").path) {
                        result.append(Case(id: id + "/" + sub, directory: subdirectory))
                    }
                }
            }
        }
        return result
    }

    indirect enum Value: Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([Value])
        case object([String: Value])
    }

    static func value(_ node: Node) -> Value? {
        switch node.kind {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .string(let text, _): return .string(text)
        case .number(let lexeme): return number(lexeme)
        case .tagged(_, let inner): return value(inner)
        case .array(let elements):
            var values: [Value] = []
            for element in elements {
                guard let converted = value(element) else { return nil }
                values.append(converted)
            }
            return .array(values)
        case .object(let entries):
            var object: [String: Value] = [:]
            for entry in entries {
                guard let key = keyText(entry.key), let converted = value(entry.value) else { return nil }
                object[key] = converted
            }
            return .object(object)
        }
    }

    static func keyText(_ node: Node) -> String? {
        switch node.kind {
        case .string(let text, _): return text
        case .number(let lexeme): return lexeme
        case .bool(let value): return value ? "true" : "false"
        case .null: return ""
        case .tagged(_, let inner): return keyText(inner)
        case .array, .object: return nil
        }
    }

    static func number(_ lexeme: String) -> Value {
        var text = lexeme
        if text.hasPrefix("+") { text.removeFirst() }
        if text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) { return .number(Double(value)) }
        if text.hasPrefix("0o"), let value = UInt64(text.dropFirst(2), radix: 8) { return .number(Double(value)) }
        if text.lowercased().contains("inf") || text.lowercased().contains("nan") { return .string(lexeme) }
        if let value = Double(text) { return .number(value) }
        return .string(lexeme)
    }

    /// Splits concatenated JSON values (the suite's `in.json` holds one per document).
    static func splitJSON(_ bytes: [UInt8]) -> [[UInt8]] {
        var values: [[UInt8]] = []
        var index = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        while index < bytes.count {
            while index < bytes.count && isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { break }
            let start = index
            let first = bytes[index]
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") {
                var depth = 0
                var inString = false
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if inString {
                        if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                        if !inString && depth == 0 { break }
                        continue
                    }
                    if byte == UInt8(ascii: "\"") { inString = true }
                    if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                    if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                }
            } else {
                while index < bytes.count && !isSpace(bytes[index]) { index += 1 }
            }
            values.append(Array(bytes[start..<index]))
        }
        return values
    }

    enum Outcome { case pass, fail(String) }

    static func run(_ testCase: Case) -> Outcome {
        let manager = FileManager.default
        guard let input = manager.contents(atPath: testCase.directory.appendingPathComponent("in.yaml").path) else {
            return .fail("unreadable in.yaml")
        }
        let mustFail = manager.fileExists(atPath: testCase.directory.appendingPathComponent("error").path)
        let parsed: ParsedFile
        do {
            parsed = try YAMLParser().parse(Array(input))
        } catch {
            return mustFail ? .pass : .fail("rejected: \(error)")
        }
        if mustFail { return .fail("accepted invalid input") }
        guard let json = manager.contents(atPath: testCase.directory.appendingPathComponent("in.json").path) else {
            return .pass
        }
        let expected = splitJSON(Array(json))
        guard expected.count == parsed.documents.count else {
            return .fail("expected \(expected.count) documents, got \(parsed.documents.count)")
        }
        for (index, (text, document)) in zip(expected, parsed.documents).enumerated() {
            guard let expectedNode = try? JSONParser().parse(text), let want = value(expectedNode) else {
                return .fail("unreadable in.json")
            }
            let got = value(document)
            if got != want { return .fail("document \(index): got \(String(describing: got)), want \(want)") }
        }
        return .pass
    }

    /// Every case of the suite, valid or not, parses to the same documents, comments or error
    /// when its tokens are scanned on a second thread, whatever the batch size.
    @Test(.requiresShared(suite))
    func scanningAsideMatchesSerialParsing() throws {
        let cases = Self.cases()
        #expect(!cases.isEmpty)
        for testCase in cases {
            guard let input = FileManager.default.contents(atPath: testCase.directory.appendingPathComponent("in.yaml").path)
            else { continue }
            for batchSize in [1, 2, 7, 4096] {
                #expect(
                    YAMLScanningAsideTests.sameOutcome(Array(input), batchSize: batchSize),
                    "\(testCase.id), batches of \(batchSize)")
            }
        }
    }

    @Test(.requiresShared(suite))
    func yamlTestSuite() throws {
        let cases = Self.cases()
        #expect(!cases.isEmpty)
        var passed = 0
        var errorCases = (passed: 0, total: 0)
        var jsonCases = (passed: 0, total: 0)
        var otherCases = (passed: 0, total: 0)
        var failures: [String] = []
        let manager = FileManager.default
        for testCase in cases {
            let outcome = Self.run(testCase)
            let isError = manager.fileExists(atPath: testCase.directory.appendingPathComponent("error").path)
            let hasJSON = manager.fileExists(atPath: testCase.directory.appendingPathComponent("in.json").path)
            var ok = false
            if case .pass = outcome { ok = true; passed += 1 }
            if case .fail(let reason) = outcome { failures.append("\(testCase.id): \(reason)") }
            if isError {
                errorCases.total += 1
                if ok { errorCases.passed += 1 }
            } else if hasJSON {
                jsonCases.total += 1
                if ok { jsonCases.passed += 1 }
            } else {
                otherCases.total += 1
                if ok { otherCases.passed += 1 }
            }
        }
        let rate = Double(passed) / Double(cases.count)
        print("yaml-test-suite: \(passed)/\(cases.count) passed (\(String(format: "%.1f", rate * 100))%)")
        print("  error cases: \(errorCases.passed)/\(errorCases.total)")
        print("  json cases: \(jsonCases.passed)/\(jsonCases.total)")
        print("  parse-only cases: \(otherCases.passed)/\(otherCases.total)")
        if ProcessInfo.processInfo.environment["YAML_SUITE_VERBOSE"] != nil {
            for failure in failures { print("  FAIL \(failure)") }
        }
        #expect(rate >= Self.minimumPassRate, "conformance regressed")
    }
}
