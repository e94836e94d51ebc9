import Foundation
import Testing

@testable import LinterCore
@testable import Linter

/// Renders a fix on one file and applies it: the file's bytes after the fix, or nil when the
/// fix cannot be written exactly. `edits` receives the parsed document's root.
private func fixed(_ bytes: [UInt8], path: String, _ edits: (Node) -> [FixEdit.Operation]) throws -> [UInt8]? {
    let source = SourceFile(path: path, bytes: bytes)
    let roots = try DocumentParser().parse(source).get().documents
    let root = try #require(roots.first)
    let renderer = FixRenderer(
        files: [path: FixRenderer.File(source: source, roots: roots, displayPath: path, isRenderedTemplate: false)])
    let fix = Fix("test", safety: .safe, edits: edits(root).map { FixEdit(path: path, $0) })
    guard let rendered = renderer.render(fix) else { return nil }
    return AppliedEdits(rendered.edits).apply(to: source.bytes)
}

private func fixed(_ text: String, path: String = "t.yaml", _ edits: (Node) -> [FixEdit.Operation]) throws -> String? {
    try fixed(Array(text.utf8), path: path, edits).map { String(decoding: $0, as: UTF8.self) }
}

/// The node at a JSON pointer, which the test requires to exist.
private func node(_ root: Node, _ pointer: String) -> Node {
    root.lookup(pointer: pointer) ?? Node(.null, range: .point(-1))
}

private let yes = [FixMember("Enable", .bool(true))]

@Suite("Fix rendering keeps every byte around the edit")
struct FixRendererTests {
    // MARK: YAML block mappings

    @Test func blockInsertKeepsCRLFCommentsAndAMissingFinalLineBreak() throws {
        let text = "A:\r\n  b: 1  # keep me\r\n  c: 2 # last\r\nB: 3  # after"
        let result = try fixed(text) { root in [.insertEntries(yes, into: node(root, "/A"))] }
        #expect(result == "A:\r\n  b: 1  # keep me\r\n  c: 2 # last\r\n  Enable: true\r\nB: 3  # after")
        let atEnd = try fixed("A:\r\n  b: 1 # c") { root in [.insertEntries(yes, into: node(root, "/A"))] }
        #expect(atEnd == "A:\r\n  b: 1 # c\r\n  Enable: true")
    }

