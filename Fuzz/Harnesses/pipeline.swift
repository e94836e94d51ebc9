// libFuzzer harness: the whole lint pipeline (parse, model, index, every built-in rule,
// suppressions, every reporter, every fix applied and checked) on one in-memory file.
//
// An input starting with a byte 0xF8...0xFE (never valid in UTF-8) selects a wrapping for the rest
// of the input; any other input is linted twice, as `/f.yaml` and as `/f.json`.
//   0xF8  /f.yaml                           0xF9  /f.json
//   0xFA  CloudFormation YAML, LifecyclePolicyText as a `|` block holding the payload
//   0xFB  CloudFormation JSON, LifecyclePolicyText as an escaped string holding the payload
//   0xFC  Terraform plan JSON, container_definitions as an escaped string holding the payload
//   0xFD  get-lifecycle-policy output (YAML, double-quoted lifecyclePolicyText)
//   0xFE  /f.template (format sniffed from the content)
import Linter
import Rules

let registry: RuleRegistry = {
    do { return try RuleRegistry(BuiltinRules.all) } catch { fatalError("duplicate built-in rule: \(error)") }
}()

func lintAndRender(_ path: String, _ bytes: [UInt8], sarif: Bool) {
    let engine = LintEngine(
        registry: registry, configuration: Configuration(rootDirectory: "/"), workers: 1, reportUnusedSuppressions: true)
    let outcome = engine.lint(sources: [SourceFile(path: path, bytes: bytes)])
    for finding in outcome.findings {
        precondition(finding.ruleId != "ECS001", "internal error: \(finding.message)")
    }
    for format in OutputFormat.allCases where format != .sarif || sarif {
        let context = ReportContext(outcome: outcome, color: format == .text, showSource: true)
        _ = format == .sarif ? SARIFReporter.render(context, category: nil) : Reporter.render(format, context)
    }
    if outcome.findings.contains(where: { $0.fix != nil }) {
        let fixed = FixRunner(engine: engine, safety: .unsafe).run(outcome)
        for (_, source) in fixed.changed {
            precondition(FileAnalysis.analyze(source, limits: .default).parseError == nil, "a kept fix broke the file")
        }
    }
}

func indented(_ payload: [UInt8], by spaces: Int) -> [UInt8] {
    let pad = [UInt8](repeating: 0x20, count: spaces)
    var out = pad
    for byte in payload {
        out.append(byte)
        if byte == 0x0A { out += pad }
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // SARIF embeds every rule's documentation, which costs most of a run and does not depend on
    // the input: render it for one input in 256 (by a hash of the bytes, so a crash still
    // reproduces; not by size, as inputs cut at -max_len all have the same size).
    var hash: UInt32 = 2_166_136_261
    for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    let sarif = hash % 256 == 0
    func lintAndRender(_ path: String, _ bytes: [UInt8]) { Fuzz_pipeline.lintAndRender(path, bytes, sarif: sarif) }
    guard let first = bytes.first, first >= 0xF8, first <= 0xFE else {
        lintAndRender("/f.yaml", bytes)
        lintAndRender("/f.json", bytes)
        return 0
    }
    let payload = Array(bytes.dropFirst())
    let escaped = jsonEscaped(String(decoding: payload, as: UTF8.self))
    switch first {
    case 0xF8: lintAndRender("/f.yaml", payload)
    case 0xF9: lintAndRender("/f.json", payload)
    case 0xFA:
        let head = Array("""
            Resources:
              Repo:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryName: app
                  LifecyclePolicy:
                    LifecyclePolicyText: |

            """.utf8)
        lintAndRender("/f.yaml", head + indented(payload, by: 10) + [0x0A])
    case 0xFB:
        let text = #"{"Resources":{"Repo":{"Type":"AWS::ECR::Repository","Properties":{"RepositoryName":"app","LifecyclePolicy":{"LifecyclePolicyText":""#
            + escaped + #""}}}}}"#
        lintAndRender("/f.json", Array(text.utf8))
    case 0xFC:
        let text = #"{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_ecs_task_definition.app","type":"aws_ecs_task_definition","values":{"family":"app","requires_compatibilities":["FARGATE"],"cpu":"256","memory":"512","container_definitions":""#
            + escaped + #""}}]}}}"#
        lintAndRender("/f.json", Array(text.utf8))
    case 0xFD:
        let text = "registryId: \"123456789012\"\nrepositoryName: app\nlifecyclePolicyText: \"" + escaped + "\"\n"
        lintAndRender("/f.yaml", Array(text.utf8))
    default:
        lintAndRender("/f.template", payload)
    }
    return 0
}
