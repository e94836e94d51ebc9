import LinterCore

/// `secret-in-environment`: a plaintext credential in a container's `environment`.
public struct SecretInEnvironmentRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS306", name: "secret-in-environment",
        summary: "A container `environment` entry holds a plaintext secret: a password-like variable, an AWS access key or a URL with credentials.",
        rationale: """
            Environment values are stored in the task definition in plain text. Anyone who can call \
            `ecs:DescribeTaskDefinition`, read the CloudFormation template, the Terraform state or the \
            repository can read them, and every revision keeps them forever. AWS: "We don't recommend \
            that you use plaintext environment variables for sensitive information."

            Flagged are literal values of variables whose name contains `PASSWORD`, `SECRET`, `TOKEN`, \
            `API_KEY` or `PRIVATE_KEY` (and AWS Config's `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, \
            `ECS_ENGINE_AUTH_DATA`), any value containing an AWS access key id (`AKIA…`), and any URL \
            with a password (`postgresql://user:pass@host/db`). References are not secrets: ARNs, \
            paths, numbers and booleans, names ending in `_ARN`, `_NAME`, `_FILE`, `_PATH`, `_URL`, \
            `_ENDPOINT` and the like, template placeholders and CloudFormation expressions are skipped, \
            except one: a secret-like variable set from a CloudFormation parameter that is not `NoEcho` \
            (`Value: !Ref DbPassword`), whose deployed value ends up in the task definition in plain text \
            as surely as a literal, and is shown by CloudFormation too. The finding names the parameter, \
            never its default.

            Move the value to Secrets Manager or SSM Parameter Store and reference it from the \
            container's `secrets` list (`{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:…"}`); \
            the execution role needs read access to it. Then rotate the leaked credential. Findings never \
            repeat the value.
            """,
        defaultSeverity: .error, category: .security, tags: ["security", "secrets", "environment", "container"],
        securitySeverity: 7.5,
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html",
            "https://docs.aws.amazon.com/config/latest/developerguide/ecs-no-environment-secrets.html",
        ],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "api",
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "api:1.0",
                      "environment": [
                        {"name": "DB_PASSWORD", "value": ↓"correct-horse-battery"},
                        {"name": "AWS_ACCESS_KEY_ID", "value": ↓"AKIAIOSFODNN7EXAMPLE"},
                        {"name": "DATABASE_URL", "value": ↓"postgresql://app:s3cr3t@db.internal:5432/app"},
                        {"name": "PASSWORD_MIN_LENGTH", "value": "12"},
                        {"name": "DB_PASSWORD_ARN", "value": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"},
                        {"name": "CACHE_URL", "value": "redis://cache.internal:6379"}
                      ]
                    }
                  ]
                }
                """),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: api:1.0
                          Environment:
                            - Name: STRIPE_API_KEY
                              Value: ↓sk_live_abcdef123456
                            - Name: GITHUB_TOKEN
                              Value: ↓"ghp_0123456789abcdef"
                """),
            .invalid(
                "template.yaml",
                """
                Parameters:
                  DbPassword:
                    Type: String
                    Default: change-me
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: api:1.0
                          Environment:
                            - Name: DB_PASSWORD
                              Value: ↓!Ref DbPassword
                            - Name: DB_PASSWORD_ARN
                              Value: !Ref DbPassword
                """, caption: "A parameter without NoEcho: the deployed value is stored in plain text; the finding names the parameter, never its default."),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "api",
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "api:1.0",
                      "environment": [
                        {"name": "DB_HOST", "value": "db.internal"},
                        {"name": "DB_PASSWORD", "value": "{{ must_env `DB_PASSWORD` }}"},
                        {"name": "TOKEN_TTL_SECONDS", "value": "3600"},
                        {"name": "SECRET_NAME", "value": "prod/api/db"}
                      ],
                      "secrets": [
                        {"name": "API_KEY", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/api/key"}
                      ]
                    }
                  ]
                }
                """),
            .valid(
                "template.yaml",
                """
                Parameters:
                  DbPassword:
                    Type: String
                    NoEcho: true
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: api:1.0
                          Environment:
                            - Name: DB_PASSWORD
                              Value: !Ref DbPassword
                            - Name: API_TOKEN
                              Value: "{{resolve:secretsmanager:prod/api:SecretString:token}}"
                            - Name: SECRET_KEY_BASE
                              Value: ""
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            for container in taskDefinition.containers {
                for variable in container.environment {
                    if let violation = parameterInPlainText(variable, of: container, in: context.project) {
                        violations.append(violation)
                        continue
                    }
                    guard let value = variable.value.value else { continue }
                    let name = variable.name.value ?? "(unnamed)"
                    guard let kind = SecretDetector.classify(name: variable.name.value, value: value) else { continue }
                    let what: String
                    switch kind {
                    case .accessKey: what = "holds an AWS access key id in plain text"
                    case .urlCredentials: what = "holds a URL with an embedded password in plain text"
                    case .sensitiveName: what = "looks like a secret and holds a literal value in plain text"
                    }
                    violations.append(
                        Violation(
                            "environment variable '\(name)' of container '\(container.displayName)' \(what): anyone who can describe the task definition or read this file can read it; store it in Secrets Manager or SSM Parameter Store, reference it from the container's secrets (valueFrom), and rotate it",
                            at: variable.value.location))
                }
            }
        }
        return violations
    }

    /// A secret-like variable set from a CloudFormation parameter that is not `NoEcho`: the value
    /// the stack is deployed with lands in the task definition in plain text, and CloudFormation
    /// shows it too. The parameter is named, never its default.
    private func parameterInPlainText(
        _ variable: EnvironmentVariable, of container: ContainerDefinition, in project: ProjectModel
    ) -> Violation? {
        guard variable.value.isUnresolved, let node = variable.value.node, let name = variable.name.value,
            SecretDetector.isSensitiveName(name), let parameterName = Intrinsic(node)?.wholeReference,
            let document = project.document(containing: variable.value.location), document.kind == .cloudFormation,
            let parameter = document.root["Parameters"]?[parameterName],
            parameter["NoEcho"].flatMap(ObjectReader.boolValue) != true
        else { return nil }
        return Violation(
            "environment variable '\(name)' of container '\(container.displayName)' takes its value from parameter \(parameterName), which is not NoEcho: the value the stack is deployed with is stored in the task definition in plain text, where anyone who can describe it reads it, and CloudFormation shows it in the stack's parameters; store it in Secrets Manager or SSM Parameter Store and reference it from the container's secrets (valueFrom)",
            at: variable.value.location)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
