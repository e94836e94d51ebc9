import Foundation
import XCTest

import LinterCore
import Linter

final class YAMLParserTests: XCTestCase {
    // MARK: - Helpers

    private func parse(_ text: String, limits: ParseLimits = .default) throws -> ParsedFile {
        try YAMLParser(limits: limits).parse(text)
    }

    private func document(_ text: String) throws -> Node {
        let file = try parse(text)
        XCTAssertEqual(file.documents.count, 1)
        return try XCTUnwrap(file.documents.first)
    }

    private func parseError(_ text: String, limits: ParseLimits = .default) -> ParseError? {
        parseError(Array(text.utf8), limits: limits)
    }

    private func parseError(_ bytes: [UInt8], limits: ParseLimits = .default) -> ParseError? {
        do {
            _ = try YAMLParser(limits: limits).parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// A compact rendering of a tree without ranges, so whole trees fit in one assertion.
    private func render(_ node: Node) -> String {
        switch node.kind {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let lexeme): return "#" + lexeme
        case .string(let text, _): return "'" + text + "'"
        case .tagged(let tag, let inner): return tag + "(" + render(inner) + ")"
        case .array(let elements): return "[" + elements.map(render).joined(separator: ", ") + "]"
        case .object(let entries):
            return "{" + entries.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
        }
    }

    private func range(_ start: Int, _ end: Int) -> ByteRange { ByteRange(start: start, end: end) }

    // MARK: - Ranges

    func testRangesOfKeysValuesAndMapping() throws {
        let root = try document("key: value\nlist:\n- a\n- b\n")
        XCTAssertEqual(root.range, range(0, 24))
        let entries = try XCTUnwrap(root.entries)
        XCTAssertEqual(entries[0].key.range, range(0, 3))
        XCTAssertEqual(entries[0].value.range, range(5, 10))
        XCTAssertEqual(entries[1].key.range, range(11, 15))
        // A sequence at the same indentation as its key starts at its first '-'.
        XCTAssertEqual(entries[1].value.range, range(17, 24))
        XCTAssertEqual(entries[1].value[0]?.range, range(19, 20))
    }

    func testEmptyValueHasZeroLengthRangeAfterColon() throws {
        let root = try document("a:\nb: 1\n")
        XCTAssertEqual(root["a"]?.kind, .null)
        XCTAssertEqual(root["a"]?.range, .point(2))
    }

    func testQuotedAndFlowRanges() throws {
        let root = try document("a: 'x''y'\nb: \"q\"\nc: [1, {d: e}]\n")
        XCTAssertEqual(root["a"]?.range, range(3, 9))
        XCTAssertEqual(root["a"]?.string, "x'y")
        XCTAssertEqual(root["b"]?.range, range(13, 16))
        XCTAssertEqual(root["c"]?.range, range(20, 31))
        XCTAssertEqual(root["c"]?[1]?.range, range(24, 30))
    }

    func testMultibyteCharactersBeforeAValue() throws {
        // 'é' is 2 bytes and '😀' 4: ranges are byte offsets, not characters.
        let root = try document("é: 😀 x\nk: v\n")
        let entries = try XCTUnwrap(root.entries)
        XCTAssertEqual(entries[0].key.range, range(0, 2))
        XCTAssertEqual(entries[0].value.range, range(4, 10))
        XCTAssertEqual(entries[0].value.string, "😀 x")
        XCTAssertEqual(entries[1].key.range, range(11, 12))
        XCTAssertEqual(entries[1].value.range, range(14, 15))
    }

    func testCRLFAndLoneCRLineBreaks() throws {
        let root = try document("a: 1\r\nb: |\r\n  x\r\n  y\r\nc: 3\rd: 4")
        XCTAssertEqual(root.entry("b")?.key.range, range(6, 7))
        XCTAssertEqual(root["b"]?.string, "x\ny\n")
        XCTAssertEqual(root["b"]?.range, range(9, 20))
        XCTAssertEqual(root["c"]?.numberLexeme, "3")
        XCTAssertEqual(root["d"]?.range, range(30, 31))
    }

    func testByteOrderMark() throws {
        let root = try document("\u{FEFF}a: 1\n")
        XCTAssertEqual(root.entry("a")?.key.range, range(3, 4))
        XCTAssertEqual(root["a"]?.range, range(6, 7))
    }

    func testBlockScalarRangeCoversHeaderThroughLastContentLine() throws {
        let text = "s: |-\n  one\n\n  two\n\nt: 1\n"
        let root = try document(text)
        XCTAssertEqual(root["s"]?.string, "one\n\ntwo")
        XCTAssertEqual(root["s"]?.range, range(3, 18))
        XCTAssertEqual(root.range, range(0, 24))
    }

    func testTaggedNodeRangeCoversTagAndValue() throws {
        let root = try document("A: !Ref Bucket\nB: !Sub\n  - x\n")
        XCTAssertEqual(root["A"]?.range, range(3, 14))
        XCTAssertEqual(root["A"]?.tag?.node.range, range(8, 14))
        XCTAssertEqual(root["B"]?.range, range(18, 28))
    }

    // MARK: - CloudFormation

    func testCloudFormationShortFormTags() throws {
        let template = """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub '${AWS::StackName}-logs'
                  Arn: !GetAtt Role.Arn
                  Ref: !Ref Param
                  Joined: !Join [ '', [ 'arn:', !Ref AWS::Partition, ':s3:::x' ] ]
                  SubList: !Sub [ '${A}-x', { A: !Ref B } ]
                  Choice: !If [ IsProd, !Select [ 0, !GetAZs '' ], !Split [ ',', 'a,b' ] ]
                  Eq: !Equals [ !Ref Env, prod ]
                  Map: !FindInMap [ RegionMap, !Ref 'AWS::Region', AMI ]
                  Import: !ImportValue SharedVpc
                  Data: !Base64 |
                    #!/bin/bash
                  Cidr: !Cidr [ !GetAtt Vpc.CidrBlock, 6, 5 ]
                  Logic: !And
                    - !Not [ !Condition IsDev ]
                    - !Or [ !Equals [ a, b ], !Condition C ]
            """
        let root = try document(template)
        let properties = try XCTUnwrap(root.lookup(pointer: "/Resources/Bucket/Properties"))
        XCTAssertEqual(
            render(properties),
            "{'BucketName': !Sub('${AWS::StackName}-logs'), 'Arn': !GetAtt('Role.Arn'), 'Ref': !Ref('Param'), "
                + "'Joined': !Join(['', ['arn:', !Ref('AWS::Partition'), ':s3:::x']]), "
                + "'SubList': !Sub(['${A}-x', {'A': !Ref('B')}]), "
                + "'Choice': !If(['IsProd', !Select([#0, !GetAZs('')]), !Split([',', 'a,b'])]), "
                + "'Eq': !Equals([!Ref('Env'), 'prod']), "
                + "'Map': !FindInMap(['RegionMap', !Ref('AWS::Region'), 'AMI']), "
                + "'Import': !ImportValue('SharedVpc'), 'Data': !Base64('#!/bin/bash\n'), "
                + "'Cidr': !Cidr([!GetAtt('Vpc.CidrBlock'), #6, #5]), "
                + "'Logic': !And([!Not([!Condition('IsDev')]), !Or([!Equals(['a', 'b']), !Condition('C')])])}")
        XCTAssertEqual(root.lookup(pointer: "/Resources/Bucket/Type")?.string, "AWS::S3::Bucket")
    }

    func testTagWithBlockValueOnFollowingLines() throws {
        let root = try document("Value: !Join\n  - ''\n  - - a\n    - !Ref B\nNext: !If\n  Key: v\n")
        XCTAssertEqual(render(root), "{'Value': !Join(['', ['a', !Ref('B')]]), 'Next': !If({'Key': 'v'})}")
    }

    // MARK: - Scalars

    func testCoreSchemaResolution() throws {
        let root = try document("""
            [null, Null, NULL, ~, true, False, TRUE, 1, -2, +3, 0o17, 0x1F, 1.5, .5, 1e3, -.inf, .NaN,
             yes, no, on, off, 0o8, 1_000, "1", 'true', nil]
            """)
        XCTAssertEqual(
            render(root),
            "[null, null, null, null, true, false, true, #1, #-2, #+3, #0o17, #0x1F, #1.5, #.5, #1e3, #-.inf, #.NaN, "
                + "'yes', 'no', 'on', 'off', '0o8', '1_000', '1', 'true', 'nil']")
    }

    func testPlainMultiLineFolding() throws {
        let root = try document("a: one\n  two\n\n  three\nb: x\n")
        XCTAssertEqual(root["a"]?.string, "one two\nthree")
        XCTAssertEqual(root["a"]?.range, range(3, 21))
    }

    func testDoubleQuotedEscapes() throws {
        let root = try document(#"s: "\0\a\b\t\n\v\f\r\e\ \"\/\\\N\_\L\P\x41\u00e9\U0001F600 end\#n  folded""#)
        XCTAssertEqual(
            root["s"]?.string,
            "\0\u{07}\u{08}\t\n\u{0B}\u{0C}\r\u{1B} \"/\\\u{85}\u{A0}\u{2028}\u{2029}Aé😀 end folded")
        XCTAssertEqual(try document("\"a\\\n   b\"").string, "ab")
        XCTAssertEqual(parseError(#"s: "\q""#)?.offset, 4)
    }

    func testBlockScalarChomping() throws {
        let root = try document("""
            clip: |
              a
              b

            strip: |-
              a

            keep: |+
              a

            folded: >
              one
              two

              three
                indented
              four
            foldedStrip: >-
              x
            explicit: |2-
                two more
              base
            keepIndent: >+1
              lead

            end: 1
            """)
        XCTAssertEqual(root["clip"]?.string, "a\nb\n")
        XCTAssertEqual(root["strip"]?.string, "a")
        XCTAssertEqual(root["keep"]?.string, "a\n\n")
        XCTAssertEqual(root["folded"]?.string, "one two\nthree\n  indented\nfour\n")
        XCTAssertEqual(root["foldedStrip"]?.string, "x")
        XCTAssertEqual(root["explicit"]?.string, "  two more\nbase")
        XCTAssertEqual(root["keepIndent"]?.string, " lead\n\n")
        if case .string(_, let style) = root["folded"]?.kind { XCTAssertEqual(style, .folded) } else { XCTFail() }
        if case .string(_, let style) = root["clip"]?.kind { XCTAssertEqual(style, .literal) } else { XCTFail() }
    }

    // MARK: - Collections

    func testBlockCollections() throws {
        let root = try document("""
            seq:
            - a
            - b: 1
              c: 2
            - - nested
            ? complex
            : value
            ? [x, y]
            : flow key
            empty:
            """)
        XCTAssertEqual(
            render(root),
            "{'seq': ['a', {'b': #1, 'c': #2}, ['nested']], 'complex': 'value', ['x', 'y']: 'flow key', 'empty': null}")
    }

    func testFlowCollections() throws {
        let root = try document("""
            a: { x: 1, "y": [2, 3],
                 z: { deep: [ {k: v}, [] ] } }
            b: [ k: v, plain, "q": 1, ]
            """)
        XCTAssertEqual(
            render(root),
            "{'a': {'x': #1, 'y': [#2, #3], 'z': {'deep': [{'k': 'v'}, []]}}, 'b': [{'k': 'v'}, 'plain', {'q': #1}]}")
    }

    func testDuplicateKeysAreKept() throws {
        let root = try document("a: 1\na: 2\n")
        XCTAssertEqual(root.entries?.count, 2)
        XCTAssertEqual(root["a"]?.numberLexeme, "2")
        XCTAssertEqual(root.entries?.first?.key.range, range(0, 1))
    }

    // MARK: - Anchors, aliases, merge keys

    func testAnchorsAndAliases() throws {
        let root = try document("base: &b\n  x: 1\ncopy: *b\nlist: [&s str, *s]\n")
        XCTAssertEqual(render(root), "{'base': {'x': #1}, 'copy': {'x': #1}, 'list': ['str', 'str']}")
        // The alias takes its own position; what it copies keeps the anchored text's positions.
        XCTAssertEqual(root["copy"]?.range, range(22, 24))
        XCTAssertEqual(root["copy"]?["x"]?.range, root["base"]?["x"]?.range)
        XCTAssertEqual(parseError("a: *missing")?.message, "undefined alias 'missing'")
        XCTAssertEqual(parseError("a: *missing")?.offset, 3)
    }

    func testMergeKeys() throws {
        let root = try document("""
            base: &base {a: 1, b: 2}
            other: &other {b: 20, c: 30}
            one:
              <<: *base
              b: 3
            many:
              x: 0
              <<: [*base, *other]
              c: 4
            """)
        XCTAssertEqual(render(try XCTUnwrap(root["one"])), "{'a': #1, 'b': #3}")
        XCTAssertEqual(render(try XCTUnwrap(root["many"])), "{'x': #0, 'a': #1, 'b': #2, 'c': #4}")
        // Explicit entries keep their own positions.
        XCTAssertEqual(root["one"]?.entry("b")?.key.range, range(73, 74))
        XCTAssertNotNil(parseError("a:\n  <<: 1\n"))
    }

    func testBillionLaughsFailsFast() throws {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(level - 1)))
            let name = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(level)))
            let refs = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
            text += "\(name): &\(name) [\(refs)]\n"
        }
        let started = Date()
        let error = try XCTUnwrap(parseError(text))
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        XCTAssertTrue(error.message.hasPrefix("alias expansion exceeds the limit of 100000 nodes"), error.message)
        XCTAssertGreaterThan(error.offset, 0)
    }

    // MARK: - Tags and directives

    func testCoreTagsAndDirectives() throws {
        let root = try document("""
            a: !!str 1
            b: !!int "3"
            c: !!map {x: 1}
            d: !!seq [1]
            e: !<tag:yaml.org,2002:str> 2
            f: ! 12
            g: !foo bar
            h: !!bool "true"
            i: !!null ""
            j: !!float '1.5'
            k: !!binary aGk=
            l: !!omap [a: 1]
            """)
        XCTAssertEqual(
            render(root),
            "{'a': '1', 'b': #3, 'c': {'x': #1}, 'd': [#1], 'e': '2', 'f': '12', 'g': !foo('bar'), 'h': true, "
                + "'i': null, 'j': #1.5, 'k': 'aGk=', 'l': !!omap([{'a': #1}])}")
        let tagged = try parse("%YAML 1.2\n%TAG !e! tag:example.com,2000:app/\n---\n- !e!foo x\n- !<tag:example.com,2000:y> z\n")
        XCTAssertEqual(
            render(try XCTUnwrap(tagged.documents.first)),
            "[tag:example.com,2000:app/foo('x'), tag:example.com,2000:y('z')]")
        XCTAssertEqual(
            render(try XCTUnwrap(try parse("%TAG !! tag:yaml.org,2002:\n--- !!str 5").documents.first)), "'5'")
        XCTAssertNotNil(parseError("a: !e!x y"))
    }

    // MARK: - Documents

    func testDocuments() throws {
        XCTAssertEqual(try parse("# only a comment\n# another\n").documents.count, 0)
        XCTAssertEqual(try parse("").documents.count, 0)
        let file = try parse("---\na: 1\n...\n---\n--- x\n...\n%YAML 1.2\n---\n- y\n")
        XCTAssertEqual(file.documents.map(render), ["{'a': #1}", "null", "'x'", "['y']"])
        XCTAssertEqual(file.documents[1].range, .point(16))
    }

    func testCommentsAreKeptWithPositions() throws {
        let file = try parse("# top\na: 1 # ecslint-disable-next-line ECS101\nb: |  # header\n  text\n")
        XCTAssertEqual(file.comments.map(\.text), [" top", " ecslint-disable-next-line ECS101", " header"])
        XCTAssertEqual(file.comments[0].range, range(0, 5))
        XCTAssertEqual(file.comments[1].range, range(11, 45))
        XCTAssertEqual(file.comments[2].range, range(52, 60))
        XCTAssertEqual(file.documents.first?["b"]?.string, "text\n")
    }

    // MARK: - Errors and limits

    func testTabIndentationIsAnError() {
        let error = parseError("a:\n\tb: 1\n")
        XCTAssertEqual(error?.message, "tab characters must not be used for indentation")
        XCTAssertEqual(error?.offset, 3)
        XCTAssertNil(parseError("a:\tb\nc: [1,\t2]\n"))
    }

    func testPositionedErrors() {
        XCTAssertEqual(parseError("a: b: c")?.message, "mapping values are not allowed here")
        XCTAssertEqual(parseError("a: b: c")?.offset, 4)
        XCTAssertEqual(parseError("a: \"open\nb: 1")?.message, "unterminated double-quoted string")
        XCTAssertEqual(parseError("a: \"open\nb: 1")?.offset, 3)
        XCTAssertEqual(parseError("a: 'open")?.message, "unterminated single-quoted string")
        XCTAssertEqual(parseError("a: [1, 2")?.offset, 3)
        XCTAssertEqual(parseError("a: 1\n b: 2")?.offset, 7)
        XCTAssertEqual(parseError("key: value\"# x")?.offset, nil)
        XCTAssertEqual(parseError("a: \"x\"# c")?.offset, 6)
    }

    func testEncodingErrors() {
        XCTAssertEqual(parseError([0xFF, 0xFE, 0x61, 0x00])?.message, "unsupported encoding: UTF-16 (save the file as UTF-8)")
        let invalid = parseError([0x61, 0x3A, 0x20, 0xC3, 0x28])
        XCTAssertEqual(invalid?.offset, 3)
        XCTAssertTrue(invalid?.message.hasPrefix("invalid UTF-8") ?? false)
        XCTAssertNotNil(parseError([0x61, 0x3A, 0x20, 0x00]))
    }

    func testDepthAndSizeLimits() {
        let deep = String(repeating: "[", count: 100_000)
        let error = parseError(deep)
        XCTAssertEqual(error?.message, "nesting is deeper than the limit of 512 levels")
        XCTAssertEqual(error?.offset, 512)
        var blockNesting = ""
        for level in 0..<600 { blockNesting += String(repeating: " ", count: level) + "k:\n" }
        XCTAssertEqual(parseError(blockNesting)?.message, "nesting is deeper than the limit of 512 levels")
        XCTAssertNotNil(parseError("a\n---\nb\n---\nc\n", limits: ParseLimits(maxDocuments: 2)))
        XCTAssertNotNil(parseError("a: 'abcdef'", limits: ParseLimits(maxStringLength: 3)))
        XCTAssertNotNil(parseError("a: abcdef", limits: ParseLimits(maxStringLength: 3)))
        XCTAssertNotNil(parseError("a: |\n  abcdef\n", limits: ParseLimits(maxStringLength: 3)))
    }

    /// Truncations and byte flips of a realistic file must never crash or hang.
    func testMutatedInputsNeverCrash() {
        let seed = Array("""
            %YAML 1.2
            ---
            a: &x [1, {b: "c\\n", d: 'e'}]
            f: !Ref *x
            g: |+2
              h
            ? i
            : - j # k
              - >-
               l
            ...
            """.utf8)
        let replacements: [UInt8] = Array("-?:[]{},#&*!|>'\"%@ \t\n\r\\x".utf8) + [0xC3, 0xFF]
        var generator = SystemRandomNumberGenerator()
        for length in 0...seed.count {
            _ = parseError(Array(seed.prefix(length)))
        }
        for _ in 0..<3000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[position] = replacements.randomElement(using: &generator) ?? 0x20
            }
            _ = parseError(bytes)
        }
    }

    func testClosingBracketAlignedWithParentKeyIsAccepted() throws {
        let root = try document("key: [\n  a,\n  b\n]\nother: {\n  c: d\n}\n")
        XCTAssertEqual(render(root), "{'key': ['a', 'b'], 'other': {'c': 'd'}}")
        XCTAssertNotNil(parseError("key: [\na\n]\n"))
    }

    /// Throughput check; run with `YAML_BENCH=1 swift test -c release --filter testThroughput`.
    func testThroughput() throws {
        try XCTSkipIf(ProcessInfo.processInfo.environment["YAML_BENCH"] == nil, "set YAML_BENCH=1 to measure")
        var text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
        for index in 0..<20_000 {
            text += """
                  Service\(index):
                    Type: AWS::ECS::Service # the service
                    Properties:
                      Cluster: !Ref Cluster
                      DesiredCount: 2
                      TaskDefinition: !Sub "arn:aws:ecs:${AWS::Region}:task/\(index)"
                      Tags: [{Key: team, Value: platform}, {Key: cost, Value: "12.5"}]
                      Command:
                        - /bin/sh
                        - -c
                        - |
                          echo starting \(index)
                          exec server --port 8080

                """
        }
        let bytes = Array(text.utf8)
        let parser = YAMLParser()
        _ = try parser.parse(bytes)
        let started = Date()
        let rounds = 3
        for _ in 0..<rounds { _ = try parser.parse(bytes) }
        let seconds = Date().timeIntervalSince(started) / Double(rounds)
        let megabytesPerSecond = Double(bytes.count) / 1_000_000 / seconds
        print("YAML throughput: \(String(format: "%.1f", megabytesPerSecond)) MB/s on \(bytes.count) bytes")
        // The same kind of content as JSON, as a yardstick for this machine.
        var json = "{"
        for index in 0..<20_000 {
            json += """
                "Service\(index)": {"Type": "AWS::ECS::Service", "Properties": {"Cluster": {"Ref": "Cluster"},
                  "DesiredCount": 2, "TaskDefinition": {"Fn::Sub": "arn:aws:ecs:${AWS::Region}:task/\(index)"},
                  "Tags": [{"Key": "team", "Value": "platform"}, {"Key": "cost", "Value": "12.5"}],
                  "Command": ["/bin/sh", "-c", "echo starting \(index)\\nexec server --port 8080\\n"]}},

                """
        }
        json += "\"end\": null}"
        let jsonBytes = Array(json.utf8)
        let jsonStarted = Date()
        for _ in 0..<rounds { _ = try JSONParser().parse(jsonBytes) }
        let jsonSeconds = Date().timeIntervalSince(jsonStarted) / Double(rounds)
        print("JSON throughput: \(String(format: "%.1f", Double(jsonBytes.count) / 1_000_000 / jsonSeconds)) MB/s")
    }
}
