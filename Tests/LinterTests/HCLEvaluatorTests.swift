import Testing
@testable import LinterCore
@testable import Linter
@testable import LinterCLI

/// A module held in memory and an expression evaluated in it.
struct HCLEvaluation {
    var evaluator: HCLEvaluator
    var ids: [String: Int] = [:]

    init(_ texts: [String: String], variables: [String: String] = [:], resolver: any HCLReferenceResolver = HCLUnresolvedReferences(),
        limits: HCLEvaluationLimits = .default)
    {
        let access = HCLMemoryFileAccess(texts: texts)
        var files = HCLFileTable()
        let loaded = HCLModuleLoader.load(directory: ".", access: access, files: &files, evaluationLimits: limits)
        var values = loaded.variableValues
        var constants = HCLEvaluator(files: files)
        for (name, source) in variables {
            let id = constants.addFile(SourceFile(path: "<var \(name)>", text: source))
            if let expression = try? HCLParser().parseExpression(Array(source.utf8)) {
                values[name] = constants.evaluate(expression, inFile: id)
            }
        }
        evaluator = HCLEvaluator(module: loaded.module, files: constants.files, variableValues: values, resolver: resolver, fileAccess: access, limits: limits)
        for file in evaluator.files.files { ids[file.path] = evaluator.files.id(ofPath: file.path) }
    }

    /// Evaluates `source` as if written in a file of its own; returns the value and that file's id.
    mutating func value(_ source: String, context: HCLContext = HCLContext()) -> (HCLValue, Int) {
        let id = evaluator.addFile(SourceFile(path: "<expr \(evaluator.files.files.count)>", text: source))
        guard let expression = try? HCLParser().parseExpression(Array(source.utf8)) else {
            return (.unknown(HCLUnknown(expression: source, reason: "did not parse")), id)
        }
        return (evaluator.evaluate(expression, inFile: id, context: context), id)
    }

    mutating func json(_ source: String, context: HCLContext = HCLContext()) -> String {
        HCLDumpCommand.valueJSON(value(source, context: context).0)
    }
}

@Suite struct HCLEvaluatorTests {
    static let module = [
        "variables.tf": """
            variable "tag" {
              default = "v1.2"
            }
            variable "password" {
              default   = "hunter2"
              sensitive = true
            }
            variable "image" {
              default = "nginx:latest"
            }
            variable "required" {}

            """,
        "main.tf": """
            locals {
              image  = "${aws_ecr_repository.app.repository_url}:${var.tag}"
              cpu    = 256
              twice  = local.cpu * 2
              loop_a = local.loop_b
              loop_b = local.loop_a
              self   = local.self
              defs   = jsonencode([{ name = "web", image = var.image, cpu = local.cpu }])
            }
            resource "aws_ecr_repository" "app" {}

            """,
        "terraform.tfvars": "tag_from_file = 1\n",
    ]

    func range(_ start: Int, _ end: Int) -> ByteRange { ByteRange(start: start, end: end) }

    @Test func literalsCarryTheirSpans() {
        var run = HCLEvaluation([:])
        let (value, id) = run.value("\"abc\"")
        #expect(value == .string("abc", span: HCLSpan(file: id, range: range(0, 5))))
        let (number, numberFile) = run.value("42")
        #expect(number.number == 42)
        #expect(number.span == HCLSpan(file: numberFile, range: range(0, 2)))
    }

    @Test func partialStringFromResourceAndDefault() throws {
        var run = HCLEvaluation(HCLEvaluatorTests.module)
        let (value, use) = run.value("local.image")
        let parts = try #require(value.partialParts)
        #expect(parts.count == 3)
        let reference = try #require(parts[0].unknown?.reference)
        #expect(reference.root == "aws_ecr_repository")
        #expect(reference.attributeNames == ["app", "repository_url"])
        #expect(parts[0].unknown?.expression == "aws_ecr_repository.app.repository_url")
        let main = try #require(run.ids["main.tf"])
        let variables = try #require(run.ids["variables.tf"])
        #expect(parts[1].string == ":")
        #expect(parts[1].span == HCLSpan(file: main, range: range(61, 62)))
        #expect(parts[2].string == "v1.2")
        #expect(parts[2].span == HCLSpan(file: variables, range: range(29, 35)))
        #expect(parts[2].via == [HCLSpan(file: main, range: range(64, 71))])
        #expect(parts[2].assumptions == [HCLAssumption(variable: "tag", isSensitive: false, span: HCLSpan(file: variables, range: range(29, 35)), valueText: "v1.2")])
        #expect(value.via == [HCLSpan(file: use, range: range(0, 11))])
        #expect(value.assumptions.map(\.variable) == ["tag"])
    }

