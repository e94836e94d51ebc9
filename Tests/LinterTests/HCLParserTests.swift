import Testing
@testable import LinterCore
@testable import Linter

/// The native-syntax parser: structure, exact ranges and positioned errors.
@Suite struct HCLParserTests {
    func parse(_ text: String) throws -> HCLFileSyntax { try HCLParser().parse(text) }

    func expression(_ text: String) throws -> HCLExpression { try HCLParser().parseExpression(Array(text.utf8)) }

    func error(_ text: String, limits: ParseLimits = .default) -> ParseError? {
        do {
            _ = try HCLParser(limits: limits).parse(text)
            return nil
        } catch {
            return error
        }
    }

    func range(_ start: Int, _ end: Int) -> ByteRange { ByteRange(start: start, end: end) }

    @Test func attributeKeepsNameAndExpressionRanges() throws {
        let syntax = try parse("name = \"web\"\ncount = 2\n")
        let attributes = syntax.body.attributes
        #expect(attributes.map(\.name) == ["name", "count"])
        #expect(attributes[0].nameRange == range(0, 4))
        #expect(attributes[0].expression.range == range(7, 12))
        #expect(attributes[0].range == range(0, 12))
        #expect(attributes[1].expression.kind == .literal(.number("2")))
        #expect(attributes[1].expression.range == range(21, 22))
        #expect(syntax.body.range == range(0, 23))
    }

