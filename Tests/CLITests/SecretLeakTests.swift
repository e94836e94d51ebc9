import LinterCore
import Linter
import LinterCLI
import Rules
import Testing
import TestKit

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

    /// Secrets and other findings on the same lines, so that code frames must show those lines.
    static let crowded = """
        {"family": "leaky", "containerDefinitions": [{"name": "app", "image": "nginx", "environment": [
          {"name": "DB_PASSWORD", "value": "\(password)", "name": "DB_PASSWORD"},
          {"name": "KEY", "value": "\(accessKey)"}, {"name": "DSN", "value": "\(url)"}]}]}
        """

    static let noEchoTemplate = """
        Parameters:
          AdminToken: {Type: String, NoEcho: true, Default: \(password)}
          DbPassword: {Type: String, Default: \(urlPassword)-default}
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - {Name: app, Image: app, Environment: [{Name: DB_PASSWORD, Value: !Ref DbPassword}, {Name: T, Value: !Ref AdminToken}], Environment: []}

        """

    @Test("no format shows a secret, with or without code frames and colour", arguments: [
        ("taskdef.json", crowded), ("template.yaml", noEchoTemplate), ("taskdef.json", taskDefinition), ("template.yaml", template),
    ])
    func noLeakInFrames(file: String, source: String) {
        let outcome = Self.lint([(file, source)])
        #expect(!outcome.findings.isEmpty)
        for format in OutputFormat.allCases {
            for showSource in [false, true] {
                for color in [false, true] {
                    let rendered = Reporter.render(format, ReportContext(outcome: outcome, color: color, showSource: showSource))
                    for secret in [Self.password, Self.accessKey, ":\(Self.urlPassword)@", "\(Self.urlPassword)-default", "hunter2"] {
                        #expect(!rendered.contains(secret), "\(file) \(format) showSource=\(showSource) color=\(color) shows a secret")
                    }
                }
            }
        }
        if file == "taskdef.json", source == Self.crowded {
            // The frame masks the value, keeps its quotes, and the underline still points at the
            // repeated key after it.
            let text = Reporter.render(.text, ReportContext(outcome: outcome, showSource: true))
            #expect(text.contains("""
                2 |   {"name": "DB_PASSWORD", "value": "********", "name": "DB_PASSWORD"},
                  |                                                ^~~~~~
                """))
        }
    }

    @Test("the CLI on a terminal shows frames without secrets")
    func terminalRun() throws {
        let project = try TemporaryProject()
        try project.write("taskdef.json", Self.crowded + "\n")
        let output = project.run(
            ["lint", "taskdef.json"], context: CommandContext(builtinRules: BuiltinRules.all, shippedRuleDirectories: ShippedRules.directories()),
            isTerminal: true)
        #expect(output.code == .findings)
        #expect(output.stdout.contains(" | "), "frames are on by default on a terminal")
        #expect(output.stdout.contains("\"********\""))
        for secret in [Self.password, Self.accessKey, Self.url] { #expect(!output.stdout.contains(secret)) }
    }
}

/// Messages name files relative to the project root, never by where the machine keeps them.
@Suite("No absolute paths in messages")
struct MessagePathTests {
    @Test("a service named by its file, inside and outside the root, in every format", arguments: OutputFormat.allCases)
    func relativeNames(format: OutputFormat) throws {
        let outer = try TemporaryProject()
        try outer.write("shared/ecs-service-def.json", """
            {"desiredCount": 1, "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}}

            """)
        try outer.write("app/.git/HEAD", "")
        try outer.write("app/ecspresso.yml", """
            region: us-east-1
            cluster: prod
            service_definition: ../shared/ecs-service-def.json
            task_definition: ecs-task-def.json

            """)
        try outer.write("app/ecs-task-def.json", #"{"family": "app", "containerDefinitions": [{"name": "app", "image": "app:1.0"}]}"# + "\n")
        try outer.write("app/service.json", """
            {"desiredCount": 1, "taskDefinition": "app:1", "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}}

            """)
        let result = CLI.run(["lint", "--format", format.rawValue, "--show-source"], in: outer.path + "/app")
        #expect(result.code == .findings)
        #expect(result.stdout.contains("service-network-configuration") || result.stdout.contains("ECS405"))
        #expect(result.stdout.contains("service 'service.json' sets networkConfiguration"))
        #expect(result.stdout.contains("service '../shared/ecs-service-def.json' sets networkConfiguration"))
        #expect(!result.stdout.contains(outer.path), "\(format) shows an absolute path")
        #expect(!result.stderr.contains(outer.path))
    }
}