    @Test func variablesDefaultsAreAssumptionsAndGivenValuesAreNot() {
        var run = HCLEvaluation(HCLEvaluatorTests.module, variables: ["tag": "\"v2\""])
        let (given, _) = run.value("var.tag")
        #expect(given.string == "v2")
        #expect(given.assumptions.isEmpty)
        let (secret, _) = run.value("var.password")
        #expect(secret.assumptions.first?.isSensitive == true)
        let (missing, _) = run.value("var.required")
        #expect(missing.unknown?.reason.contains("no default") == true)
        let (undeclared, _) = run.value("var.nope")
        #expect(undeclared.unknown?.isError == true)
    }

    @Test func tfvarsOverrideDefaultsInTerraformsOrder() {
        var files = HCLEvaluatorTests.module
        files["terraform.tfvars"] = "tag = \"from-tfvars\"\n"
        files["b.auto.tfvars"] = "tag = \"from-auto\"\n"
        files["a.auto.tfvars.json"] = "{\"tag\": \"from-json\", \"image\": \"x:1\"}"
        var run = HCLEvaluation(files)
        let (tag, _) = run.value("var.tag")
        #expect(tag.string == "from-auto")
        #expect(tag.span?.file == run.ids["b.auto.tfvars"])
        #expect(tag.assumptions.isEmpty)
        #expect(run.json("var.image") == "\"x:1\"")
    }

    @Test func localsAreLazyAndCyclesAreUnknown() {
        var run = HCLEvaluation(HCLEvaluatorTests.module)
        #expect(run.json("local.twice") == "512")
        let (cycle, _) = run.value("local.loop_a")
        #expect(cycle.unknown?.reason == "local values refer to each other in a cycle: local.loop_a → local.loop_b → local.loop_a")
        let (selfReference, _) = run.value("local.self")
        #expect(selfReference.unknown?.reason.contains("cycle") == true)
    }

    @Test func builtInNames() {
        var run = HCLEvaluation([:])
        let each = HCLContext(each: HCLEach(key: .string("web"), value: .object([HCLMember(key: "port", keySpan: nil, value: .number(80))])))
        #expect(run.json("\"${each.key}:${each.value.port}\"", context: each) == "\"web:80\"")
        #expect(run.json("count.index + 1", context: HCLContext(countIndex: 2)) == "3")
        #expect(run.value("each.value").0.unknown?.reason.contains("for_each") == true)
        #expect(run.json("path.module") == "\".\"")
        #expect(run.value("terraform.workspace").0.unknown != nil)
        #expect(run.value("self.id").0.unknown != nil)
        #expect(run.json("[for x in [1, 2] : x + 10]") == "[11,12]")
    }

    @Test func resolverDecidesReferences() {
        let resolver = HCLClosureResolver { reference in
            guard reference.root == "aws_ecr_repository", reference.attributeNames.first == "app" else { return nil }
            return HCLResolution(value: .object([HCLMember(key: "name", keySpan: nil, value: .string("app-repo"))]), consumedSteps: 1)
        }
        var run = HCLEvaluation([:], resolver: resolver)
        #expect(run.json("aws_ecr_repository.app.name") == "\"app-repo\"")
        let (missing, _) = run.value("aws_ecr_repository.other.name")
        #expect(missing.unknown?.reference?.description == "aws_ecr_repository.other.name")
        #expect(run.value("data.aws_region.current.name").0.unknown?.reason.contains("data source") == true)
        #expect(run.value("module.m.out").0.unknown?.reason.contains("module output") == true)
    }

