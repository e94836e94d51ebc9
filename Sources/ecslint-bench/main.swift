import Foundation
import LinterCore
import Linter

/// `ecslint-bench generate OUT [--smoke] [--seed N]`: writes the benchmark corpus.
/// `ecslint-bench throughput CORPUS [--runs N]`: in-process, single-threaded parser throughput.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("ecslint-bench: " + message + "\n").utf8))
    exit(2)
}

func write(_ text: String, to path: String) {
    let url = URL(fileURLWithPath: path)
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    do {
        try Data(text.utf8).write(to: url)
    } catch {
        fail("cannot write \(path): \(error)")
    }
}

/// Each benchmark directory is its own project (an `.ecslint.json` stops the root search).
func makeProject(_ directory: String) {
    write("{}\n", to: directory + "/.ecslint.json")
}

struct Counts {
    var taskDefinitions: Int
    var services: Int
    var policies: Int
    var templates: Int
    var templateBytes: Int
    var bigTemplateBytes: Int
}

func writeECSProject(_ directory: String, counts: Counts, seed: UInt64) {
    makeProject(directory)
    var generator = CorpusGenerator(seed: seed)
    var families: [String] = []
    families.reserveCapacity(counts.taskDefinitions)
    for index in 0..<counts.taskDefinitions {
        let (family, text) = generator.taskDefinition(index: index)
        families.append(family)
        write(text, to: directory + "/taskdefs/\(index / 1000)/td-\(index).json")
    }
    for index in 0..<counts.services {
        let family = families.isEmpty ? "missing" : families[(index * 7) % families.count]
        write(generator.service(index: index, family: family), to: directory + "/services/svc-\(index).json")
    }
    for index in 0..<counts.policies {
        write(generator.lifecyclePolicy(index: index), to: directory + "/lifecycle/policy-\(index).json")
    }
}

func generate(_ arguments: [String]) {
    guard let out = arguments.first else { fail("usage: ecslint-bench generate OUT [--smoke] [--seed N]") }
    let smoke = arguments.contains("--smoke")
    var seed: UInt64 = 20_240_601
    if let position = arguments.firstIndex(of: "--seed"), position + 1 < arguments.count,
        let value = UInt64(arguments[position + 1])
    {
        seed = value
    }
    let counts =
        smoke
        ? Counts(taskDefinitions: 40, services: 8, policies: 4, templates: 3, templateBytes: 20_000, bigTemplateBytes: 200_000)
        : Counts(
            taskDefinitions: 10_000, services: 1_000, policies: 200, templates: 50, templateBytes: 100_000,
            bigTemplateBytes: 5_000_000)
    try? FileManager.default.removeItem(atPath: out)

    // (a) one small task definition, alone in its project.
    var single = CorpusGenerator(seed: seed ^ 0xA)
    makeProject(out + "/one")
    write(single.taskDefinition(index: 0).text, to: out + "/one/task.json")

    // (b) the 10k-file project and (d) the same with every count doubled.
    writeECSProject(out + "/ecs", counts: counts, seed: seed)
    var doubled = counts
    doubled.taskDefinitions *= 2
    doubled.services *= 2
    doubled.policies *= 2
    writeECSProject(out + "/ecs-double", counts: doubled, seed: seed)

    // (g) CloudFormation templates; (f) reads one of them from stdin in an empty project.
    makeProject(out + "/cfn")
    var templates = CorpusGenerator(seed: seed ^ 0xCF)
    for index in 0..<counts.templates {
        write(
            templates.cloudFormationTemplate(targetBytes: counts.templateBytes, index: index),
            to: out + "/cfn/template-\(String(format: "%02d", index)).yaml")
    }
    makeProject(out + "/stdin")

    // (c) one large template.
    makeProject(out + "/big")
    var big = CorpusGenerator(seed: seed ^ 0xB16)
    write(big.cloudFormationTemplate(targetBytes: counts.bigTemplateBytes, index: 999), to: out + "/big/big.yaml")

    // (e) Terraform modules for the HCL parser's throughput, and one 1 MB file parsed and evaluated.
    var terraform = CorpusGenerator(seed: seed ^ 0x7F)
    for index in 0..<(smoke ? 2 : 8) {
        write(terraform.terraformModule(targetBytes: smoke ? 50_000 : 250_000, index: index), to: out + "/tf/module-\(index).tf")
    }
    write(terraform.terraformModule(targetBytes: smoke ? 100_000 : 1_000_000, index: 99), to: out + "/tf-big/main.tf")

    // (t) a Terraform project: 200 services and task definitions, 50 repositories, over modules.
    var project = CorpusGenerator(seed: seed ^ 0x7E7)
    makeProject(out + "/tf-project")
    let layout = smoke ? (services: 20, repositories: 5, teams: 2) : (services: 200, repositories: 50, teams: 4)
    for (path, text) in project.terraformProject(
        services: layout.services, repositories: layout.repositories, teams: layout.teams)
    {
        write(text, to: out + "/tf-project/" + path)
    }
    print("generated corpus in \(out) (seed \(seed)\(smoke ? ", smoke" : ""))")
}

// MARK: - Throughput

func files(under directory: String, suffix: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    var paths: [String] = []
    while let relative = enumerator.nextObject() as? String {
        if relative.hasSuffix(suffix) { paths.append(directory + "/" + relative) }
    }
    return paths.sorted()
}

