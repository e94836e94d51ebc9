import Foundation
import LinterCore
import Linter
import Testing
import TestKit

/// Terraform source through the whole pipeline: the fixtures under
/// `Tests/Fixtures/terraform-source` write one project in the ways real Terraform writes it, and
/// each must give the findings its API JSON twin gives, at exact places in the `.tf` (or read)
/// files; both outages are caught in every style.
@Suite("Terraform source")
struct TerraformSourceTests {
    static let fixtures = TestPaths.root + "/Tests/Fixtures/terraform-source"

    struct Found: Hashable, CustomStringConvertible {
        var rule: String
        var severity: String
        var path: String
        var line: Int
        var column: Int
        var description: String { "\(rule) \(severity) \(path):\(line):\(column)" }
    }

    static func lint(_ style: String) throws -> (found: [Found], messages: [String]) {
        let result = CLI.run(["lint", "--format", "json", "--quiet", "."], in: fixtures + "/" + style)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], Testing.Comment(rawValue: result.stderr))
        let findings = report["findings"] as? [[String: Any]] ?? []
        let prefix = "Tests/Fixtures/terraform-source/\(style)/"
        return (
            findings.map { finding in
                Found(
                    rule: finding["id"] as? String ?? "", severity: finding["severity"] as? String ?? "",
                    path: String((finding["path"] as? String ?? "").dropFirst(prefix.count)), line: finding["line"] as? Int ?? 0,
                    column: finding["column"] as? Int ?? 0)
            },
            findings.map { $0["message"] as? String ?? "" })
    }

    static func ruleCounts(_ found: [Found]) -> [String: Int] {
        Dictionary(found.map { ("\($0.rule) \($0.severity)", 1) }, uniquingKeysWith: +)
    }

    @Test("each style gives the findings of its API JSON twin, at exact places", arguments: [
        ("jsonencode", [
            "ECS101 warning main.tf:39:21", "ECS104 error main.tf:39:21", "ECS102 warning main.tf:61:21",
            "ECS103 error main.tf:61:21", "ECS104 error main.tf:61:21", "ECS204 warning main.tf:22:24", "ECS210 note main.tf:3:26",
        ]),
        ("files", [
            "ECS101 warning web.json:4:14", "ECS104 error web.json:4:14", "ECS102 warning billing.json.tpl:4:14",
            "ECS103 error billing.json.tpl:4:14", "ECS104 error billing.json.tpl:4:14", "ECS204 warning policy.json:12:20",
            "ECS210 note main.tf:3:26",
        ]),
        ("variables", [
            "ECS101 warning main.tf:50:15", "ECS104 error main.tf:50:15", "ECS102 warning main.tf:50:15",
            "ECS103 error main.tf:50:15", "ECS104 error main.tf:50:15", "ECS204 warning main.tf:32:24", "ECS210 note main.tf:13:26",
        ]),
        // A module's image is anchored at the call's argument, where its tag is written.
        ("module", [
            "ECS101 warning main.tf:40:12", "ECS104 error main.tf:40:12", "ECS102 warning main.tf:46:12",
            "ECS103 error main.tf:46:12", "ECS104 error main.tf:46:12", "ECS204 warning main.tf:23:5", "ECS210 note main.tf:3:26",
        ]),
        ("registry-terraform-aws-modules", [
            "ECS101 warning main.tf:43:28", "ECS104 error main.tf:43:28", "ECS102 warning main.tf:68:28",
            "ECS103 error main.tf:68:28", "ECS104 error main.tf:68:28", "ECS204 warning main.tf:20:24", "ECS210 note main.tf:6:37",
        ]),
        ("registry-cloudposse", [
            "ECS101 warning main.tf:32:21", "ECS104 error main.tf:32:21", "ECS102 warning main.tf:53:21",
            "ECS103 error main.tf:53:21", "ECS104 error main.tf:53:21", "ECS204 warning main.tf:21:21", "ECS210 note main.tf:6:26",
        ]),
    ])
    func sameFindingsAsAPI(style: String, expected: [String]) throws {
        let api = try Self.lint("api")
        let source = try Self.lint(style)
        #expect(Self.ruleCounts(source.found) == Self.ruleCounts(api.found))
        #expect(source.found.map(\.description).sorted() == expected.sorted())
        // Both outages: the rarely deployed release expires, and the re-pushed latest strands its digest.
        #expect(source.messages.contains { $0.hasPrefix("image '") && $0.contains("of container 'billing' can be removed by the lifecycle policy") })
        #expect(source.messages.contains { $0.hasPrefix("tag 'latest'") && $0.contains("the digest ECS pinned for container 'web'") })
    }

    @Test("the examples: both outages in Terraform, and the twin done right reports nothing")
    func examples() throws {
        let outages = CLI.run(["lint", "--format", "json", "--quiet", "examples/terraform"])
        #expect(outages.code == .findings)
        for expected in [
            "\"path\" : \"examples/terraform/services.tf\"", "image-expirable", "image-digest-expirable",
            "assuming variable checkout_tag keeps its default 'latest'",
        ] {
            #expect(outages.stdout.contains(expected) || outages.stdout.contains(expected.replacingOccurrences(of: " : ", with: ": ")), "\(expected)")
        }
        let clean = CLI.run(["lint", "examples/terraform-clean"])
        #expect(clean.code == .clean)
        #expect(clean.stdout == "")
    }

    @Test("the policy document data source and a module's image keep their positions")
    func references() throws {
        let (_, messages) = try Self.lint("module")
        #expect(messages.contains {
            $0.hasPrefix("image '${aws_ecr_repository.shop.repository_url}:v1.0' of container 'billing' can be removed by the lifecycle policy of repository 'shop'")
        })
    }

    // MARK: Smaller projects

    static func lintProject(_ files: [String: String], arguments: [String] = []) throws -> (found: [Found], messages: [String], stderr: String) {
        let project = try TemporaryProject()
        for (path, text) in files { try project.write(path, text) }
        let result = project.run(["lint", "--format", "json", "--quiet"] + arguments + (arguments.isEmpty ? ["."] : []))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], Testing.Comment(rawValue: result.stderr))
        let findings = report["findings"] as? [[String: Any]] ?? []
        return (
            findings.map {
                Found(
                    rule: $0["id"] as? String ?? "", severity: $0["severity"] as? String ?? "", path: $0["path"] as? String ?? "",
                    line: $0["line"] as? Int ?? 0, column: $0["column"] as? Int ?? 0)
            },
            findings.map { $0["message"] as? String ?? "" }, result.stderr)
    }

    static let task = """
        resource "aws_ecs_task_definition" "app" {
          family                = "app"
          execution_role_arn    = "arn:aws:iam::123456789012:role/x"
          container_definitions = jsonencode([{ name = "app", image = "nginx:${var.tag}", essential = true, user = "1000", healthCheck = { command = ["CMD", "/ok"] }, logConfiguration = { logDriver = "awslogs" } }])
        }

        """

    @Test("a finding that rests on a variable's default says so; a sensitive default is never shown")
    func assumptions() throws {
        let plain = try Self.lintProject(["main.tf": Self.task + "variable \"tag\" {\n  default = \"latest\"\n}\n"])
        #expect(plain.messages.contains { $0.hasPrefix("container 'app' uses the mutable tag 'latest' (assuming variable tag keeps its default 'latest')") })
        let sensitive = try Self.lintProject(["main.tf": Self.task + "variable \"tag\" {\n  default   = \"latest\"\n  sensitive = true\n}\n"])
        let message = try #require(sensitive.messages.first { $0.contains("mutable tag") })
        #expect(message.contains("(assuming variable tag keeps its default)"))
        // A value from terraform.tfvars is what the deployment uses: no assumption.
        let given = try Self.lintProject([
            "main.tf": Self.task + "variable \"tag\" {\n  default = \"1.0\"\n}\n", "terraform.tfvars": "tag = \"latest\"\n",
        ])
        #expect(given.messages.contains { $0 == "container 'app' uses the mutable tag 'latest': tasks of one service can run different code and rollbacks are impossible; reference a version tag or pin the digest (@sha256:…)" })
    }

    @Test("a service that ignores task_definition changes turns the image findings into notes that say why")
    func ignoredTaskDefinition() throws {
        let service = """
            resource "aws_ecs_service" "app" {
              name            = "app"
              task_definition = aws_ecs_task_definition.app.arn
              desired_count   = 2
              lifecycle {
                ignore_changes = [task_definition, desired_count]
              }
            }

            """
        let result = try Self.lintProject(["main.tf": Self.task + service + "variable \"tag\" {\n  default = \"latest\"\n}\n"])
        let latest = try #require(result.found.firstIndex { $0.rule == "ECS101" })
        #expect(result.found[latest].severity == "note")
        #expect(result.messages[latest].hasSuffix(
            "(service 'app' ignores changes to its task_definition, so the image written here is only the first one deployed; the revisions that run are registered elsewhere)"))
    }

    @Test("a dynamic circuit breaker whose for_each is unknown may exist: it is not reported missing")
    func dynamicBlocks() throws {
        let service = """
            variable "breaker" {}
            variable "on" {
              default = true
            }
            resource "aws_ecs_service" "unknown" {
              name = "unknown"
              dynamic "deployment_circuit_breaker" {
                for_each = var.breaker
                content {
                  enable   = true
                  rollback = true
                }
              }
            }
            resource "aws_ecs_service" "known" {
              name = "known"
              dynamic "deployment_circuit_breaker" {
                for_each = var.on ? [] : [1]
                content {
                  enable   = true
                  rollback = true
                }
              }
            }

            """
        let result = try Self.lintProject(["main.tf": service])
        let breakers = result.found.filter { $0.rule == "ECS402" }
        #expect(breakers.map(\.line) == [15], "only the service whose dynamic block expands to nothing")
    }

    @Test("count and for_each expand to instances; a suppression comment works in .tf files")
    func instancesAndSuppressions() throws {
        let main = """
            locals {
              tags = { api = "latest", worker = "1.2" }
            }
            resource "aws_ecs_task_definition" "app" {
              for_each              = local.tags
              family                = each.key
              container_definitions = jsonencode([{ name = each.key, image = "app:${each.value}" }])
            }
            resource "aws_ecs_task_definition" "copies" {
              count  = 2
              family = "copy-${count.index}"
              # ecslint-disable-next-line image-latest-tag -- a test image
              container_definitions = jsonencode([{ name = "copy", image = "app:latest" }])
            }

            """
        let result = try Self.lintProject(["main.tf": main])
        let latest = result.found.filter { $0.rule == "ECS101" }
        #expect(latest.map { "\($0.line):\($0.column)" } == ["7:66"])
        #expect(result.messages.contains { $0.hasPrefix("container 'api' uses the mutable tag 'latest'") })
        // The instances are named by their address.
        #expect(result.messages.contains { $0.contains("task definition 'api'") || $0.contains("container 'worker'") })
    }

    @Test("a .tf syntax error is a positioned parse error, and the other files are still linted")
    func syntaxError() throws {
        let result = try Self.lintProject([
            "broken.tf": "resource \"aws_ecs_task_definition\" \"x\" {\n  family = \n}\n",
            "task.json": #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest"}]}"#,
        ])
        #expect(result.found.contains { $0.rule == "ECS000" && $0.path == "broken.tf" && $0.line == 2 })
        #expect(result.found.contains { $0.rule == "ECS101" && $0.path == "task.json" })
    }

    @Test("a JSON file read whole by a resource is linted through it, not a second time on its own")
    func consumedFiles() throws {
        let result = try Self.lintProject([
            "main.tf": "resource \"aws_ecs_task_definition\" \"x\" {\n  family = \"x\"\n  container_definitions = file(\"containers.json\")\n}\n",
            "containers.json": #"[{"name": "app", "image": "nginx:latest"}]"# + "\n",
        ])
        #expect(result.found.filter { $0.rule == "ECS101" }.map(\.description) == ["ECS101 warning containers.json:1:27"])
    }

    // MARK: Registry modules

    @Test("a registry module listed in .terraform/modules/modules.json is read from where terraform init put it")
    func fetchedModules() throws {
        let result = try Self.lintProject([
            "main.tf": "module \"svc\" {\n  source  = \"acme/service/aws\"\n  version = \"1.0.0\"\n  image   = \"nginx:latest\"\n}\n",
            ".terraform/modules/svc/main.tf": """
                variable "image" {}
                resource "aws_ecs_task_definition" "this" {
                  family                = "svc"
                  container_definitions = jsonencode([{ name = "app", image = var.image, user = "1000" }])
                }

                """,
            ".terraform/modules/modules.json": #"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"svc","Source":"registry.terraform.io/acme/service/aws","Version":"1.0.0","Dir":".terraform/modules/svc"}]}"#,
        ])
        #expect(result.found.filter { $0.rule == "ECS101" }.map(\.description) == ["ECS101 warning main.tf:4:13"])
        #expect(result.messages.contains { $0.hasPrefix("container 'app' uses the mutable tag 'latest'") })
        // Without the manifest the module is unknown: nothing is guessed.
        let unknown = try Self.lintProject(["main.tf": "module \"svc\" {\n  source = \"acme/service/aws\"\n  image  = \"nginx:latest\"\n}\n"])
        #expect(unknown.found.isEmpty)
    }

    static let ecsService = """
        module "api" {
          source  = "terraform-aws-modules/ecs/aws//modules/service"
          version = "~> 6.0"

          name        = "api"
          cluster_arn = "arn:aws:ecs:us-east-1:123456789012:cluster/main"
          subnet_ids  = ["subnet-1"]

          container_definitions = {
            api = {
              image = "public.ecr.aws/acme/api:1.4.2"
              user  = "1000"
              healthCheck = {
                command = ["CMD", "/healthcheck"]
              }
            }
          }
        }

        """

    @Test("terraform-aws-modules/ecs version 6: versionConsistency is disabled by the module's default, and the finding says so at the call's source")
    func ecsVersionSixDefaults() throws {
        let result = try Self.lintProject(["main.tf": Self.ecsService])
        let index = try #require(result.found.firstIndex { $0.rule == "ECS106" })
        #expect(result.found[index].description == "ECS106 note main.tf:2:13")
        #expect(result.messages[index] == "container 'api' disables version consistency: tasks started after a tag is re-pushed run the new image while older tasks run the old one; remove the setting and deploy immutable tags or digests (terraform-aws-modules/ecs/aws//modules/service sets this by default; the call does not)")
        // The service, its task definition and its autoscaling target are linked: no finding
        // about a missing task definition or an unscaled desired count, and no missing logs.
        #expect(!result.found.contains { ["ECS305", "ECS602"].contains($0.rule) })
    }

    @Test("terraform-aws-modules/ecs version 5 (snake_case keys) runs containers as root by the module's default user 0")
    func ecsVersionFiveDefaults() throws {
        let project = """
            module "api" {
              source = "terraform-aws-modules/ecs/aws//modules/service"

              name = "api"
              container_definitions = {
                api = {
                  image                    = "public.ecr.aws/acme/api:1.4.2"
                  readonly_root_filesystem = false
                  port_mappings            = [{ containerPort = 8080, protocol = "tcp" }]
                }
              }
            }

            """
        let result = try Self.lintProject(["main.tf": project])
        let index = try #require(result.found.firstIndex { $0.rule == "ECS602" })
        #expect(result.found[index].description == "ECS602 warning main.tf:2:12")
        #expect(result.messages[index].hasPrefix("container 'api' runs as root (user: 0)"))
        #expect(result.messages[index].hasSuffix("(terraform-aws-modules/ecs/aws//modules/service sets this by default; the call does not)"))
        #expect(!result.found.contains { $0.rule == "ECS106" })
    }

    @Test("a keyed registry module call and its outputs: the root ecs module's services map, and an image from terraform-aws-modules/ecr")
    func ecsRootModuleServices() throws {
        let project = """
            module "ecr" {
              source          = "terraform-aws-modules/ecr/aws"
              repository_name = "api"
              repository_lifecycle_policy = jsonencode({
                rules = [{ rulePriority = 1, selection = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 5 }, action = { type = "expire" } }]
              })
            }
            module "ecs" {
              source  = "terraform-aws-modules/ecs/aws"
              version = "~> 6.0"

              cluster_name = "main"
              services = {
                api = {
                  container_definitions = {
                    api = {
                      image              = "${module.ecr.repository_url}:1.4.2"
                      user               = "1000"
                      versionConsistency = "enabled"
                    }
                  }
                }
              }
            }

            """
        let result = try Self.lintProject(["main.tf": project])
        // IMMUTABLE by the module's default: only the release expiring is an error.
        let expirable = try #require(result.found.firstIndex { $0.rule == "ECS103" })
        #expect(result.found[expirable].description == "ECS103 error main.tf:17:32")
        #expect(!result.found.contains { $0.rule == "ECS104" || $0.rule == "ECS210" })
    }
}