    @Test func blockInsertOfNestedObjectsUsesTheFilesIndentationStep() throws {
        let text = "Resources:\n    Service:\n        Properties:\n            Name: web\n"
        let value = FixValue.fields(["Breaker": .fields(["Enable": .bool(true), "Rollback": .bool(true)]), "List": .array([.string("a"), .string("b")])])
        let result = try fixed(text) { root in
            [.insertEntries([FixMember("Deployment", value)], into: node(root, "/Resources/Service/Properties"))]
        }
        #expect(
            result == """
                Resources:
                    Service:
                        Properties:
                            Name: web
                            Deployment:
                                Breaker:
                                    Enable: true
                                    Rollback: true
                                List: [a, b]

                """)
    }

    @Test func blockInsertAfterANestedBlockAndUnderASequenceDash() throws {
        let text = "Containers:\n  - Name: app\n    Health:\n      Command: [CMD]\n  - Name: b\n"
        let result = try fixed(text) { root in [.insertEntries([FixMember("ReadOnly", .bool(true))], into: node(root, "/Containers/0"))] }
        #expect(result == "Containers:\n  - Name: app\n    Health:\n      Command: [CMD]\n    ReadOnly: true\n  - Name: b\n")
        let single = try fixed("- Name: app\n") { root in [.insertEntries([FixMember("Image", .string("x:1"))], into: node(root, "/0"))] }
        #expect(single == "- Name: app\n  Image: x:1\n")
    }

    @Test func yamlStringsArePlainOnlyWhenTheyReadBackAsThemselves() throws {
        let members = [
            FixMember("a", .string("true")), FixMember("b", .string("256")), FixMember("c", .string("x: y")),
            FixMember("d", .string("it's")), FixMember("e", .string("line\nbreak")), FixMember("f", .string("plain")),
            FixMember("g", .string("yes")),
        ]
        let result = try fixed("M:\n  k: v\n") { root in [.insertEntries(members, into: node(root, "/M"))] }
        #expect(
            result
                == "M:\n  k: v\n  a: 'true'\n  b: '256'\n  c: 'x: y'\n  d: it's\n  e: \"line\\nbreak\"\n  f: plain\n  g: 'yes'\n")
    }

    @Test func blockScalarsKeepTheirLines() throws {
        let clip = try fixed("A:\n  t: |\n    text\n\nB: 1\n") { root in [.insertEntries(yes, into: node(root, "/A"))] }
        #expect(clip == "A:\n  t: |\n    text\n  Enable: true\n\nB: 1\n")
        let keep = try fixed("A:\n  t: |+\n    text\n\nB: 1\n") { root in [.insertEntries(yes, into: node(root, "/A"))] }
        #expect(keep == nil, "the blank line belongs to the scalar")
    }

    @Test func replacedStringsKeepTheirQuotes() throws {
        let text = "a: fargate\nb: \"fargate\"\nc: 'fargate' # note\n"
        let result = try fixed(text) { root in
            ["/a", "/b", "/c"].map { .replace(node(root, $0), with: .string("FARGATE")) }
        }
        #expect(result == "a: FARGATE\nb: \"FARGATE\"\nc: 'FARGATE' # note\n")
        let json = try fixed("{\"a\": \"fargate\"}", path: "t.json") { root in [.replace(node(root, "/a"), with: .string("FARGATE"))] }
        #expect(json == "{\"a\": \"FARGATE\"}")
    }

    // MARK: Flow collections and JSON

    @Test func jsonInsertKeepsTabsAndNesting() throws {
        let text = "{\n\t\"a\": {\n\t\t\"b\": 1\n\t}\n}\n"
        let result = try fixed(text, path: "t.json") { root in
            [.insertEntries([FixMember("c", .fields(["d": .bool(true)]))], into: node(root, "/a"))]
        }
        #expect(result == "{\n\t\"a\": {\n\t\t\"b\": 1,\n\t\t\"c\": {\n\t\t\t\"d\": true\n\t\t}\n\t}\n}\n")
    }

    @Test func jsonInsertOnOneLineTakesTheSeparatorsWritten() throws {
        let compact = try fixed("{\"a\":1,\"b\":2}", path: "t.json") { root in [.insertEntries([FixMember("c", .int(3))], into: root)] }
        #expect(compact == "{\"a\":1,\"b\":2,\"c\":3}")
        let spaced = try fixed("{\"a\": 1, \"b\": 2}", path: "t.json") { root in [.insertEntries([FixMember("c", .int(3))], into: root)] }
        #expect(spaced == "{\"a\": 1, \"b\": 2, \"c\": 3}")
        let empty = try fixed("{\"a\": {}}", path: "t.json") { root in [.insertEntries([FixMember("c", .int(3))], into: node(root, "/a"))] }
        #expect(empty == "{\"a\": {\"c\": 3}}")
    }

    @Test func aByteOrderMarkAndCRLFStayAndNoFinalLineBreakIsAdded() throws {
        let text = "\u{FEFF}{\r\n  \"a\": 1\r\n}"
        let result = try fixed(Array(text.utf8), path: "t.json") { root in [.insertEntries([FixMember("b", .bool(true))], into: root)] }
        #expect(result == Array("\u{FEFF}{\r\n  \"a\": 1,\r\n  \"b\": true\r\n}".utf8))
    }

    @Test func yamlFlowMappingsAndSequences() throws {
        let text = "m: {A: 1, B: [x, y]}  # comment\nc: [\"curl -f http://x/\"]\n"
        let result = try fixed(text) { root in
            [
                .insertEntries(yes, into: node(root, "/m")),
                .insertElements([.string("CMD-SHELL")], at: 0, into: node(root, "/c")),
            ]
        }
        #expect(result == "m: {A: 1, B: [x, y], Enable: true}  # comment\nc: [\"CMD-SHELL\", \"curl -f http://x/\"]\n")
    }

    @Test func blockSequenceInsertions() throws {
        let text = "Command:\n  - curl -f http://x/\n  - --retry\nNext: 1\n"
        let first = try fixed(text) { root in [.insertElements([.string("CMD")], at: 0, into: node(root, "/Command"))] }
        #expect(first == "Command:\n  - CMD\n  - curl -f http://x/\n  - --retry\nNext: 1\n")
        let last = try fixed(text) { root in [.insertElements([.fields(["a": .int(1), "b": .int(2)])], at: 2, into: node(root, "/Command"))] }
        #expect(last == "Command:\n  - curl -f http://x/\n  - --retry\n  - a: 1\n    b: 2\nNext: 1\n")
    }

    @Test func jsonArrayInsertionsOnOneAndOnSeveralLines() throws {
        let inline = try fixed("[\"b\", \"c\"]", path: "t.json") { root in [.insertElements([.string("a")], at: 0, into: root)] }
        #expect(inline == "[\"a\", \"b\", \"c\"]")
        let lines = try fixed("{\"r\": [\n  {\"p\": 2}\n]}", path: "t.json") { root in
            [.insertElements([.fields(["p": .int(1)])], at: 0, into: node(root, "/r"))]
        }
        #expect(lines == "{\"r\": [\n  {\n    \"p\": 1\n  },\n  {\"p\": 2}\n]}")
    }

    // MARK: Removal

    @Test func removingEntriesTakesTheirSeparatorsOrLines() throws {
        let json = try fixed("{\"a\": 1, \"b\": 2, \"c\": 3}", path: "t.json") { root in [.removeEntry(at: 1, of: root)] }
        #expect(json == "{\"a\": 1, \"c\": 3}")
        let last = try fixed("{\n  \"a\": 1,\n  \"b\": 2\n}", path: "t.json") { root in [.removeEntry(at: 1, of: root)] }
        #expect(last == "{\n  \"a\": 1\n}")
        let block = try fixed("# head\nP:\n  A: 1 # a\n  # about B\n  B: 2 # b\n  C: 3\n") { root in [.removeEntry(at: 1, of: node(root, "/P"))] }
        #expect(block == "# head\nP:\n  A: 1 # a\n  # about B\n  C: 3\n")
        let endOfFile = try fixed("P:\r\n  A: 1\r\n  B: 2") { root in [.removeEntry(at: 1, of: node(root, "/P"))] }
        #expect(endOfFile == "P:\r\n  A: 1")
        let alone = try fixed("P:\n  A: 1\n") { root in [.removeEntry(at: 0, of: node(root, "/P"))] }
        #expect(alone == nil, "a block mapping left empty is not a mechanical edit")
    }

    @Test func removingComments() throws {
        let text = "A:\n  # ecslint-disable-next-line\n  b: 1  # ecslint-disable-line\n"
        let lineStart = try #require(text.range(of: "# ecslint-disable-next")).lowerBound.utf16Offset(in: text)
        let trailing = try #require(text.range(of: "# ecslint-disable-line")).lowerBound.utf16Offset(in: text)
        let result = try fixed(text) { _ in
            [.removeComment(ByteRange(start: lineStart, end: lineStart + 29)), .removeComment(ByteRange(start: trailing, end: trailing + 22))]
        }
        #expect(result == "A:\n  b: 1\n")
    }

    // MARK: CloudFormation forms

    @Test func shortAndLongIntrinsicFormsStayInTheirForm() throws {
        let yaml = "Id: !Join [\"/\", [service, !Ref Service]]\nLong:\n  Ref: Service\n"
        let result = try fixed(yaml) { root in
            let short = node(root, "/Id").tag?.node.elements?[1].elements?[1] ?? root
            let long = node(root, "/Long")
            return [
                .replace(short, with: .tagged("!GetAtt", .string("Service.Name"))),
                .replace(long.entries?[0].key ?? long, with: .string("Fn::GetAtt")),
                .replace(long.entries?[0].value ?? long, with: .array([.string("Service"), .string("Name")])),
            ]
        }
        #expect(result == "Id: !Join [\"/\", [service, !GetAtt Service.Name]]\nLong:\n  Fn::GetAtt: [Service, Name]\n")
        let json = try fixed("{\"Id\": {\"Ref\": \"Service\"}}", path: "t.json") { root in
            let long = node(root, "/Id")
            return [
                .replace(long.entries?[0].key ?? long, with: .string("Fn::GetAtt")),
                .replace(long.entries?[0].value ?? long, with: .array([.string("Service"), .string("Name")])),
            ]
        }
        #expect(json == "{\"Id\": {\"Fn::GetAtt\": [\"Service\", \"Name\"]}}")
        let tagInJSON = try fixed("{\"Id\": \"x\"}", path: "t.json") { root in [.replace(node(root, "/Id"), with: .tagged("!Ref", .string("X")))] }
        #expect(tagInJSON == nil, "JSON has no tags: the fix is not offered")
    }

    @Test func textInsideAStringIsReplacedOnlyWhereWrittenLiterally() throws {
        let result = try fixed("Id: !Sub service/${Cluster}/${Service}\n") { root in
            [.replaceInString(node(root, "/Id").tag?.node ?? root, text: "${Service}", with: "${Service.Name}")]
        }
        #expect(result == "Id: !Sub service/${Cluster}/${Service.Name}\n")
        let escaped = try fixed("{\"Id\": \"service/\\u0024{Service}\"}", path: "t.json") { root in
            [.replaceInString(node(root, "/Id"), text: "${Service}", with: "${Service.Name}")]
        }
        #expect(escaped == nil)
    }

    // MARK: JSON held in a string

    /// The model's view of JSON in a string: its nodes with ranges in the outer file.
    private func embedded(_ bytes: [UInt8], path: String, pointer: String) throws -> (Node, Node) {
        let source = SourceFile(path: path, bytes: bytes)
        let root = try #require(try DocumentParser().parse(source).get().documents.first)
        let string = try #require(root.lookup(pointer: pointer))
        let inner = try EmbeddedDocument.parse(string, in: source).get()
        #expect(inner.isExactlyMapped)
        return (root, inner.root)
    }

    private func fixedEmbedded(
        _ text: String, path: String, pointer: String, _ edits: (Node) -> [FixEdit.Operation]
    ) throws -> String? {
        let bytes = Array(text.utf8)
        let (_, inner) = try embedded(bytes, path: path, pointer: pointer)
        return try fixed(bytes, path: path) { _ in edits(inner) }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func jsonInAJSONStringIsEscapedBack() throws {
        let text = #"{"lifecyclePolicyText": "{\"rules\":[{\"selection\":{\"countType\":\"sinceImagePushed\"}}]}"}"#
        let result = try fixedEmbedded(text, path: "p.json", pointer: "/lifecyclePolicyText") { inner in
            [.insertEntries([FixMember("countUnit", .string("days"))], into: node(inner, "/rules/0/selection"))]
        }
        #expect(result == #"{"lifecyclePolicyText": "{\"rules\":[{\"selection\":{\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\"}}]}"}"#)
        let pretty = #"{"text": "{\n  \"a\": 1\n}"}"#
        let prettyResult = try fixedEmbedded(pretty, path: "p.json", pointer: "/text") { inner in
            [.insertEntries([FixMember("b", .string("it's \"quoted\""))], into: inner)]
        }
        #expect(prettyResult == #"{"text": "{\n  \"a\": 1,\n  \"b\": \"it's \\\"quoted\\\"\"\n}"}"#)
    }

    @Test func jsonInAYAMLLiteralBlockKeepsTheBlockIndentation() throws {
        let text = "Policy:\r\n  Text: |\r\n    {\"rules\": [\r\n      {\"a\": 1}\r\n    ]}\r\nNext: 1\r\n"
        let result = try fixedEmbedded(text, path: "t.yaml", pointer: "/Policy/Text") { inner in
            [.insertElements([.fields(["a": .int(0)])], at: 0, into: node(inner, "/rules"))]
        }
        #expect(result == "Policy:\r\n  Text: |\r\n    {\"rules\": [\r\n      {\r\n        \"a\": 0\r\n      },\r\n      {\"a\": 1}\r\n    ]}\r\nNext: 1\r\n")
    }

    @Test func jsonInASingleQuotedYAMLString() throws {
        let text = "Text: '{\"a\": \"x\"}'\n"
        let result = try fixedEmbedded(text, path: "t.yaml", pointer: "/Text") { inner in
            [.insertEntries([FixMember("b", .string("it's"))], into: inner)]
        }
        #expect(result == "Text: '{\"a\": \"x\", \"b\": \"it''s\"}'\n")
    }

    @Test func jsonInAFoldedScalarIsNotEdited() throws {
        let text = "Text: >\n  {\"a\": \"x\"}\n"
        let source = SourceFile(path: "t.yaml", text: text)
        let root = try #require(try DocumentParser().parse(source).get().documents.first)
        let string = try #require(root.lookup(pointer: "/Text"))
        let inner = try EmbeddedDocument.parse(string, in: source).get()
        #expect(!inner.isExactlyMapped)
        let result = try fixed(text) { _ in [.replace(node(inner.root, "/a"), with: .string("y"))] }
        #expect(result == nil)
    }
}
