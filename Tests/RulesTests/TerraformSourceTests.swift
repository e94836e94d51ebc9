import Foundation
import Linter
import Testing

/// Terraform source through the whole pipeline: the fixtures under
/// `Tests/Fixtures/terraform-source` write one project in the ways real Terraform writes it, and
/// each must give the findings its API JSON twin gives, at exact places in the `.tf` (or read)
/// files; both outages are caught in every style.
@Suite("Terraform source")
struct TerraformSourceTests {
    static let fixtures = CLI.packageRoot + "/Tests/Fixtures/terraform-source"

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
}