    @Test func blocksWithQuotedAndBareLabels() throws {
        let syntax = try parse("resource \"aws_ecs_service\" app {\n  name = \"x\"\n}\n")
        let block = try #require(syntax.body.blocks.first)
        #expect(block.type == "resource")
        #expect(block.typeRange == range(0, 8))
        #expect(block.labels == [
            HCLBlockLabel(value: "aws_ecs_service", range: range(9, 26), isQuoted: true),
            HCLBlockLabel(value: "app", range: range(27, 30), isQuoted: false),
        ])
        #expect(block.range == range(0, 47))
        #expect(block.body.attributes.first?.name == "name")
    }

    @Test func singleLineBlocks() throws {
        let syntax = try parse("a { b = 1 }\nc {}\nd \"x\" { e = [1,\n2] }\n")
        let blocks = syntax.body.blocks
        #expect(blocks.count == 3)
        #expect(blocks[0].body.attributes.map(\.name) == ["b"])
        #expect(blocks[0].range == range(0, 11))
        #expect(blocks[1].body.items.isEmpty)
        #expect(blocks[2].labelValues == ["x"])
    }

    @Test func commentsAreKeptWithRangesAndText() throws {
        let text = "# ecslint-disable-next-line ECS100 -- reason\na = 1 // trailing\n/* block\n comment */ b = 2\n"
        let syntax = try parse(text)
        #expect(syntax.comments == [
            Comment(range: range(0, 44), text: " ecslint-disable-next-line ECS100 -- reason"),
            Comment(range: range(51, 62), text: " trailing"),
            Comment(range: range(63, 83), text: " block\n comment "),
        ])
        #expect(syntax.body.attributes.map(\.name) == ["a", "b"])
    }

    @Test func identifiersTakeLettersDigitsDashesAndUnicode() throws {
        #expect(try expression("a-b_c9").kind == .variable("a-b_c9"))
        #expect(try expression("_x").kind == .variable("_x"))
        #expect(try expression("Zz").kind == .variable("Zz"))
        #expect(try expression("café").kind == .variable("café"))
        for character in ["@", "`", "^", "|"] {
            #expect(throws: ParseError.self) { try expression("a" + character) }
        }
        for byte in UInt8(0)..<128 {
            let scalar = Character(Unicode.Scalar(byte))
            let expected = scalar.isLetter || scalar == "_"
            #expect(HCLLexer.isIdentifierStart(byte) == expected, "\(byte)")
            #expect(HCLLexer.isIdentifierContinue(byte) == (expected || scalar.isNumber || scalar == "-"), "\(byte)")
        }
    }

    @Test func primitiveLiterals() throws {
        #expect(try expression("3.25e2").kind == .literal(.number("3.25e2")))
        #expect(try expression("true").kind == .literal(.bool(true)))
        #expect(try expression("false").kind == .literal(.bool(false)))
        #expect(try expression("null").kind == .literal(.null))
    }

    @Test func templateInterpolationHasExactParts() throws {
        let template = try expression("\"a-${var.x}-b\"")
        guard case .template(let value) = template.kind else { Issue.record("not a template"); return }
        #expect(value.parts.count == 3)
        #expect(value.parts[0] == .literal(HCLTemplateLiteral(text: "a-", range: range(1, 3))))
        guard case .interpolation(let inner, let partRange) = value.parts[1] else { Issue.record("no interpolation"); return }
        #expect(partRange == range(3, 11))
        #expect(inner.range == range(5, 10))
        #expect(inner.staticTraversal?.description == "var.x")
        #expect(value.parts[2] == .literal(HCLTemplateLiteral(text: "-b", range: range(11, 13))))
    }

    @Test func escapesAreSeparateLiteralRuns() throws {
        guard case .template(let value) = try expression(#""a\nb$${x}%%{y}\u00e9""#).kind else { Issue.record("not a template"); return }
        #expect(value.literalText == "a\nb${x}%{y}é")
        #expect(value.parts.map(\.range) == [range(1, 2), range(2, 4), range(4, 5), range(5, 8), range(8, 10), range(10, 13), range(13, 15), range(15, 21)])
        #expect(value.parts.first.map { if case .literal(let l) = $0 { return l.isVerbatim } else { return false } } == true)
    }

    @Test func directivesNest() throws {
        guard case .template(let value) = try expression("\"%{ if a }x%{ else }y%{ endif }%{ for k, v in m }${v}%{ endfor }\"").kind else {
            Issue.record("not a template")
            return
        }
        #expect(value.parts.count == 2)
        guard case .conditional(let condition, let thenParts, let elseParts, let ifRange) = value.parts[0] else { Issue.record("no if"); return }
        #expect(condition.kind == .variable("a"))
        #expect(thenParts == [.literal(HCLTemplateLiteral(text: "x", range: range(10, 11)))])
        #expect(elseParts == [.literal(HCLTemplateLiteral(text: "y", range: range(20, 21)))])
        #expect(ifRange == range(1, 31))
        guard case .loop(let key, let valueName, _, let body, let loopRange) = value.parts[1] else { Issue.record("no for"); return }
        #expect(key == "k")
        #expect(valueName == "v")
        #expect(body.count == 1)
        #expect(loopRange == range(31, 64))
    }

    @Test func stripMarkersTrimAdjacentLiterals() throws {
        guard case .template(let value) = try expression("\"a  ${~ x ~}  b %{~ if c ~} d %{~ endif ~}  \"").kind else {
            Issue.record("not a template")
            return
        }
        #expect(value.parts.count == 4)
        #expect(value.parts[0] == .literal(HCLTemplateLiteral(text: "a", range: range(1, 2))))
        #expect(value.parts[2] == .literal(HCLTemplateLiteral(text: "b", range: range(14, 15))))
        guard case .conditional(_, let thenParts, _, _) = value.parts[3] else { Issue.record("no if"); return }
        #expect(thenParts == [.literal(HCLTemplateLiteral(text: "d", range: range(28, 29)))])
    }

    @Test func heredocsKeepTextAndRemoveIndentation() throws {
        let text = "a = <<EOT\n  x\n  ${y}\nEOT\nb = <<-EOT\n    one\n      two\n    EOT\n"
        let syntax = try parse(text)
        let attributes = syntax.body.attributes
        #expect(attributes[0].expression.range == range(4, 24))
        guard case .template(let plain) = attributes[0].expression.kind else { Issue.record("not a template"); return }
        #expect(plain.parts.first == .literal(HCLTemplateLiteral(text: "  x\n  ", range: range(10, 16))))
        guard case .template(let flush) = attributes[1].expression.kind else { Issue.record("not a template"); return }
        #expect(flush.literalText == "one\n  two\n")
        #expect(flush.parts.first == .literal(HCLTemplateLiteral(text: "one\n", range: range(40, 44))))
        #expect(attributes[1].expression.range == range(29, 61))
    }

    @Test func tuplesAndObjects() throws {
        let tuple = try expression("[1, \"a\",\n true,]")
        guard case .tuple(let elements) = tuple.kind else { Issue.record("not a tuple"); return }
        #expect(elements.map(\.range) == [range(0 + 1, 2), range(4, 7), range(10, 14)])
        let object = try parse("o = {\n  a = 1\n  \"b\": 2, (c) = 3\n  d.e = 4\n}\n").body.attributes[0].expression
        guard case .object(let items) = object.kind else { Issue.record("not an object"); return }
        #expect(items.map(\.literalKey) == ["a", "b", nil, nil])
        #expect(items[0].key.range == range(8, 9))
        if case .parenthesized = items[2].key.kind {} else { Issue.record("parenthesised key lost") }
    }

    @Test func traversalsIndexesAndLegacyIndex() throws {
        let value = try expression("a.b[0][\"k\"].c")
        #expect(value.staticTraversal == HCLTraversal(root: "a", steps: [.attribute("b"), .index(0), .key("k"), .attribute("c")], range: range(0, 13)))
        let legacy = try expression("a.0.1")
        #expect(legacy.staticTraversal?.steps == [.index(0), .index(1)])
        #expect(legacy.range == range(0, 5))
    }

    @Test func splats() throws {
        guard case .splat(let source, let each, let isFull) = try expression("a[*].b[0]").kind else { Issue.record("no splat"); return }
        #expect(source.kind == .variable("a"))
        #expect(isFull)
        #expect(each.range == range(4, 9))
        guard case .index(let inner, _) = each.kind, case .getAttribute(let element, "b", _) = inner.kind else { Issue.record("wrong each"); return }
        #expect(element.kind == .splatElement)
        // After an attribute splat, an index applies to the whole result.
        guard case .index(let splat, _) = try expression("a.*.b[0]").kind, case .splat(_, _, false) = splat.kind else {
            Issue.record("attribute splat")
            return
        }
    }

    @Test func functionCallsWithExpansionAndNamespaces() throws {
        guard case .call(let call) = try expression("concat(a, [1]...)").kind else { Issue.record("no call"); return }
        #expect(call.name == "concat")
        #expect(call.nameRange == range(0, 6))
        #expect(call.arguments.count == 2)
        #expect(call.expandsFinalArgument)
        guard case .call(let namespaced) = try expression("provider::aws::arn_parse(x)").kind else { Issue.record("no call"); return }
        #expect(namespaced.name == "provider::aws::arn_parse")
        #expect(namespaced.nameRange == range(0, 24))
    }

    @Test func operatorPrecedenceAndAssociativity() throws {
        guard case .binary(.add, let one, let product) = try expression("1 + 2 * 3").kind else { Issue.record("precedence"); return }
        #expect(one.kind == .literal(.number("1")))
        guard case .binary(.multiply, _, _) = product.kind else { Issue.record("product"); return }
        guard case .binary(.or, _, let conjunction) = try expression("a || b && c").kind, case .binary(.and, _, _) = conjunction.kind else {
            Issue.record("logical precedence")
            return
        }
        guard case .binary(.subtract, let left, _) = try expression("5 - 2 - 1").kind, case .binary(.subtract, _, _) = left.kind else {
            Issue.record("left associativity")
            return
        }
        guard case .binary(.equal, let negated, _) = try expression("-a.b == !c").kind, case .unary(.negate, let operand) = negated.kind else {
            Issue.record("unary")
            return
        }
        #expect(operand.staticTraversal?.description == "a.b")
    }

    @Test func conditionalsAndForExpressions() throws {
        guard case .conditional(_, let whenTrue, let whenFalse) = try expression("a ? 1 : b ? 2 : 3").kind else { Issue.record("conditional"); return }
        #expect(whenTrue.kind == .literal(.number("1")))
        guard case .conditional = whenFalse.kind else { Issue.record("nested conditional"); return }
        guard case .forExpression(let tupleFor) = try expression("[for i, v in list : v * 2 if i > 0]").kind else { Issue.record("for"); return }
        #expect(tupleFor.keyVariable == "i")
        #expect(tupleFor.valueVariable == "v")
        #expect(tupleFor.keyExpression == nil)
        #expect(tupleFor.condition != nil)
        guard case .forExpression(let objectFor) = try expression("{for k, v in m : v => k...}").kind else { Issue.record("for object"); return }
        #expect(objectFor.isGrouping)
        #expect(objectFor.keyExpression?.kind == .variable("v"))
    }

    @Test func errorsArePositioned() {
        #expect(error("a {\n  b = 1\n")?.offset == 2)
        #expect(error("a {\n  b = 1\n")?.message.hasPrefix("unclosed block") == true)
        let oneLine = error("a { b = \"foo\", c = \"bar\" }\n")
        #expect(oneLine?.offset == 13)
        #expect(oneLine?.length == 1)
        #expect(error("a { b = 1\n}\n")?.message.contains("single-line block") == true)
        #expect(error("a = <<EOT\nx\n")?.message.hasPrefix("unterminated heredoc") == true)
        #expect(error("a = <<EOT\nx\n")?.offset == 4)
        #expect(error("a = \"abc")?.message.hasPrefix("unterminated string") == true)
        #expect(error("a = \"abc")?.offset == 4)
        #expect(error("a = \"ab\nc\"")?.message.hasPrefix("unterminated string") == true)
        let interpolation = error("a = <<EOT\n${x\nEOT\n")
        #expect(interpolation?.offset != nil)
        #expect(error("a = \"${x\"")?.offset == 8)
        let escape = error("a = \"a\\qb\"")
        #expect(escape?.offset == 6)
        #expect(escape?.message.hasPrefix("invalid escape sequence") == true)
        do {
            _ = try HCLParser().parse([UInt8(ascii: "a"), 0x20, 0x3D, 0x20, 0x22, 0xC3, 0x28, 0x22])
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(error.offset == 5)
            #expect(error.message.hasPrefix("invalid UTF-8"))
        }
        #expect(error("a = 1 2")?.offset == 6)
        #expect(error("a = %")?.offset == 4)
        #expect(error("= 1")?.offset == 0)
        #expect(error("a = \"%{ endif }\"")?.offset == 5)
        #expect(error("a = \"%{ if x }y\"")?.message.contains("%{endif}") == true)
        #expect(error("/* never closed")?.offset == 0)
        let duplicate = error("a = 1\nb { a = 1 }\na = 2\n")
        #expect(duplicate?.offset == 18)
        #expect(duplicate?.message == "attribute 'a' is defined twice in this body")
    }

    @Test func limitsAreErrorsNotCrashes() {
        let deep = "a = " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(error(deep)?.message.contains("nesting is deeper") == true)
        let chain = "a = x" + String(repeating: ".b", count: 5000)
        #expect(error(chain)?.message.contains("nesting is deeper") == true)
        let sum = "a = 1" + String(repeating: " + 1", count: 5000)
        #expect(error(sum)?.message.contains("nesting is deeper") == true)
        let long = "a = \"" + String(repeating: "x", count: 100) + "\""
        #expect(error(long, limits: ParseLimits(maxStringLength: 50))?.message.contains("longer than the limit") == true)
    }

    @Test func templateFilesParseWholeInput() throws {
        let template = try HCLParser().parseTemplate(Array("{\"cpu\": ${cpu}}\n".utf8))
        #expect(template.parts.count == 3)
        #expect(template.parts[1].range == range(8, 14))
    }
}
