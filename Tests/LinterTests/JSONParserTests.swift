import Foundation
import Testing

@testable import LinterCore
@testable import Linter
@testable import LinterCLI
import TestKit

/// A plain JSON value, independent of the parser, to generate and compare trees.
indirect enum Value: Equatable {
    case object([(String, Value)])
    case array([Value])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    init(_ node: Node) {
        switch node.kind {
        case .object(let entries): self = .object(entries.map { ($0.name ?? "", Value($0.value)) })
        case .array(let elements): self = .array(elements.map(Value.init))
        case .string(let text, _): self = .string(text)
        case .number(let lexeme): self = .number(lexeme)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .null
        case .tagged(_, let inner): self = Value(inner)
        }
    }

    static func random(_ generator: inout SeededGenerator, depth: Int) -> Value {
        let choice = Int(generator.next() % (depth > 3 ? 4 : 6))
        switch choice {
        case 0: return .string(randomString(&generator))
        case 1:
            let numbers = ["0", "-1", "42", "3.25", "-0.5e10", "1E-7", "123456789012345678901234567890"]
            return .number(numbers[Int(generator.next() % UInt64(numbers.count))])
        case 2: return .bool(generator.next() % 2 == 0)
        case 3: return .null
        case 4:
            return .array((0..<Int(generator.next() % 4)).map { _ in random(&generator, depth: depth + 1) })
        default:
            return .object((0..<Int(generator.next() % 4)).map { _ in (randomString(&generator), random(&generator, depth: depth + 1)) })
        }
    }

    static func randomString(_ generator: inout SeededGenerator) -> String {
        let pieces = ["a", "Z", " ", "é", "😀", "\"", "\\", "\n", "\t", "\u{01}", "/", "ß", "中"]
        return (0..<Int(generator.next() % 6)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
    }

    /// Prints with random whitespace, so ranges are tested against irregular layout.
    func print(_ generator: inout SeededGenerator) -> String {
        let spaces = ["", " ", "\n  ", "\r\n", "\t"]
        func space() -> String { spaces[Int(generator.next() % UInt64(spaces.count))] }
        switch self {
        case .object(let members):
            return "{" + space() + members.map { NodeJSONWriter.quoted($0.0) + space() + ":" + space() + $0.1.print(&generator) + space() }
                .joined(separator: "," + space()) + "}"
        case .array(let elements):
            return "[" + space() + elements.map { $0.print(&generator) + space() }.joined(separator: ",") + "]"
        case .string(let text): return NodeJSONWriter.quoted(text)
        case .number(let lexeme): return lexeme
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }
}

@Suite("JSON parser")
struct JSONParserTests {
    @Test("random trees: print then parse gives the same tree, and every range slices back to its text")
    func roundTrip() throws {
        var generator = SeededGenerator(seed: 0xEC5_1117)
        for _ in 0..<400 {
            let value = Value.random(&generator, depth: 0)
            let text = value.print(&generator)
            let file = SourceFile(path: "random.json", text: text)
            let node = try JSONParser().parse(file.bytes)
            #expect(Value(node) == value, "\(text)")
            node.forEachNode { child in
                let slice = file.text(of: child.range)
                switch child.kind {
                case .string(let string, _): #expect(slice == NodeJSONWriter.quoted(string) || (try? JSONParser().parse(slice))?.string == string)
                case .number(let lexeme): #expect(slice == lexeme)
                case .bool(let flag): #expect(slice == (flag ? "true" : "false"))
                case .null: #expect(slice == "null")
                case .object: #expect(slice.hasPrefix("{") && slice.hasSuffix("}"))
                case .array: #expect(slice.hasPrefix("[") && slice.hasSuffix("]"))
                case .tagged: Issue.record("JSON has no tags")
                }
            }
            // The writer (which merges duplicate keys and normalizes number spelling) is idempotent.
            let rendered = NodeJSONWriter().render(node)
            #expect(NodeJSONWriter().render(try JSONParser().parse(rendered)) == rendered)
        }
    }

    @Test("multi-byte characters move UTF-16 columns but not lines")
    func multiByte() throws {
        let file = SourceFile(path: "x.json", text: "{\"é😀\": \"v\", \"k\": 1}")
        let node = try JSONParser().parse(file.bytes)
        let entries = try #require(node.entries)
        #expect(file.range(of: entries[0].key.range).description == "1:2-1:7")  // "é😀" = 1 + 1 + 2 units + quotes
        #expect(file.range(of: entries[0].value.range).description == "1:9-1:12")
        #expect(file.range(of: entries[1].value.range).description == "1:19-1:20")
        #expect(file.scalarColumn(of: entries[1].value.range.start) == 18)
    }

    @Test("CRLF files: lines and columns")
    func crlf() throws {
        let file = SourceFile(path: "x.json", text: "{\r\n  \"family\": \"web\",\r\n  \"cpu\": 256\r\n}\r\n")
        let node = try JSONParser().parse(file.bytes)
        let cpu = try #require(node.entry("cpu"))
        #expect(file.range(of: cpu.key.range).description == "3:3-3:8")
        #expect(file.range(of: cpu.value.range).description == "3:10-3:13")
        #expect(file.lineText(2) == "  \"family\": \"web\",")
    }

    @Test("a UTF-8 byte order mark is skipped and does not count as a column")
    func byteOrderMark() throws {
        let file = SourceFile(path: "x.json", bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8))
        let node = try JSONParser().parse(file.bytes)
        #expect(file.range(of: node.range).description == "1:1-1:9")
        #expect(file.range(of: try #require(node["a"]).range).description == "1:7-1:8")
    }

    @Test("keys and values have their own ranges; duplicate keys are kept")
    func keysAndDuplicates() throws {
        let file = SourceFile(path: "x.json", text: "{\"a\": 1, \"a\": [true, null]}")
        let node = try JSONParser().parse(file.bytes)
        let entries = try #require(node.entries)
        #expect(entries.count == 2)
        #expect(file.range(of: entries[1].key.range).description == "1:10-1:13")
        #expect(file.range(of: entries[1].value.range).description == "1:15-1:27")
        #expect(node["a"]?.elements?.count == 2)
        #expect(NodeJSONWriter().render(node) == "{\"a\":[true,null]}")
        #expect(node.lookup(pointer: "/a/1")?.isNull == true)
    }

    @Test("errors say what was expected and where", arguments: [
        ("{\"a\" 1}", "1:6", "expected ':' after object key, found '1'"),
        ("[1, 2", "1:6", "expected ',' or ']' in array, found end of file"),
        ("{\"a\": 01}", "1:7", "invalid number: leading zeros are not allowed"),
        ("\"\\ud800\"", "1:2", "lone surrogate \\uD800 in string: a high surrogate must be followed by a low surrogate"),
        ("[\"a\u{0001}\"]", "1:4", "invalid control character U+0001 in string: escape it"),
    ])
    func errors(source: String, position: String, message: String) {
        let file = SourceFile(path: "x.json", text: source)
        #expect(throws: ParseError.self) { try JSONParser().parse(file.bytes) }
        do {
            _ = try JSONParser().parse(file.bytes)
        } catch {
            #expect(file.position(of: error.offset).description == position)
            #expect(error.message == message)
        }
    }

    @Test("invalid UTF-8 is an error with the byte offset")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        do {
            _ = try JSONParser().parse(bytes)
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.offset == 4)
            #expect(error.message.contains("byte offset 4"))
        }
    }

    @Test("100,000 nested arrays fail cleanly at the depth limit")
    func deepNesting() {
        let bytes = Array(repeating: UInt8(ascii: "["), count: 100_000)
        do {
            _ = try JSONParser().parse(bytes)
            Issue.record("accepted")
        } catch {
            #expect(error.message == "nesting is deeper than the limit of 512 levels")
            #expect(error.offset == 512)
        }
    }
}

