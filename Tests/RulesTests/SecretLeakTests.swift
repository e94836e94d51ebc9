import Linter
import Rules
import Testing

/// ECS306 must report plaintext secrets without ever repeating them, in every output format.
@Suite("Secrets never leak into reports")
struct SecretLeakTests {
    static let password = "hunter2-Sup3rSecret"
    static let accessKey = "AKIAQWERTYUIOPASDFGH"
    static let urlPassword = "p4ss"
    static let url = "postgresql://u:p4ss@h/db"

    static let taskDefinition = """
        {
          "family": "leaky",
          "containerDefinitions": [
            {
              "name": "app",
              "image": "app:1.0",
              "environment": [
                {"name": "DB_PASSWORD", "value": "\(password)"},
                {"name": "UPLOAD_CREDENTIAL", "value": "\(accessKey)"},
                {"name": "DATABASE_URL", "value": "\(url)"}
              ]
            }
          ]
        }
        """

    static let template = """
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1.0
                  Environment:
                    - Name: DB_PASSWORD
                      Value: \(password)
                    - Name: KEY
                      Value: \(accessKey)
                    - Name: DSN
                      Value: "\(url)"
        """

    static func lint(_ files: [(String, String)]) -> LintOutcome {
        let engine = LintEngine(registry: TestLint.registry, configuration: Configuration(rootDirectory: "."), workers: 1)
        return engine.lint(sources: files.map { SourceFile(path: $0.0, text: $0.1) })
    }

    @Test("every format reports the findings and none contains a secret", arguments: [
        ("taskdef.json", taskDefinition), ("template.yaml", template),
    ])
    func noLeak(file: String, source: String) {
        let outcome = Self.lint([(file, source)])
        let secretFindings = outcome.findings.filter { $0.ruleId == "ECS306" }
        #expect(secretFindings.count == 3, "\(secretFindings.map(\.message))")
        #expect(secretFindings.allSatisfy { $0.ruleName == "secret-in-environment" })
        for format in OutputFormat.allCases {
            let rendered = Reporter.render(format, ReportContext(outcome: outcome))
            #expect(rendered.contains("ECS306") || rendered.contains("secret-in-environment"), "\(format) lacks the finding")
            #expect(rendered.contains("DB_PASSWORD"), "\(format) should name the variable")
            for secret in [Self.password, Self.accessKey, Self.url, ":\(Self.urlPassword)@", "hunter2"] {
                #expect(!rendered.contains(secret), "\(format) output contains a secret")
            }
        }
    }

    @Test("detector heuristics")
    func detector() {
        #expect(SecretDetector.classify(name: "DB_PASSWORD", value: "x") == .sensitiveName)
        #expect(SecretDetector.classify(name: "aws_secret_access_key", value: "abc/def") == .sensitiveName)
        #expect(SecretDetector.classify(name: "ECS_ENGINE_AUTH_DATA", value: "{\"a\":1}") == .sensitiveName)
        #expect(SecretDetector.classify(name: "ANYTHING", value: "key=AKIAIOSFODNN7EXAMPLE") == .accessKey)
        #expect(SecretDetector.classify(name: "DSN", value: "mysql://root:pw@db:3306/x") == .urlCredentials)
        #expect(SecretDetector.classify(name: "DSN", value: "mysql://root@db:3306/x") == nil)
        #expect(SecretDetector.classify(name: "DSN", value: "mysql://root:${DB_PASSWORD}@db/x") == nil)
        #expect(SecretDetector.classify(name: "DB_PASSWORD", value: "") == nil)
        #expect(SecretDetector.classify(name: "DB_PASSWORD", value: "arn:aws:ssm:us-east-1:1:parameter/db") == nil)
        #expect(SecretDetector.classify(name: "DB_PASSWORD_SECRET_ARN", value: "whatever") == nil)
        #expect(SecretDetector.classify(name: "TOKEN_EXPIRY", value: "3600") == nil)
        #expect(SecretDetector.classify(name: "USE_TOKEN", value: "true") == nil)
        #expect(SecretDetector.classify(name: "HOSTNAME", value: "db.internal") == nil)
        #expect(SecretDetector.classify(name: "KEY", value: "AKIAshort") == nil)
    }
}
