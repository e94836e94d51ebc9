import Foundation
import Testing

@testable import LinterCore
@testable import Linter
import TestKit

// A shared key must be exactly the string the parsers would have decoded, whatever the table
// holds: another key in the same slot, a key at the very end of the buffer, a key too long to
// keep. And a tree parsed with a table must equal the tree parsed without one, including keys
// the YAML core schema resolves to null, booleans or numbers, which must never be shared as
// strings.

private func decoded(_ bytes: [UInt8], _ start: Int, _ length: Int) -> String {
    String(decoding: bytes[start..<(start + length)], as: UTF8.self)
}

/// Keys of every length up to past the table's limit, ASCII and multi-byte, many of them
/// differing only in their last byte or their length.
private func sampleKeys(_ random: inout SeededGenerator, count: Int) -> [String] {
    let pieces = ["a", "name", "image", "Properties", "é", "日本", "🚀", "x", "0", "-", "containerDefinitions", "_"]
    return (0..<count).map { _ in
        var key = ""
        for _ in 0..<Int(random.next() % 8) { key += pieces[Int(random.next() % UInt64(pieces.count))] }
        return key
    }
}

@Suite("Shared mapping keys")
struct KeyTableTests {
    @Test("a key from the table equals the decoded bytes, through evictions and at the buffer's end")
    func tableTextEqualsDecoding() {
        var random = SeededGenerator(seed: 7)
        // More distinct keys than slots, so slots are taken over and keys come back after being evicted.
        let keys = sampleKeys(&random, count: 3000)
        let table = KeyTable()
        for round in 0..<20_000 {
            let key = keys[Int(random.next() % UInt64(keys.count))]
            // Sometimes the key ends the buffer, so fewer than 32 bytes can be read from its start.
            let before = Array(repeating: UInt8(ascii: "\""), count: Int(random.next() % 5))
            let after: [UInt8] = round % 3 == 0 ? [] : Array("\": 1, \"padding that follows the key\"".utf8)
            let bytes = before + Array(key.utf8) + after
            let text = bytes.withUnsafeBufferPointer { table.text(at: before.count, length: key.utf8.count, in: $0) }
            #expect(text == decoded(bytes, before.count, key.utf8.count))
            #expect(text.utf8.count == key.utf8.count)
        }
    }

    @Test("keys that differ only after the first word, or only in length, stay apart")
    func nearKeysStayApart() {
        let table = KeyTable()
        let keys = [
            "", "a", "aa", "a\u{0}", "containerDefinitions", "containerDefinitionz", "containerDefinition",
            "abcdefgh", "abcdefghi", "abcdefgh\u{0}", String(repeating: "k", count: 32), String(repeating: "k", count: 33),
        ]
        for _ in 0..<3 {
            for key in keys {
                let bytes = Array(key.utf8) + Array(repeating: UInt8(ascii: " "), count: 40)
                let text = bytes.withUnsafeBufferPointer { table.text(at: 0, length: key.utf8.count, in: $0) }
                #expect(text == key)
            }
        }
    }

    @Test("JSON parsed with a table equals JSON parsed without one, file after file")
    func jsonTreesAreUnchanged() throws {
        var random = SeededGenerator(seed: 11)
        let table = KeyTable()
        let keys = sampleKeys(&random, count: 200) + ["esc\\\"aped", "tab\\tkey", "\\u00e9t\\u00e9"]
        for _ in 0..<500 {
            var text = "{"
            for member in 0..<Int(random.next() % 12) {
                if member > 0 { text += "," }
                let key = keys[Int(random.next() % UInt64(keys.count))]
                text += "\"\(key)\": " + (random.next() % 3 == 0 ? "{\"\(key)\": [1, {\"\(key)\": null}]}" : "\"v\"")
            }
            text += "}"
            let bytes = Array(text.utf8)
            let plain = try JSONParser().parse(bytes)
            let shared = try JSONParser().parse(bytes, keys: table)
            #expect(shared == plain, "\(text)")
        }
    }