    @Test func operators() {
        var run = HCLEvaluation([:])
        #expect(run.json("1 + 2 * 3") == "7")
        #expect(run.json("7 % 4") == "3")
        #expect(run.json("10 / 4") == "2.5")
        #expect(run.json("-(3)") == "-3")
        #expect(run.json("1 == 1 && \"a\" != \"b\"") == "true")
        #expect(run.json("1 == \"1\"") == "false")
        #expect(run.json("3 >= 3 || false") == "true")
        #expect(run.json("!true") == "false")
        #expect(run.json("\"5\" + 1") == "6")
        #expect(run.value("1 / 0").0.unknown?.isError == true)
        #expect(run.json("false && var.x") == "false")
        #expect(run.json("true || var.x") == "true")
    }

    @Test func conditionals() {
        var run = HCLEvaluation(HCLEvaluatorTests.module)
        #expect(run.json("true ? \"a\" : \"b\"") == "\"a\"")
        #expect(run.json("var.required == \"x\" ? \"same\" : \"same\"") == "\"same\"")
        let (unknown, _) = run.value("var.required ? 1 : 2")
        #expect(unknown.unknown?.reason.hasPrefix("the condition var.required is unknown") == true)
        #expect(run.json("var.tag == \"v1.2\" ? 1 : 2") == "1")
        #expect(run.value("var.tag == \"v1.2\" ? 1 : 2").0.assumptions.map(\.variable) == ["tag"])
    }

    @Test func forExpressionsAndSplats() {
        var run = HCLEvaluation([:])
        #expect(run.json("[for i, v in [\"a\", \"b\", \"c\"] : \"${i}${v}\" if v != \"b\"]") == "[\"0a\",\"2c\"]")
        #expect(run.json("{for k, v in {b = 2, a = 1} : v => k}") == "{\"1\":\"a\",\"2\":\"b\"}")
        #expect(run.json("{for v in [\"x\", \"y\", \"x\"] : v => v...}") == "{\"x\":[\"x\",\"x\"],\"y\":[\"y\"]}")
        #expect(run.value("{for v in [\"x\", \"x\"] : v => v}").0.unknown?.isError == true)
        #expect(run.json("[{a = {b = 1}}, {a = {b = 2}}][*].a.b") == "[1,2]")
        #expect(run.json("[{a = 1}, {a = 2}].*.a") == "[1,2]")
        #expect(run.json("{a = 1}[*].a") == "[1]")
        #expect(run.json("null[*].a") == "[]")
        #expect(run.json("[[1, 2], [3]][*][0]") == "[1,3]")
    }

    @Test func indexingAndTraversals() {
        var run = HCLEvaluation([:])
        #expect(run.json("[10, 20][1]") == "20")
        #expect(run.json("{a = {b = [5]}}.a.b[0]") == "5")
        #expect(run.json("{a = {b = [5]}}[\"a\"].b.0") == "5")
        #expect(run.value("[1][5]").0.unknown?.isError == true)
        #expect(run.value("{a = 1}.b").0.unknown?.isError == true)
    }

    @Test func templates() {
        var run = HCLEvaluation(HCLEvaluatorTests.module)
        #expect(run.json("\"${1 + 1}\"") == "2")
        #expect(run.json("\"n=${1 + 1}\"") == "\"n=2\"")
        #expect(run.json("\"%{ if true }yes%{ else }no%{ endif }\"") == "\"yes\"")
        #expect(run.json("\"%{ for x in [1, 2] }[${x}]%{ endfor }\"") == "\"[1][2]\"")
        #expect(run.json("\"a ${~ \"b\" ~} c\"") == "\"abc\"")
        #expect(run.json("\"$${x}\"") == "\"${x}\"")
        #expect(run.value("\"${null}\"").0.unknown == nil)
        #expect(run.value("\"a${null}\"").0.unknown?.isError == true)
        #expect(run.value("\"a${[1]}\"").0.unknown?.isError == true)
        let (partial, _) = run.value("\"%{ if var.required == 1 }a%{ endif }b\"")
        #expect(partial.partialParts?.count == 2)
    }

