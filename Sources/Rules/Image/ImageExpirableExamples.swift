import LinterCore

/// The documented cases of `image-expirable`, one per way a policy can remove a running image.
enum ImageExpirableExamples {
    static let image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shared"

    static func taskDefinition(_ tag: String, marked: Bool) -> String {
        """
        {
          "family": "billing",
          "containerDefinitions": [
            {"name": "app", "image": \(marked ? "↓" : "")"\(image):\(tag)", "essential": true}
          ]
        }
        """
    }

    /// `get-lifecycle-policy` output for the shared repository, with the policy as an escaped string.
    static func policyOutput(_ rules: String) -> String {
        let text = "{\"rules\":[" + rules + "]}"
        // Escaped by hand on the UTF-8 bytes: this metadata is built at every start-up, where a
        // search-and-replace on the string, or appending scalar by scalar, costs more than
        // building the rest of the registry.
        var escapedBytes: [UInt8] = []
        escapedBytes.reserveCapacity(text.utf8.count + 64)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { escapedBytes.append(UInt8(ascii: "\\")) }
            escapedBytes.append(byte)
        }
        let escaped = String(decoding: escapedBytes, as: UTF8.self)
        return """
            {
              "registryId": "123456789012",
              "repositoryName": "shared",
              "lifecyclePolicyText": "\(escaped)"
            }
            """
    }

    static func crossFile(_ kind: RuleExample.Kind, tag: String, rules: String, caption: String) -> RuleExample {
        RuleExample(
            kind,
            [
                .init("taskdef.json", taskDefinition(tag, marked: kind == .invalid)),
                .init("shared-policy.json", policyOutput(rules)),
            ],
            caption: caption)
    }

    static let keepTen = #"{"rulePriority":1,"description":"keep the last 10 images","selection":{"tagStatus":"tagged","tagPatternList":["*"],"countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}"#

    static let all: [RuleExample] = [
        crossFile(
            .invalid, tag: "billing-1.2", rules: keepTen,
            caption: "A shared repository keeps the last 10 tagged images: ten pushes by other services evict this one."),
        crossFile(
            .invalid, tag: "billing-1.2",
            rules: #"{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePushed","countUnit":"days","countNumber":90},"action":{"type":"expire"}}"#,
            caption: "A day rule deletes a long-running image 90 days after it was pushed, with no deploy at all."),
        crossFile(
            .invalid, tag: "billing-1.2",
            rules: #"{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":30},"action":{"type":"transition","targetStorageClass":"archive"}}"#,
            caption: "Archiving by pull time hits healthy services: running tasks do not pull."),
        crossFile(
            .invalid, tag: "release-7-prod",
            rules: #"{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPatternList":["release-*","*-prod"],"countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}"#,
            caption: "A multi-pattern list matches only images whose tags meet every pattern: `release-7-prod` meets both."),
        crossFile(
            .valid, tag: "release-7",
            rules: #"{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPatternList":["release-*","*-prod"],"countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}"#,
            caption: "`release-7` meets only one of the two patterns, so the rule never selects it."),
        crossFile(
            .invalid, tag: "v2.0.1",
            rules: #"{"rulePriority":20,"description":"stable releases","selection":{"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":500},"action":{"type":"expire"}},{"rulePriority":10,"description":"everything else","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}"#,
            caption: "Priority, not array order, decides: the catch-all has priority 10 and owns `v2.0.1` first."),
        crossFile(
            .invalid, tag: "v2.0.1",
            rules: #"{"rulePriority":1,"description":"stable releases","selection":{"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":1000},"action":{"type":"expire"}},{"rulePriority":10,"description":"everything else","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}"#,
            caption: "A generous higher-priority rule protects release tags from the catch-all: the finding drops to a note that still spells out the condition (keep 1000 ≥ `safeCount`)."),
        crossFile(
            .valid, tag: "v2.0.1",
            rules: #"{"rulePriority":1,"description":"dev builds","selection":{"tagStatus":"tagged","tagPatternList":["dev-*"],"countType":"imageCountMoreThan","countNumber":20},"action":{"type":"expire"}},{"rulePriority":2,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}"#,
            caption: "No rule selects release tags: only dev builds and untagged images are cleaned up."),
        .valid(
            "template.yaml",
            """
            Resources:
              Repository:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryName: web
                  LifecyclePolicy:
                    LifecyclePolicyText: |
                      {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged",
                        "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7},
                        "action": {"type": "expire"}}]}
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: web
                      Image: !Sub "${Repository.RepositoryUri}:v1.0.0"
            """,
            caption: "CloudFormation: the policy only cleans up untagged images, so the deployed tag is safe."),
        .invalid(
            "template.yaml",
            """
            Resources:
              Repository:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryName: web
                  LifecyclePolicy:
                    LifecyclePolicyText: |
                      {"rules": [{"rulePriority": 1, "description": "keep 5",
                        "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 5},
                        "action": {"type": "expire"}}]}
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: web
                      Image: ↓⟨error: expired once 5 newer images of any kind are pushed⟩!Sub "${Repository.RepositoryUri}:v1.0.0"
            """,
            caption: "CloudFormation: the image is built from the repository in the same template."),
        .invalid(
            "plan.json",
            #"""
            {
              "format_version": "1.2",
              "terraform_version": "1.9.5",
              "planned_values": {"root_module": {"resources": [
                {"address": "aws_ecs_task_definition.web", "type": "aws_ecs_task_definition", "name": "web",
                 "values": {"family": "web",
                   "container_definitions": "[{\"name\":\"web\",\"image\":↓⟨error: expired once 20 newer images carrying tags starting with all of [build-]⟩\"123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:build-41\",\"essential\":true}]"}},
                {"address": "aws_ecr_lifecycle_policy.web", "type": "aws_ecr_lifecycle_policy", "name": "web",
                 "values": {"repository": "web",
                   "policy": "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"build-\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":20},\"action\":{\"type\":\"expire\"}}]}"}}
              ]}}
            }
            """#,
            caption: "Terraform plan: both the container definitions and the policy are JSON strings."),
        RuleExample(
            .invalid,
            [
                .init(
                    "taskdef.json",
                    """
                    {"family": "billing", "containerDefinitions": [
                      {"name": "app", "image": ↓⟨note: its lifecycle policy does not govern this image⟩"210987654321.dkr.ecr.us-east-1.amazonaws.com/shared:billing-1.2"}]}
                    """),
                .init(
                    "repositories.json",
                    """
                    {"repositories": [{"repositoryName": "shared", "registryId": "123456789012",
                      "repositoryUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shared"}]}
                    """),
                .init("shared-policy.json", policyOutput(keepTen)),
            ],
            caption: "The image comes from another account's `shared` repository: the linted policy is not its policy, and a note says the image's fate is unresolved."),
    ]
}
