import Testing
@testable import LinterCore
@testable import Linter

/// JSON held inside a string (CloudFormation `LifecyclePolicyText`, the CLI's
/// `lifecyclePolicyText`, Terraform `container_definitions`) is parsed separately; every inner
/// position must land on the exact line and UTF-16 column of the outer file.
@Suite("Embedded document positions")
struct EmbeddedPositionTests {
    static let blockTemplate = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: app
              LifecyclePolicy:
                LifecyclePolicyText: HEADER
                  {
                    "rules": [
                      {
                        "rulePriority": 1,

                        "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 5},
                        "action": {"type": "expire"}
                      }
                    ]
                  }

        """

    static func analyze(_ text: String, path: String) throws -> (SourceFile, ModelDocument) {
        let file = SourceFile(path: path, text: text)
        let analysis = FileAnalysis.analyze(file, limits: .default)
        #expect(analysis.parseError == nil)
        return (file, try #require(analysis.documents.first))
    }

    static func policy(_ text: String, path: String) throws -> (SourceFile, LifecyclePolicy) {
        let (file, document) = try analyze(text, path: path)
        #expect(document.problems.isEmpty, "\(document.problems.map(\.message))")
        return (file, try #require(document.lifecyclePolicies.first))
    }

    // MARK: (a) YAML literal block scalar

    @Test(arguments: ["|", "|-", "|+"], ["\n", "\r\n"])
    func literalBlockScalar(header: String, lineBreak: String) throws {
        let source = Self.blockTemplate.replacingOccurrences(of: "HEADER", with: header)
            .replacingOccurrences(of: "\n", with: lineBreak)
        let (file, policy) = try Self.policy(source, path: "stack.yaml")
        let rule = try #require(policy.rules.first)
        #expect(rule.rulePriority.value == 1)
        #expect(start(file, rule.rulePriority.location) == "12:33")
        #expect(span(file, rule.countNumber.location) == "14:101-14:102")
        #expect(text(file, rule.countNumber.location) == "5")
        #expect(start(file, try #require(rule.countNumber.keyLocation)) == "14:86")
        #expect(span(file, rule.actionType.location) == "15:36-15:44")
        #expect(text(file, rule.actionType.location) == #""expire""#)
        #expect(start(file, policy.location) == "9:11")
        #expect(file.position(of: policy.location.range.end).description == "18:12")
    }

    @Test func singleQuotedYAMLScalar() throws {
        let source = """
            Resources:
              Repo:
                Type: AWS::ECR::Repository
                Properties:
                  LifecyclePolicy:
                    LifecyclePolicyText: '{"rules": [{"rulePriority": 3, "description": "it''s old", "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 2}, "action": {"type": "expire"}}]}'