func load(_ paths: [String]) -> [[UInt8]] {
    paths.map { path in
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
        return Array(data)
    }
}

/// Parses every buffer once per pass; returns the median MB/s over `runs` passes after a warm-up.
func measure(_ buffers: [[UInt8]], runs: Int, parse: ([UInt8]) throws -> Int) -> (mbPerSecond: Double, nodes: Int) {
    let bytes = buffers.reduce(0) { $0 + $1.count }
    var rates: [Double] = []
    var nodes = 0
    for run in 0...runs {
        let start = DispatchTime.now().uptimeNanoseconds
        var count = 0
        for buffer in buffers {
            do {
                count &+= try parse(buffer)
            } catch {
                fail("parse failed: \(error)")
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        nodes = count
        if run > 0 { rates.append(Double(bytes) / 1e6 / seconds) }  // run 0 is the warm-up
    }
    rates.sort()
    return (rates[rates.count / 2], nodes)
}

func throughput(_ arguments: [String]) {
    guard let corpus = arguments.first else { fail("usage: ecslint-bench throughput CORPUS [--runs N]") }
    var runs = 5
    if let position = arguments.firstIndex(of: "--runs"), position + 1 < arguments.count, let value = Int(arguments[position + 1]) {
        runs = max(1, value)
    }
    let only = arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    let json = load(files(under: corpus + "/ecs", suffix: ".json"))
    let yaml = load(files(under: corpus + "/cfn", suffix: ".yaml") + files(under: corpus + "/big", suffix: ".yaml"))
    let terraform = load(files(under: corpus + "/tf", suffix: ".tf"))
    let terraformBytes = terraform.reduce(0) { $0 + $1.count }
    var terraformRate = 0.0
    var terraformEvaluationMilliseconds = 0.0
    let jsonBytes = json.reduce(0) { $0 + $1.count }
    let yamlBytes = yaml.reduce(0) { $0 + $1.count }
    var jsonRate = 0.0
    var yamlRate = 0.0
    var jsonNodes = 0
    var yamlNodes = 0
    if only == nil || only == "json" {
        let parser = JSONParser()
        let keys = KeyTable()
        (jsonRate, _) = measure(json, runs: runs) { bytes in
            _ = try parser.parse(bytes, keys: keys)
            return 1
        }
        for bytes in json { try? parser.parse(bytes).forEachNode { _ in jsonNodes += 1 } }
    }
    if only == nil || only == "yaml" {
        let parser = YAMLParser()
        let keys = KeyTable()
        (yamlRate, _) = measure(yaml, runs: runs) { bytes in
            try parser.parse(bytes, keys: keys).documents.count
        }
        for bytes in yaml {
            for document in (try? parser.parse(bytes).documents) ?? [] { document.forEachNode { _ in yamlNodes += 1 } }
        }
    }
    if only == nil || only == "tf" {
        let parser = HCLParser()
        (terraformRate, _) = measure(terraform, runs: runs) { bytes in
            try parser.parse(bytes).body.items.count
        }
        terraformEvaluationMilliseconds = parseAndEvaluate(corpus + "/tf-big/main.tf", runs: runs)
    }
    print(
        """
        {"json_mb_per_s": \(String(format: "%.1f", jsonRate)), "json_bytes": \(jsonBytes), "json_files": \(json.count), \
        "tf_mb_per_s": \(String(format: "%.1f", terraformRate)), "tf_bytes": \(terraformBytes), "tf_files": \(terraform.count), \
        "tf_big_parse_eval_ms": \(String(format: "%.1f", terraformEvaluationMilliseconds)), \
        "json_nodes": \(jsonNodes), "yaml_mb_per_s": \(String(format: "%.1f", yamlRate)), "yaml_bytes": \(yamlBytes), \
        "yaml_files": \(yaml.count), "yaml_nodes": \(yamlNodes), "runs": \(runs)}
        """)
}

/// Median milliseconds to parse a `.tf` file as a module and evaluate every attribute of every
/// block (locals, variables, resources, nested blocks), one thread.
func parseAndEvaluate(_ path: String, runs: Int) -> Double {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    let access = HCLMemoryFileAccess(files: ["main.tf": Array(data)])
    var times: [Double] = []
    for run in 0...runs {
        let start = DispatchTime.now().uptimeNanoseconds
        var files = HCLFileTable()
        let loaded = HCLModuleLoader.load(directory: ".", access: access, files: &files)
        guard loaded.errors.isEmpty, let file = loaded.module.files.first else { fail("\(path) did not parse") }
        var evaluator = HCLEvaluator(module: loaded.module, files: files, variableValues: loaded.variableValues, fileAccess: access)
        var known = 0
        func evaluate(_ body: HCLBody) {
            for item in body.items {
                switch item {
                case .attribute(let attribute):
                    if evaluator.evaluate(attribute.expression, inFile: file.id).isWhollyKnown { known += 1 }
                case .block(let block):
                    evaluate(block.body)
                }
            }
        }
        evaluate(file.syntax.body)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if run > 0 { times.append(milliseconds) }
        if known == 0 { fail("nothing evaluated in \(path)") }
    }
    times.sort()
    return times[times.count / 2]
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "generate": generate(Array(arguments.dropFirst()))
case "throughput": throughput(Array(arguments.dropFirst()))
default: fail("usage: ecslint-bench generate OUT [--smoke] [--seed N] | throughput CORPUS [--runs N] [--only json|yaml|tf]")
}
