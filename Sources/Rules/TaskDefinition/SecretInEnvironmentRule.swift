import Linter

/// `secret-in-environment`: a plaintext credential in a container's `environment`.
public struct SecretInEnvironmentRule: Rule {
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
            `_ENDPOINT` and the like, template placeholders and CloudFormation expressions are skipped.

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

    public var metadata: RuleMetadata { Self.metadata }

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            for container in taskDefinition.containers {
                for variable in container.environment {
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
}

/// Heuristics for plaintext credentials, shared with tests.
public enum SecretDetector {
    public enum Kind: Sendable, Equatable { case accessKey, urlCredentials, sensitiveName }

    static let sensitiveWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY"]
    static let exactNames: Set<String> = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"]
    /// Name endings that describe where a secret is, or a property of it, not the secret itself.
    static let referenceSuffixes = [
        "_ARN", "_NAME", "_FILE", "_PATH", "_URL", "_URI", "_ENDPOINT", "_REGION", "_TTL", "_TTL_SECONDS",
        "_EXPIRY", "_EXPIRATION", "_LENGTH", "_HEADER", "_TYPE", "_ID", "_PARAMETER", "_PARAM", "_KEY_ID", "_ENABLED",
        "_DIR", "_LOCATION", "_VERSION", "_SECONDS", "_TIMEOUT", "_MODE", "_ALGORITHM", "_FIELD", "_PREFIX", "_STAGE",
    ]

    public static func classify(name: String?, value: String) -> Kind? {
        let trimmed = value.trimmingWhitespaceAndNewlines
        guard !trimmed.isEmpty else { return nil }
        if containsAccessKeyId(trimmed) { return .accessKey }
        if hasURLCredentials(trimmed) { return .urlCredentials }
        guard let name else { return nil }
        let upper = name.uppercased()
        let sensitive = exactNames.contains(upper)
            || (sensitiveWords.contains { ByteSearch.contains(upper, $0) } && !referenceSuffixes.contains { upper.hasSuffix($0) })
        guard sensitive, !looksLikeReference(trimmed) else { return nil }
        return .sensitiveName
    }

    /// ARNs, paths, numbers, booleans and shell-style variable references.
    static func looksLikeReference(_ value: String) -> Bool {
        let lower = value.lowercased()
        if lower.hasPrefix("arn:") || lower.hasPrefix("/") || lower.hasPrefix("$") { return true }
        if lower.hasPrefix("ssm:") || lower.hasPrefix("secretsmanager:") { return true }
        if Double(value) != nil { return true }
        return ["true", "false", "yes", "no", "on", "off", "none", "null", "enabled", "disabled"].contains(lower)
    }

    /// `AKIA` followed by 16 upper-case letters or digits.
    public static func containsAccessKeyId(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            var start = 0
            while start + 20 <= bytes.count {
                if bytes[start] == 0x41, bytes[start + 1] == 0x4B, bytes[start + 2] == 0x49, bytes[start + 3] == 0x41,
                    bytes[start + 4..<start + 20].allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) })
                {
                    return true
                }
                start += 1
            }
            return false
        }
    }

    /// `scheme://user:password@host` with a literal password.
    public static func hasURLCredentials(_ value: String) -> Bool {
        guard ByteSearch.contains(value, "://") else { return false }
        var searchStart = value.startIndex
        while let separator = value[searchStart...].firstRange(of: "://") {
            searchStart = separator.upperBound
            let scheme = value[value.startIndex..<separator.lowerBound].reversed().prefix {
                $0.isLetter || $0.isNumber || $0 == "+" || $0 == "." || $0 == "-"
            }
            guard !scheme.isEmpty else { continue }
            let rest = value[separator.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || $0.isWhitespace } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            guard let at = authority.lastIndex(of: "@") else { continue }
            let userInfo = authority[..<at]
            guard let colon = userInfo.firstIndex(of: ":") else { continue }
            let password = userInfo[userInfo.index(after: colon)...]
            guard !password.isEmpty else { continue }
            if password.hasPrefix("$") || password.hasPrefix("{") || password.hasPrefix("<") || password.hasPrefix("%") {
                continue
            }
            if password.allSatisfy({ $0 == "*" || $0 == "x" || $0 == "X" }) { continue }
            return true
        }
        return false
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
