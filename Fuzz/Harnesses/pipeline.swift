// libFuzzer harness: the whole lint pipeline (parse, model, index, every built-in rule,
// suppressions, every reporter, every fix applied and checked) on one in-memory file, or on a
// small Terraform project whose one file is the input.
//
// An input starting with a byte 0xF5...0xFE (never valid in UTF-8) selects a wrapping for the rest
// of the input; any other input is linted twice, as `/f.yaml` and as `/f.json`.
//   0xF5  Terraform: terraform.tfvars of a fixed root module that reads variables
//   0xF6  Terraform: main.tf of a local module that a fixed root module calls
//   0xF7  Terraform: main.tf of a root module, beside a fixed ecr.tf (repository and policy)
//   0xF8  /f.yaml                           0xF9  /f.json
//   0xFA  CloudFormation YAML, LifecyclePolicyText as a `|` block holding the payload
//   0xFB  CloudFormation JSON, LifecyclePolicyText as an escaped string holding the payload
//   0xFC  Terraform plan JSON, container_definitions as an escaped string holding the payload
//   0xFD  get-lifecycle-policy output (YAML, double-quoted lifecyclePolicyText)
//   0xFE  /f.template (format sniffed from the content)
import LinterCore
import Linter
import Rules

let registry: RuleRegistry = {
    do { return try RuleRegistry(BuiltinRules.all) } catch { fatalError("duplicate built-in rule: \(error)") }
}()

func lintAndRender(_ path: String, _ bytes: [UInt8], sarif: Bool) {
    check(root: "/", [SourceFile(path: path, bytes: bytes)], sarif: sarif)
}

/// Lints the files, renders every report, and applies every fix, checking that no rule failed
/// and that no kept fix left a file that does not parse.
func check(root: String, _ sources: [SourceFile], sarif: Bool) {
    let engine = LintEngine(
        registry: registry, configuration: Configuration(rootDirectory: root), workers: 1, reportUnusedSuppressions: true)
    let outcome = engine.lint(sources: sources)
    for finding in outcome.findings {
        precondition(finding.ruleId != "ECS001", "internal error: \(finding.message)")
    }
    for format in OutputFormat.allCases where format != .sarif || sarif {
        let context = ReportContext(outcome: outcome, color: format == .text, showSource: true)
        _ = format == .sarif ? SARIFReporter.render(context, category: nil) : Reporter.render(format, context)
    }
    if outcome.findings.contains(where: { $0.fix != nil }) {
        // The fix runner lints the text once per attempt, at most `maxLints` times: a file whose
        // fixes keep failing together costs that many lints (FixApplicationTests). A lower limit
        // than the command line's keeps one input's time far under libFuzzer's timeout under
        // ASan, while still running several rounds, roll-backs and the stop at the limit.
        let fixed = FixRunner(engine: engine, safety: .unsafe, maxLints: 16).run(outcome)
        for (_, source) in fixed.changed {
            precondition(FileAnalysis.analyze(source, limits: .default).parseError == nil, "a kept fix broke the file")
        }
    }
}

/// A Terraform project lives under a root that does not exist on disk, so evaluation reads only
/// the files given here (its `file()`, `templatefile()` and module sources find nothing else).
let terraformRoot = "/ecslint-fuzz-terraform"

func lintTerraform(_ files: [(String, [UInt8])], sarif: Bool) {
    check(root: terraformRoot, files.map { SourceFile(path: terraformRoot + "/" + $0.0, bytes: $0.1) }, sarif: sarif)
}

enum TerraformCompanions {
    static let repository = Array("""
        resource "aws_ecr_repository" "app" {
          name                 = "app"
          image_tag_mutability = "MUTABLE"
        }

        resource "aws_ecr_lifecycle_policy" "app" {
          repository = aws_ecr_repository.app.name
          policy = jsonencode({
            rules = [{
              rulePriority = 1
              selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 1 }
              action       = { type = "expire" }
            }]
          })
        }

        """.utf8)

    static let caller = Array("""
        module "svc" {
          source = "./modules/svc"
          name   = "web"
          image  = "${aws_ecr_repository.app.repository_url}:v1"
          tags   = { team = "a" }
        }

        module "many" {
          source   = "./modules/svc"
          for_each = toset(["a", "b"])
          name     = each.key
          image    = "nginx:1.27"
        }

        """.utf8) + repository

    static let variables = Array("""
        variable "image_tag" { default = "latest" }
        variable "cpu" { type = number }
        variable "services" { default = {} }

        resource "aws_ecs_task_definition" "app" {
          for_each                 = var.services
          family                   = each.key
          cpu                      = var.cpu
          memory                   = 512
          requires_compatibilities = ["FARGATE"]
          network_mode             = "awsvpc"
          container_definitions = jsonencode([{
            name  = each.key
            image = "${aws_ecr_repository.app.repository_url}:${var.image_tag}"
          }])
        }

        """.utf8) + repository
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
    guard let first = bytes.first, first >= 0xF5, first <= 0xFE else {
        lintAndRender("/f.yaml", bytes)
        lintAndRender("/f.json", bytes)
        return 0
    }
    let payload = Array(bytes.dropFirst())
    let escaped = jsonEscaped(String(decoding: payload, as: UTF8.self))
    switch first {
    case 0xF5: lintTerraform([("main.tf", TerraformCompanions.variables), ("terraform.tfvars", payload)], sarif: sarif)
    case 0xF6: lintTerraform([("main.tf", TerraformCompanions.caller), ("modules/svc/main.tf", payload)], sarif: sarif)
    case 0xF7: lintTerraform([("main.tf", payload), ("ecr.tf", TerraformCompanions.repository)], sarif: sarif)
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
