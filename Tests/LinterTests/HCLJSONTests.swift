import Testing
@testable import LinterCore
@testable import Linter

/// The JSON variant: blocks and labels from nesting, strings as templates, comments.
@Suite struct HCLJSONTests {
    func range(_ start: Int, _ end: Int) -> ByteRange { ByteRange(start: start, end: end) }

    @Test func resourcesNestTheirLabels() throws {
        let text = #"{"resource": {"aws_ecs_service": {"app": {"name": "${var.name}-svc", "desired_count": 2}}}, "//": "note"}"#
        let syntax = try HCLJSON.parseConfiguration(Array(text.utf8))
        let block = try #require(syntax.body.blocks.first)
        #expect(block.type == "resource")
        #expect(block.labelValues == ["aws_ecs_service", "app"])
        #expect(block.labels[1].range == range(34, 39))
        let name = try #require(block.body.attribute("name"))
        #expect(name.nameRange == range(42, 48))
        guard case .template(let template) = name.expression.kind else { Issue.record("not a template"); return }
        #expect(template.parts.count == 2)
        guard case .interpolation(let inner, let partRange) = template.parts[0] else { Issue.record("no interpolation"); return }
        #expect(partRange == range(51, 62))
        #expect(inner.staticTraversal?.description == "var.name")
        #expect(block.body.attribute("desired_count")?.expression.kind == .literal(.number("2")))
        #expect(syntax.comments.map(\.text) == ["note"])
    }

    @Test func arraysOfBlocksAndZeroLabelBlocks() throws {
        let text = #"{"locals": [{"a": 1}, {"b": "x"}], "variable": {"tag": {"default": "${literal}"}}, "provider": {"aws": [{"region": "a"}, {"region": "b"}]}}"#
        let syntax = try HCLJSON.parseConfiguration(Array(text.utf8))
        #expect(syntax.body.blocks.map(\.type) == ["locals", "locals", "variable", "provider", "provider"])
        let variable = syntax.body.blocks[2]
        // A variable's default is a literal value, not a template.
        guard case .template(let template) = variable.body.attribute("default")?.expression.kind else { Issue.record("no default"); return }
        #expect(template.literalText == "${literal}")
    }

    @Test func nestedBlocksStayObjectAttributes() throws {
        let text = #"{"resource": {"aws_ecs_service": {"app": {"load_balancer": {"container_port": 80}}}}}"#
        let block = try #require(try HCLJSON.parseConfiguration(Array(text.utf8)).body.blocks.first)
        guard case .object(let items) = block.body.attribute("load_balancer")?.expression.kind else { Issue.record("not an object"); return }
        #expect(items.first?.literalKey == "container_port")
    }

    @Test func escapedStringsAreParsedWithTheStringsRange() throws {
        let text = #"{"output": {"o": {"value": "\"${var.x}\""}}}"#
        let block = try #require(try HCLJSON.parseConfiguration(Array(text.utf8)).body.blocks.first)
        let value = try #require(block.body.attribute("value")?.expression)
        #expect(value.range == range(27, 41))
        var ranges: [ByteRange] = []
        value.forEachRange { ranges.append($0) }
        #expect(ranges.allSatisfy { $0 == range(27, 41) })
    }

    @Test func variableFilesAreLiteral() throws {
        let syntax = try HCLJSON.parseVariables(Array(#"{"tag": "${x}", "n": [1]}"#.utf8))
        #expect(syntax.body.attributes.map(\.name) == ["tag", "n"])
        var evaluator = HCLEvaluator()
        let id = evaluator.addFile(SourceFile(path: "t.tfvars.json", text: ""))
        #expect(evaluator.evaluate(syntax.body.attributes[0].expression, inFile: id).string == "${x}")
    }

    @Test func errorsArePositioned() {
        #expect(throws: ParseError.self) { try HCLJSON.parseConfiguration(Array("[1]".utf8)) }
        do {
            _ = try HCLJSON.parseConfiguration(Array(#"{"locals": {"a": "${"}}"#.utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.offset == 20)
        }
    }

    @Test func moduleLoaderReadsJSONAndNativeFilesTogether() {
        let access = HCLMemoryFileAccess(texts: [
            "a.tf": "variable \"x\" { default = 1 }\n",
            "b.tf.json": #"{"locals": {"y": "${var.x + 1}"}}"#,
            "broken.tf": "a = \n",
            "notes.txt": "ignored",
        ])
        var files = HCLFileTable()
        let loaded = HCLModuleLoader.load(directory: ".", access: access, files: &files)
        #expect(loaded.errors.map(\.path) == ["broken.tf"])
        var evaluator = HCLEvaluator(module: loaded.module, files: files, variableValues: loaded.variableValues)
        #expect(evaluator.localValue("y").number == 2)
    }
}
