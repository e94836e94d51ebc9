import Foundation
import LinterCore
import Linter
import TestKit
import Testing

@Suite struct YAMLParserTests {
    // MARK: - Helpers

    private func parse(_ text: String, limits: ParseLimits = .default) throws -> ParsedFile {
        try YAMLParser(limits: limits).parse(text)
    }

    private func document(_ text: String) throws -> Node {
        let file = try parse(text)
        #expect(file.documents.count == 1)
        return try #require(file.documents.first)
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

    @Test func rangesOfKeysValuesAndMapping() throws {
        let root = try document("key: value\nlist:\n- a\n- b\n")
        #expect(root.range == range(0, 24))
        let entries = try #require(root.entries)
        #expect(entries[0].key.range == range(0, 3))
        #expect(entries[0].value.range == range(5, 10))
        #expect(entries[1].key.range == range(11, 15))
        // A sequence at the same indentation as its key starts at its first '-'.
        #expect(entries[1].value.range == range(17, 24))
        #expect(entries[1].value[0]?.range == range(19, 20))
    }

    @Test func emptyValueHasZeroLengthRangeAfterColon() throws {
        let root = try document("a:\nb: 1\n")
        #expect(root["a"]?.kind == .null)
        #expect(root["a"]?.range == .point(2))
    }

    @Test func quotedAndFlowRanges() throws {
        let root = try document("a: 'x''y'\nb: \"q\"\nc: [1, {d: e}]\n")
        #expect(root["a"]?.range == range(3, 9))
        #expect(root["a"]?.string == "x'y")
        #expect(root["b"]?.range == range(13, 16))
        #expect(root["c"]?.range == range(20, 31))
        #expect(root["c"]?[1]?.range == range(24, 30))
    }

    @Test func multibyteCharactersBeforeAValue() throws {
        // 'é' is 2 bytes and '😀' 4: ranges are byte offsets, not characters.
        let root = try document("é: 😀 x\nk: v\n")
        let entries = try #require(root.entries)
        #expect(entries[0].key.range == range(0, 2))
        #expect(entries[0].value.range == range(4, 10))
        #expect(entries[0].value.string == "😀 x")
        #expect(entries[1].key.range == range(11, 12))
        #expect(entries[1].value.range == range(14, 15))
    }

    @Test func crlfAndLoneCRLineBreaks() throws {
        let root = try document("a: 1\r\nb: |\r\n  x\r\n  y\r\nc: 3\rd: 4")
        #expect(root.entry("b")?.key.range == range(6, 7))
        #expect(root["b"]?.string == "x\ny\n")
        #expect(root["b"]?.range == range(9, 20))
        #expect(root["c"]?.numberLexeme == "3")
        #expect(root["d"]?.range == range(30, 31))
    }

    @Test func byteOrderMark() throws {
        let root = try document("\u{FEFF}a: 1\n")
        #expect(root.entry("a")?.key.range == range(3, 4))
        #expect(root["a"]?.range == range(6, 7))
    }

    @Test func blockScalarRangeCoversHeaderThroughLastContentLine() throws {
        let text = "s: |-\n  one\n\n  two\n\nt: 1\n"
        let root = try document(text)
        #expect(root["s"]?.string == "one\n\ntwo")
        #expect(root["s"]?.range == range(3, 18))
        #expect(root.range == range(0, 24))
    }

    @Test func taggedNodeRangeCoversTagAndValue() throws {
        let root = try document("A: !Ref Bucket\nB: !Sub\n  - x\n")
        #expect(root["A"]?.range == range(3, 14))
        #expect(root["A"]?.tag?.node.range == range(8, 14))
        #expect(root["B"]?.range == range(18, 28))
    }

    // MARK: - CloudFormation

    @Test func cloudFormationShortFormTags() throws {
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
        let properties = try #require(root.lookup(pointer: "/Resources/Bucket/Properties"))
        #expect(
            render(properties)
                == "{'BucketName': !Sub('${AWS::StackName}-logs'), 'Arn': !GetAtt('Role.Arn'), 'Ref': !Ref('Param'), "
                + "'Joined': !Join(['', ['arn:', !Ref('AWS::Partition'), ':s3:::x']]), "
                + "'SubList': !Sub(['${A}-x', {'A': !Ref('B')}]), "
                + "'Choice': !If(['IsProd', !Select([#0, !GetAZs('')]), !Split([',', 'a,b'])]), "
                + "'Eq': !Equals([!Ref('Env'), 'prod']), "
                + "'Map': !FindInMap(['RegionMap', !Ref('AWS::Region'), 'AMI']), "
                + "'Import': !ImportValue('SharedVpc'), 'Data': !Base64('#!/bin/bash\n'), "
                + "'Cidr': !Cidr([!GetAtt('Vpc.CidrBlock'), #6, #5]), "
                + "'Logic': !And([!Not([!Condition('IsDev')]), !Or([!Equals(['a', 'b']), !Condition('C')])])}")
        #expect(root.lookup(pointer: "/Resources/Bucket/Type")?.string == "AWS::S3::Bucket")
    }