    @Test func functionsGiveExactValues() {
        var run = HCLEvaluation([:])
        let cases: [(String, String)] = [
            ("jsonencode({b = [1, true, null], a = \"<x>\"})", #""{\"a\":\"\\u003cx\\u003e\",\"b\":[1,true,null]}""#),
            ("jsondecode(\"{\\\"a\\\": [1, 2.5]}\")", "{\"a\":[1,2.5]}"),
            ("jsondecode(jsonencode({a = 1}))", "{\"a\":1}"),
            ("format(\"%s-%d-%.2f-%t-%q-%%\", \"a\", 3, 1.5, true, \"q\")", #""a-3-1.50-true-\"q\"-%""#),
            ("join(\", \", [\"a\", \"b\"], [\"c\"])", "\"a, b, c\""),
            ("split(\",\", \"a,b,,c\")", "[\"a\",\"b\",\"\",\"c\"]"),
            ("replace(\"a-b-c\", \"-\", \"_\")", "\"a_b_c\""),
            ("replace(\"repo:latest\", \"/:latest$/\", \"\")", "\"repo\""),
            ("lower(\"AbC\")", "\"abc\""),
            ("upper(\"AbC\")", "\"ABC\""),
            ("trimspace(\"  x \\n\")", "\"x\""),
            ("concat([1], [2, 3])", "[1,2,3]"),
            ("merge({a = 1, b = 1}, {b = 2}, null)", "{\"a\":1,\"b\":2}"),
            ("lookup({a = 1}, \"a\", 0)", "1"),
            ("lookup({a = 1}, \"b\", 0)", "0"),
            ("element([\"a\", \"b\"], 3)", "\"b\""),
            ("length([1, 2])", "2"),
            ("length({a = 1})", "1"),
            ("length(\"héllo\")", "5"),
            ("keys({b = 1, a = 2})", "[\"a\",\"b\"]"),
            ("values({b = 1, a = 2})", "[2,1]"),
            ("tostring(5)", "\"5\""),
            ("tonumber(\"5\")", "5"),
            ("tolist([1, 1])", "[1,1]"),
            ("toset([\"b\", \"a\", \"b\"])", "[\"a\",\"b\"]"),
            ("tomap({a = 1})", "{\"a\":1}"),
            ("try([1][5], \"fallback\")", "\"fallback\""),
            ("try({a = 1}.a, 2)", "1"),
            ("can([1][3])", "false"),
            ("can([1][0])", "true"),
            ("coalesce(null, \"\", \"x\")", "\"x\""),
            ("compact([\"a\", \"\", null, \"b\"])", "[\"a\",\"b\"]"),
            ("flatten([1, [2, [3]], []])", "[1,2,3]"),
            ("distinct([1, 2, 1])", "[1,2]"),
            ("contains([\"a\"], \"a\")", "true"),
            ("contains([\"a\"], \"b\")", "false"),
            ("zipmap([\"a\", \"b\"], [1, 2])", "{\"a\":1,\"b\":2}"),
            ("max(1, 5, 3)", "5"),
            ("min(1, 5, 3)", "1"),
            ("abs(-2)", "2"),
            ("ceil(1.2)", "2"),
            ("floor(1.8)", "1"),
            ("range(3)", "[0,1,2]"),
            ("range(1, 7, 2)", "[1,3,5]"),
            ("range(3, 0)", "[3,2,1]"),
            ("concat([1], [[2]]...)", "[1,2]"),
            ("core::upper(\"a\")", "\"A\""),
        ]
        for (source, expected) in cases {
            #expect(run.json(source) == expected, "\(source)")
        }
    }

    @Test func unknownArgumentsPropagateOnlyWhereSound() {
        var run = HCLEvaluation(HCLEvaluatorTests.module)
        #expect(run.json("merge({a = 1}, var.required)").contains("\"unknown\""))
        #expect(run.json("merge({a = 1}, {b = var.required})").hasPrefix("{\"a\":1,\"b\":{\"unknown\""))
        #expect(run.json("length([var.required, 1])") == "2")
        #expect(run.json("upper(var.required)").hasPrefix("{\"unknown\""))
        #expect(run.json("coalesce(\"x\", var.required)") == "\"x\"")
        #expect(run.json("coalesce(var.required, \"x\")").hasPrefix("{\"unknown\""))
        let (joined, _) = run.value("join(\":\", [aws_ecr_repository.app.repository_url, \"v1\"])")
        #expect(joined.partialParts?.map(\.displayText) == ["${aws_ecr_repository.app.repository_url}", ":", "v1"])
        let (formatted, _) = run.value("format(\"%s:%s\", aws_ecr_repository.app.repository_url, var.tag)")
        #expect(formatted.displayText == "${aws_ecr_repository.app.repository_url}:v1.2")
        let (other, _) = run.value("cidrsubnet(\"10.0.0.0/16\", 8, 1)")
        #expect(other.unknown?.reason == "function 'cidrsubnet' is not evaluated by ecslint")
        #expect(run.value("replace(\"a\", \"/a+/\", \"b\")").0.unknown?.reason.contains("regular expression") == true)
        #expect(run.value("upper(1, 2)").0.unknown?.isError == true)
    }

    @Test func jsonencodeKeepsPositionsOfEachValue() throws {
        var run = HCLEvaluation(HCLEvaluatorTests.module)
        let source = "jsonencode([{ image = \"nginx:latest\", cpu = 256 }])"
        let (value, id) = run.value(source)
        #expect(value.string == "[{\"cpu\":256,\"image\":\"nginx:latest\"}]")
        let document = try #require(value.jsonDocument(inFile: id))
        #expect(document.lookup(pointer: "/0/image")?.range == range(22, 36))
        #expect(document.lookup(pointer: "/0/cpu")?.range == range(44, 47))
        #expect(document.lookup(pointer: "/0")?.entry("image")?.key.range == range(14, 19))
        // A value from variables.tf points at its use in main.tf.
        let (defs, _) = run.value("local.defs")
        let main = try #require(run.ids["main.tf"])
        let mainDocument = try #require(defs.jsonDocument(inFile: main))
        let mainText = try #require(run.evaluator.files[main])
        let imageRange = try #require(mainDocument.lookup(pointer: "/0/image")?.range)
        #expect(mainText.text(of: imageRange) == "var.image")
        #expect(mainText.text(of: try #require(mainDocument.lookup(pointer: "/0/name")?.range)) == "\"web\"")
        #expect(mainText.text(of: try #require(mainDocument.lookup(pointer: "/0/cpu")?.range)) == "256")
        let variables = try #require(run.ids["variables.tf"])
        let definition = try #require(defs.jsonDocument(inFile: variables)?.lookup(pointer: "/0/image")?.range)
        #expect(run.evaluator.files[variables]?.text(of: definition) == "\"nginx:latest\"")
    }

    @Test func jsonencodeWithUnknownPartsStillHasStructure() throws {
        var run = HCLEvaluation(HCLEvaluatorTests.module)
        let (value, id) = run.value("jsonencode([{ image = var.required, cpu = 1 }])")
        #expect(value.unknown != nil)
        let document = try #require(value.jsonDocument(inFile: id))
        #expect(document.lookup(pointer: "/0/image")?.tag?.name == HCLValue.unknownTag)
        #expect(document.lookup(pointer: "/0/cpu")?.numberLexeme == "1")
    }

    @Test func fileAndJsondecodeKeepPositionsInTheFileRead() throws {
        var files = HCLEvaluatorTests.module
        files["containers.json"] = "[{\"image\": \"nginx:1\"}]"
        var run = HCLEvaluation(files)
        let (value, _) = run.value("jsondecode(file(\"${path.module}/containers.json\"))")
        let image = try #require(value[0]?["image"])
        #expect(image.string == "nginx:1")
        let json = try #require(run.evaluator.files.id(ofPath: "containers.json"))
        #expect(image.span == HCLSpan(file: json, range: range(11, 20)))
        let (raw, rawFile) = run.value("file(\"containers.json\")")
        #expect(raw.jsonDocument(inFile: json)?.lookup(pointer: "/0/image")?.range == range(11, 20))
        #expect(raw.jsonDocument(inFile: rawFile)?.lookup(pointer: "/0/image")?.range == range(0, 23))
    }

    @Test func templatefileRendersWithAnOffsetMapAndPlaceholders() throws {
        var files = HCLEvaluatorTests.module
        files["c.json.tpl"] = "[{\"image\": \"${image}\", \"cpu\": ${cpu}, \"memory\": ${memory}}]\n"
        var run = HCLEvaluation(files)
        let call = "templatefile(\"c.json.tpl\", { image = \"web:1\", cpu = 256, memory = var.required })"
        let (value, use) = run.value(call)
        let template = try #require(run.evaluator.files.id(ofPath: "c.json.tpl"))
        let document = try #require(value.jsonDocument(inFile: template))
        #expect(document.lookup(pointer: "/0/image")?.string == "web:1")
        #expect(document.lookup(pointer: "/0/image")?.range == range(11, 21))
        #expect(document.lookup(pointer: "/0/memory")?.tag?.name == HCLValue.unknownTag)
        #expect(document.lookup(pointer: "/0/memory")?.range == range(48, 57))
        #expect(document.lookup(pointer: "/0")?.entry("cpu")?.key.range == range(23, 28))
        #expect(value.via == [HCLSpan(file: use, range: range(0, call.utf8.count))])
        let (decoded, _) = run.value("jsondecode(templatefile(\"c.json.tpl\", { image = \"web:1\", cpu = 256, memory = var.required }))")
        #expect(decoded[0]?["memory"]?.unknown?.expression == "var.required")
        #expect(decoded[0]?["cpu"]?.number == 256)
        #expect(decoded[0]?["image"]?.span == HCLSpan(file: template, range: range(11, 21)))
        let (isolated, _) = run.value("templatefile(\"c.json.tpl\", { image = local.cpu })")
        #expect(isolated.unknown?.isError == true)
    }

    @Test func heredocJSONKeepsPositions() throws {
        let main = "locals {\n  defs = <<EOF\n[{\"image\": \"${var.image}\", \"cpu\": 1}]\nEOF\n}\n"
        var run = HCLEvaluation(["variables.tf": HCLEvaluatorTests.module["variables.tf"] ?? "", "main.tf": main])
        let (value, _) = run.value("local.defs")
        let id = try #require(run.ids["main.tf"])
        let document = try #require(value.jsonDocument(inFile: id))
        #expect(document.lookup(pointer: "/0/cpu")?.range == range(58, 59))
        let imageRange = try #require(document.lookup(pointer: "/0/image")?.range)
        #expect(run.evaluator.files[id]?.text(of: imageRange) == "\"${var.image}\"")
    }

    @Test func fileAccessStaysInsideTheProject() {
        var run = HCLEvaluation(["a/x.txt": "x"])
        #expect(run.json("file(\"a/../a/x.txt\")") == "\"x\"")
        #expect(run.value("file(\"../secret\")").0.unknown?.reason.contains("outside the project root") == true)
        #expect(run.value("file(\"/etc/passwd\")").0.unknown?.reason.contains("outside the project root") == true)
        #expect(run.value("file(\"missing.txt\")").0.unknown?.reason == "file: no file 'missing.txt'")
        var small = HCLEvaluation(["big.txt": String(repeating: "x", count: 100)], limits: HCLEvaluationLimits(maxFileSize: 10))
        #expect(small.value("file(\"big.txt\")").0.unknown?.reason.contains("larger than the limit") == true)
    }

    @Test func limitsGiveUnknownsNotHangs() {
        var run = HCLEvaluation([:], limits: HCLEvaluationLimits(maxCollectionSize: 1_000, maxStringLength: 10_000, maxSteps: 100_000))
        #expect(run.value("range(1e9)").0.unknown?.reason.contains("limits.maxRangeSize") == true)
        #expect(run.value("[for i in range(5000) : i]").0.unknown?.reason.contains("limits.maxCollectionSize") == true)
        #expect(run.value("\"%{ for i in range(5000) }${join(\",\", range(5000))}%{ endfor }\"").0.unknown != nil)
        var large = HCLEvaluation([:])
        #expect(large.json("length(toset([for i in range(10000) : i % 7]))") == "7")
        #expect(large.json("length(distinct(range(10000)))") == "10000")
        #expect(large.json("{for i in range(10000) : tostring(i) => i}[\"9999\"]") == "9999")
        #expect(large.json("lookup({for i in range(10000) : \"k${i}\" => i}, \"k5000\", -1)") == "5000")
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        var shallow = HCLEvaluation([:], limits: HCLEvaluationLimits(maxDepth: 100))
        #expect(shallow.value(deep).0.isWhollyKnown == false)
    }
}