            """
        let (file, policy) = try Self.policy(source, path: "stack.yaml")
        let rule = try #require(policy.rules.first)
        #expect(rule.description.value == "it's old")
        // `''` is one character inside, two columns outside.
        #expect(span(file, rule.countNumber.location) == "6:198-6:199")
    }

    @Test func subOfALiteralBlockWithoutVariables() throws {
        let source = """
            Resources:
              Repo:
                Type: AWS::ECR::Repository
                Properties:
                  LifecyclePolicy:
                    LifecyclePolicyText: !Sub |
                      {"rules": [{"rulePriority": 4, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 9}, "action": {"type": "expire"}}]}

            """
        let (file, policy) = try Self.policy(source, path: "stack.yaml")
        let rule = try #require(policy.rules.first)
        #expect(rule.rulePriority.value == 4)
        #expect(span(file, rule.countNumber.location) == "7:126-7:127")
    }

    // MARK: (b) escaped JSON string

    static let escaped = #"""
        {
          "repositoryName": "café/api",
          "lifecyclePolicyText": "{\"rules\":[{\"description\":\"caf\u00e9 ☕ 🚀 \ud83d\ude80 \\\"v2\\\" \\\\ a\\nb\",\"rulePriority\":7,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3},\"action\":{\"type\":\"expire\"}}]}"
        }

        """#

    @Test func escapedJSONString() throws {
        let (file, policy) = try Self.policy(Self.escaped, path: "get-lifecycle-policy.json")
        #expect(policy.repositoryName.value == "café/api")
        let rule = try #require(policy.rules.first)
        #expect(rule.description.value == "café ☕ 🚀 🚀 \"v2\" \\ a\nb")
        // The description spans every kind of escape; its end is right after the closing `\"`.
        #expect(span(file, rule.description.location) == "3:56-3:109")
        // After `\u00e9` (6 columns for one character), `☕` (1 UTF-16 unit), `🚀` (2 units),
        // `\ud83d\ude80` (12 columns), `\\\"`, `\\\\` and `\\n`.
        #expect(span(file, rule.rulePriority.location) == "3:127-3:128")
        #expect(text(file, rule.rulePriority.location) == "7")
        #expect(span(file, rule.countNumber.location) == "3:219-3:220")
        #expect(text(file, rule.countNumber.location) == "3")
        // Unicode-scalar columns differ from UTF-16 ones once the emoji are passed.
        #expect(file.scalarColumn(of: rule.rulePriority.location.range.start) == 126)
    }

    @Test func escapedJSONStringInTheGetLifecyclePolicyFixture() throws {
        let (file, document) = try Fixtures.document("lifecycle-policy/get-lifecycle-policy.json")
        let rule = try #require(document.lifecyclePolicies.first?.rules.first)
        #expect(span(file, rule.countNumber.location) == "4:234-4:236")
        #expect(text(file, rule.countNumber.location) == "50")
    }

    // MARK: (c) Terraform container_definitions

    static let terraform = #"""
        {
          "format_version": "1.2",
          "terraform_version": "1.9.8",
          "planned_values": {
            "root_module": {
              "resources": [
                {
                  "address": "aws_ecs_task_definition.app",
                  "mode": "managed",
                  "type": "aws_ecs_task_definition",
                  "name": "app",
                  "values": {
                    "family": "app",
                    "container_definitions": "[{\"command\":[\"sh\",\"-c\",\"migrate \u0026\u0026 exec server \u003e /dev/stdout\"],\"essential\":true,\"image\":\"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v7\",\"name\":\"app\"}]"
                  }
                }
              ]
            }
          }
        }

        """#

    @Test func terraformContainerDefinitions() throws {
        let (file, document) = try Self.analyze(Self.terraform, path: "plan.json")
        #expect(document.kind == .terraformPlan)
        #expect(document.problems.isEmpty)
        let container = try #require(document.taskDefinitions.first?.containers.first)
        // Terraform writes `&` and `>` as `\u0026` and `\u003e` (6 columns each) before the image.
        #expect(span(file, container.image.location) == "14:154-14:209")
        #expect(container.image.tag == .named("v7"))
        #expect(container.image.repositoryName == "app")
        #expect(start(file, container.name.location) == "14:219")
        #expect(start(file, container.location) == "14:40")
    }

    @Test func terraformFixtureContainerDefinitions() throws {
        let (file, document) = try Fixtures.document("terraform/plan.json")
        let task = try #require(document.taskDefinitions.first)
        let interval = try #require(task.containers.first?.healthCheck?.interval)
        #expect(text(file, interval.location) == "15")
        #expect(file.lineText(file.position(of: interval.location.range.start).line).contains("container_definitions"))
    }

    // MARK: Parse errors inside embedded JSON

    @Test func parseErrorInEscapedString() throws {
        let source = #"""
            {
                "registryId": "123456789012",
                "repositoryName": "web",
                "lifecyclePolicyText": "{\"rules\":[{\"rulePriority\" 1,\"action\":{\"type\":\"expire\"}}]}"
            }

            """#
        let (file, document) = try Self.analyze(source, path: "get-lifecycle-policy.json")
        #expect(document.kind == .lifecyclePolicyOutput)
        #expect(document.lifecyclePolicies.isEmpty)
        let problem = try #require(document.problems.first)
        #expect(problem.message.contains("not valid JSON"))
        // The `1` where `:` was expected.
        #expect(start(file, problem.location) == "4:59")
    }

    @Test(arguments: ["\n", "\r\n"])
    func parseErrorInLiteralBlock(lineBreak: String) throws {
        let source = Self.blockTemplate.replacingOccurrences(of: "HEADER", with: "|")
            .replacingOccurrences(of: #""countNumber": 5}"#, with: #""countNumber": 5,}"#)
            .replacingOccurrences(of: "\n", with: lineBreak)
        let (file, document) = try Self.analyze(source, path: "stack.yaml")
        #expect(document.kind == .cloudFormation)
        let problem = try #require(document.problems.first)
        #expect(problem.message.contains("not valid JSON"))
        // The `}` after the trailing comma.
        #expect(start(file, problem.location) == "14:103")
    }
}