    @Test func tagWithBlockValueOnFollowingLines() throws {
        let root = try document("Value: !Join\n  - ''\n  - - a\n    - !Ref B\nNext: !If\n  Key: v\n")
        #expect(render(root) == "{'Value': !Join(['', ['a', !Ref('B')]]), 'Next': !If({'Key': 'v'})}")
    }

    // MARK: - Scalars

    @Test func coreSchemaResolution() throws {
        let root = try document("""
            [null, Null, NULL, ~, true, False, TRUE, 1, -2, +3, 0o17, 0x1F, 1.5, .5, 1e3, -.inf, .NaN,
             yes, no, on, off, 0o8, 1_000, "1", 'true', nil]
            """)
        #expect(
            render(root)
                == "[null, null, null, null, true, false, true, #1, #-2, #+3, #0o17, #0x1F, #1.5, #.5, #1e3, #-.inf, #.NaN, "
                + "'yes', 'no', 'on', 'off', '0o8', '1_000', '1', 'true', 'nil']")
    }

    @Test func plainMultiLineFolding() throws {
        let root = try document("a: one\n  two\n\n  three\nb: x\n")
        #expect(root["a"]?.string == "one two\nthree")
        #expect(root["a"]?.range == range(3, 21))
    }

    @Test func doubleQuotedEscapes() throws {
        let root = try document(#"s: "\0\a\b\t\n\v\f\r\e\ \"\/\\\N\_\L\P\x41\u00e9\U0001F600 end\#n  folded""#)
        #expect(root["s"]?.string == "\0\u{07}\u{08}\t\n\u{0B}\u{0C}\r\u{1B} \"/\\\u{85}\u{A0}\u{2028}\u{2029}Aé😀 end folded")
        #expect(try document("\"a\\\n   b\"").string == "ab")
        #expect(parseError(#"s: "\q""#)?.offset == 4)
    }

    @Test func blockScalarChomping() throws {
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
        #expect(root["clip"]?.string == "a\nb\n")
        #expect(root["strip"]?.string == "a")
        #expect(root["keep"]?.string == "a\n\n")
        #expect(root["folded"]?.string == "one two\nthree\n  indented\nfour\n")
        #expect(root["foldedStrip"]?.string == "x")
        #expect(root["explicit"]?.string == "  two more\nbase")
        #expect(root["keepIndent"]?.string == " lead\n\n")
        if case .string(_, let style) = root["folded"]?.kind { #expect(style == .folded) } else { Issue.record() }
        if case .string(_, let style) = root["clip"]?.kind { #expect(style == .literal) } else { Issue.record() }
    }

    // MARK: - Collections

    @Test func blockCollections() throws {
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
        #expect(render(root) == "{'seq': ['a', {'b': #1, 'c': #2}, ['nested']], 'complex': 'value', ['x', 'y']: 'flow key', 'empty': null}")
    }

    @Test func flowCollections() throws {
        let root = try document("""
            a: { x: 1, "y": [2, 3],
                 z: { deep: [ {k: v}, [] ] } }
            b: [ k: v, plain, "q": 1, ]
            """)
        #expect(render(root) == "{'a': {'x': #1, 'y': [#2, #3], 'z': {'deep': [{'k': 'v'}, []]}}, 'b': [{'k': 'v'}, 'plain', {'q': #1}]}")
    }

    @Test func duplicateKeysAreKept() throws {
        let root = try document("a: 1\na: 2\n")
        #expect(root.entries?.count == 2)
        #expect(root["a"]?.numberLexeme == "2")
        #expect(root.entries?.first?.key.range == range(0, 1))
    }

    // MARK: - Anchors, aliases, merge keys

    @Test func anchorsAndAliases() throws {
        let root = try document("base: &b\n  x: 1\ncopy: *b\nlist: [&s str, *s]\n")
        #expect(render(root) == "{'base': {'x': #1}, 'copy': {'x': #1}, 'list': ['str', 'str']}")
        // The alias takes its own position; what it copies keeps the anchored text's positions.
        #expect(root["copy"]?.range == range(22, 24))
        #expect(root["copy"]?["x"]?.range == root["base"]?["x"]?.range)
        #expect(parseError("a: *missing")?.message == "undefined alias 'missing'")
        #expect(parseError("a: *missing")?.offset == 3)
    }

    @Test func mergeKeys() throws {
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
        let one = try #require(root["one"])
        let many = try #require(root["many"])
        #expect(render(one) == "{'a': #1, 'b': #3}")
        #expect(render(many) == "{'x': #0, 'a': #1, 'b': #2, 'c': #4}")
        // Explicit entries keep their own positions.
        #expect(root["one"]?.entry("b")?.key.range == range(73, 74))
        #expect(parseError("a:\n  <<: 1\n") != nil)
    }

    /// The expansion limit stops the parse (how fast is `Scripts/bench`'s business, not a test's).
    @Test func billionLaughsStopAtTheExpansionLimit() throws {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(level - 1)))
            let name = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(level)))
            let refs = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
            text += "\(name): &\(name) [\(refs)]\n"
        }
        let error = try #require(parseError(text))
        #expect(error.message.hasPrefix("alias expansion exceeds the limit of 100000 nodes"), Testing.Comment(rawValue: error.message))
        #expect(error.offset > 0)
    }

    // MARK: - Tags and directives

    @Test func coreTagsAndDirectives() throws {
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
        #expect(
            render(root)
                == "{'a': '1', 'b': #3, 'c': {'x': #1}, 'd': [#1], 'e': '2', 'f': '12', 'g': !foo('bar'), 'h': true, "
                + "'i': null, 'j': #1.5, 'k': 'aGk=', 'l': !!omap([{'a': #1}])}")
        let tagged = try parse("%YAML 1.2\n%TAG !e! tag:example.com,2000:app/\n---\n- !e!foo x\n- !<tag:example.com,2000:y> z\n")
        let first = try #require(tagged.documents.first)
        #expect(render(first) == "[tag:example.com,2000:app/foo('x'), tag:example.com,2000:y('z')]")
        let retagged = try #require(try parse("%TAG !! tag:yaml.org,2002:\n--- !!str 5").documents.first)
        #expect(render(retagged) == "'5'")
        #expect(parseError("a: !e!x y") != nil)
    }

    // MARK: - Documents

    @Test func documents() throws {
        #expect(try parse("# only a comment\n# another\n").documents.count == 0)
        #expect(try parse("").documents.count == 0)
        let file = try parse("---\na: 1\n...\n---\n--- x\n...\n%YAML 1.2\n---\n- y\n")
        #expect(file.documents.map(render) == ["{'a': #1}", "null", "'x'", "['y']"])
        #expect(file.documents[1].range == .point(16))
    }

    @Test func commentsAreKeptWithPositions() throws {
        let file = try parse("# top\na: 1 # ecslint-disable-next-line ECS101\nb: |  # header\n  text\n")
        #expect(file.comments.map(\.text) == [" top", " ecslint-disable-next-line ECS101", " header"])
        #expect(file.comments[0].range == range(0, 5))
        #expect(file.comments[1].range == range(11, 45))
        #expect(file.comments[2].range == range(52, 60))
        #expect(file.documents.first?["b"]?.string == "text\n")
    }

    // MARK: - Errors and limits

    @Test func tabIndentationIsAnError() {
        let error = parseError("a:\n\tb: 1\n")
        #expect(error?.message == "tab characters must not be used for indentation")
        #expect(error?.offset == 3)
        #expect(parseError("a:\tb\nc: [1,\t2]\n") == nil)
    }

    @Test func positionedErrors() {
        #expect(parseError("a: b: c")?.message == "mapping values are not allowed here")
        #expect(parseError("a: b: c")?.offset == 4)
        #expect(parseError("a: \"open\nb: 1")?.message == "unterminated double-quoted string")
        #expect(parseError("a: \"open\nb: 1")?.offset == 3)
        #expect(parseError("a: 'open")?.message == "unterminated single-quoted string")
        #expect(parseError("a: [1, 2")?.offset == 3)
        #expect(parseError("a: 1\n b: 2")?.offset == 7)
        #expect(parseError("key: value\"# x")?.offset == nil)
        #expect(parseError("a: \"x\"# c")?.offset == 6)
    }

    @Test func encodingErrors() {
        #expect(parseError([0xFF, 0xFE, 0x61, 0x00])?.message == "unsupported encoding: UTF-16 (save the file as UTF-8)")
        let invalid = parseError([0x61, 0x3A, 0x20, 0xC3, 0x28])
        #expect(invalid?.offset == 3)
        #expect(invalid?.message.hasPrefix("invalid UTF-8") ?? false)
        #expect(parseError([0x61, 0x3A, 0x20, 0x00]) != nil)
    }

    @Test func depthAndSizeLimits() {
        let deep = String(repeating: "[", count: 100_000)
        let error = parseError(deep)
        #expect(error?.message == "nesting is deeper than the limit of 512 levels")
        #expect(error?.offset == 512)
        var blockNesting = ""
        for level in 0..<600 { blockNesting += String(repeating: " ", count: level) + "k:\n" }
        #expect(parseError(blockNesting)?.message == "nesting is deeper than the limit of 512 levels")
        #expect(parseError("a\n---\nb\n---\nc\n", limits: ParseLimits(maxDocuments: 2)) != nil)
        #expect(parseError("a: 'abcdef'", limits: ParseLimits(maxStringLength: 3)) != nil)
        #expect(parseError("a: abcdef", limits: ParseLimits(maxStringLength: 3)) != nil)
        #expect(parseError("a: |\n  abcdef\n", limits: ParseLimits(maxStringLength: 3)) != nil)
    }

    /// Truncations and byte flips of a realistic file must never crash or hang. The flips are drawn
    /// from a seeded generator: every run tries the same inputs, and a failure can be reproduced.
    @Test func mutatedInputsNeverCrash() {
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
        var generator = SeededGenerator(seed: 0x5EED_4A31)
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

    @Test func closingBracketAlignedWithParentKeyIsAccepted() throws {
        let root = try document("key: [\n  a,\n  b\n]\nother: {\n  c: d\n}\n")
        #expect(render(root) == "{'key': ['a', 'b'], 'other': {'c': 'd'}}")
        #expect(parseError("key: [\na\n]\n") != nil)
    }
}