    @Test("YAML keys the core schema resolves keep their null, boolean and number values")
    func yamlResolvedKeysAreUnchanged() throws {
        let table = KeyTable()
        let documents = [
            "true: a\nTrue: b\n\"true\": c\n'true': d\nnull: e\n~: f\n1: g\n-1: h\n.5: i\n0x1F: j\ntruth: k\n",
            "{true: 1, false: 2, Null: 3, 12: 4, name: 5, \"12\": 6}\n",
            "- {key: value, ~: x}\n- [a: b, true: c]\n",
            "? complex\n: value\n? [a, b]\n: list\n&anchor shared: 1\n*anchor : 2\n",
            "!!str true: tagged\n!Ref key: local\nplain\n  folded key: no\n",
            "Resources:\n  Service:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: !Ref Cluster\n",
            "é: 1\n日本: 2\n\"esc\\taped\": 3\nvery long key that is longer than thirty-two bytes: 4\nend",
        ]
        for _ in 0..<2 {
            for text in documents {
                let bytes = Array(text.utf8)
                let plain = Result { () throws(ParseError) in try YAMLParser().parse(bytes).documents }
                let shared = Result { () throws(ParseError) in try YAMLParser().parse(bytes, keys: table).documents }
                #expect(String(describing: shared) == String(describing: plain), "\(text)")
            }
        }
        let resolved = try YAMLParser().parse(Array("true: a\n\"true\": b\n1: c\n".utf8), keys: table).documents
        let keys = try #require(resolved.first?.entries).map(\.key.kind)
        #expect(keys == [.bool(true), .string("true", .doubleQuoted), .number("1")])
    }

    @Test("a plain scalar is certainly a string exactly when its first byte cannot start null, a boolean or a number")
    func certainlyStringAgreesWithResolution() {
        let tails = ["", "x", "ull", "rue", "alse", "1", ".5", "e3", "nf", "aN", "~"]
        for first in UInt8(0x20)...UInt8(0x7E) {
            guard YAMLCoreSchema.isString(plainStartingWith: first) else { continue }
            for tail in tails {
                let text = String(decoding: [first], as: UTF8.self) + tail
                #expect(YAMLCoreSchema.resolvePlain(text) == .string(text, .plain), "\(text)")
            }
        }
        #expect(!YAMLCoreSchema.isString(plainStartingWith: nil))
        for text in ["~", "null", "True", "FALSE", "-1", "+2", ".5", "0o7", "7"] {
            #expect(!YAMLCoreSchema.isString(plainStartingWith: text.utf8.first), "\(text)")
        }
    }

    @Test("a large YAML file scanned on a second thread shares keys the same way")
    func scanningAsideSharesKeys() throws {
        var text = ""
        for index in 0..<300 { text += "Resource\(index % 40):\n  Type: AWS::ECS::Service\n  true: \(index)\n  \"x\": y\n" }
        let bytes = Array(text.utf8)
        let table = KeyTable()
        let plain = try YAMLParser().parse(bytes, scanningAside: false).documents
        let aside = try YAMLParser().parse(bytes, scanningAside: true, batchSize: 16, keys: table).documents
        #expect(aside == plain)
    }

    @Test("each run of inputs one thread maps shares one context, and the output keeps the input order")
    func parallelMapContextsFollowRuns() {
        final class Context: @unchecked Sendable {}
        let inputs = Array(0..<2000)
        // The outputs keep every context alive, so no two contexts can share an address.
        let outputs = ParallelMap.map(inputs, workers: 2, context: { Context() }) { input, context in (input, context) }
        #expect(outputs.map(\.0) == inputs)
        var finished: Set<ObjectIdentifier> = []
        var current: ObjectIdentifier?
        for context in outputs.map({ ObjectIdentifier($0.1) }) where context != current {
            if let current { finished.insert(current) }
            #expect(!finished.contains(context), "a context came back after another one's run")
            current = context
        }
        #expect(finished.count >= 1)
    }
}