@Suite("dump")
struct DumpTests {
    @Test("a CloudFormation template with every short-form tag dumps to the tagged form")
    func shortFormTags() throws {
        let template = """
            Resources:
              Thing:
                Properties:
                  A: !Ref Param
                  B: !GetAtt Repo.RepositoryUri
                  C: !Sub '${AWS::Region}-x'
                  D: !Join ['', [a, !Ref B]]
                  E: !If [Cond, 1, 2]
                  F: !Equals [a, b]
                  G: !Select [0, !Split [',', 'a,b']]
                  H: !FindInMap [M, K, V]
                  I: !ImportValue Exported
                  J: !Base64 text
                  K: !Cidr [10.0.0.0/16, 4, 8]
                  L: !GetAZs ''
                  M: !Not [!Condition C1]
                  N: !And [!Condition C1, !Or [!Condition C2, !Condition C3]]
                  O: !!str 1
                  P: .inf
                  Q: yes
            """
        let directory = try TemporaryProject(git: false)
        try directory.write("t.yaml", template)
        let dump = directory.run(["dump", "t.yaml"], context: CLI.bare)
        #expect(dump.code == .clean, "\(dump.stderr)")
        #expect(dump.stdout == """
            {"Resources":{"Thing":{"Properties":{"A":{"!Ref":"Param"},"B":{"!GetAtt":"Repo.RepositoryUri"},"C":{"!Sub":"${AWS::Region}-x"},"D":{"!Join":["",["a",{"!Ref":"B"}]]},"E":{"!If":["Cond",1,2]},"F":{"!Equals":["a","b"]},"G":{"!Select":[0,{"!Split":[",","a,b"]}]},"H":{"!FindInMap":["M","K","V"]},"I":{"!ImportValue":"Exported"},"J":{"!Base64":"text"},"K":{"!Cidr":["10.0.0.0/16",4,8]},"L":{"!GetAZs":""},"M":{"!Not":[{"!Condition":"C1"}]},"N":{"!And":[{"!Condition":"C1"},{"!Or":[{"!Condition":"C2"},{"!Condition":"C3"}]}]},"O":"1","P":".inf","Q":"yes"}}}}

            """)
        let broken = directory.run(["dump", "/definitely/missing.json"], context: CLI.bare)
        #expect(broken.code == .failure)
    }
}
