import Foundation
import LinterCore
import Linter
import LinterCLI
import Rules
import Testing
import TestKit

private let orgRules = """
    version: 1
    rules:
      - id: ORG-001
        name: require-awslogs
        summary: Containers must ship logs with the awslogs driver.
        rationale: Central log retention is required by policy.
        severity: error
        tags: [observability]
        target: container
        when: {path: essential, op: notEquals, value: false}
        assert: {path: logConfiguration.logDriver, op: equals, value: awslogs}
        message: "container '{container.name}' uses log driver {value}, expected awslogs"
        examples:
          invalid:
            - file: taskdef.json
              source: '{"family": "a", "containerDefinitions": [{"name": "web", "logConfiguration": {"logDriver": ↓"splunk"}}]}'
          valid:
            - file: taskdef.json
              source: '{"family": "a", "containerDefinitions": [{"name": "web", "logConfiguration": {"logDriver": "awslogs"}}]}'

    """

private let cloudFormationFixture = """
    Resources:
      TaskDefinition:
        Type: AWS::ECS::TaskDefinition
        Properties:
          Family: web
          ContainerDefinitions:
            - Name: app
              Image: nginx:1.27.0
              ReadonlyRootFilesystem: true
              User: "1000"
              LogConfiguration:
                LogDriver: splunk
            - Name: sidecar
              Image: nginx:1.27.0
              Essential: false
              ReadonlyRootFilesystem: true
              User: "1000"
            - Name: templated
              Image: nginx:1.27.0
              ReadonlyRootFilesystem: true
              User: "1000"
              LogConfiguration:
                LogDriver: !Ref LogDriver

    """

private let apiFixture = """
    {
      "family": "web",
      "containerDefinitions": [
        {"name": "app", "image": "nginx:1.27.0", "readonlyRootFilesystem": true, "user": "1000",
         "logConfiguration": {"logDriver": "splunk"}},
        {"name": "worker", "image": "nginx:1.27.0", "readonlyRootFilesystem": true, "user": "1000"}
      ]
    }

    """

@Suite("Declarative rules end to end")
struct DeclarativeEndToEndTests {
    @Test("a rules directory from the configuration lints CloudFormation YAML and API JSON alike")
    func userRulesDirectory() throws {
        let workspace = try TemporaryProject(git: false)
        try workspace.write(".ecslint.json", #"{"rulesDirectories": ["org-rules"]}"#)
        try workspace.write("org-rules/org.yaml", orgRules)
        try workspace.write("template.yaml", cloudFormationFixture)
        try workspace.write("taskdef.json", apiFixture)
        let (code, out, err) = workspace.run(["lint", "--quiet", "."]).parts
        #expect(code == .findings, "\(err)")
        let lines = out.split(separator: "\n").map(String.init).filter { $0.contains("ORG-001") }
        #expect(
            lines == [
                "taskdef.json:5:40: error: container 'app' uses log driver splunk, expected awslogs [ORG-001 require-awslogs]",
                "taskdef.json:6:5: error: container 'worker' uses log driver (absent), expected awslogs [ORG-001 require-awslogs]",
                "template.yaml:12:24: error: container 'app' uses log driver splunk, expected awslogs [ORG-001 require-awslogs]",
            ])
        // The shipped rules run in the same pass.
        #expect(out.contains("[ECS101 image-latest-tag]") == false)
        #expect(!out.contains("ECS601"))

        let (offCode, offOut, _) = try {
            try workspace.write(".ecslint.json", #"{"rulesDirectories": ["org-rules"], "rules": {"require-awslogs": "off"}}"#)
            return workspace.run(["lint", "--quiet", "."]).parts
        }()
        #expect(offCode != .failure, "other built-in rules may still report; only ORG-001 must be gone")
        #expect(!offOut.contains("ORG-001"))
    }

    @Test("a user rule that reuses a built-in id is an error at its id (exit 2)")
    func collisionWithBuiltin() throws {
        let workspace = try TemporaryProject(git: false)
        try workspace.write(".ecslint.json", #"{"rulesDirectories": ["org-rules"]}"#)
        try workspace.write("org-rules/org.yaml", orgRules.replacingOccurrences(of: "id: ORG-001", with: "id: ECS101"))
        try workspace.write("taskdef.json", apiFixture)
        let (code, out, err) = workspace.run(["lint", "."]).parts
        #expect(code == .failure)
        #expect(out.isEmpty)
        #expect(
            err == "\(workspace.path)/org-rules/org.yaml:3:9: error: duplicate rule id 'ECS101': already used by rule ECS101 (image-latest-tag)\n")
    }

    @Test("a broken rule file never crashes: positioned errors and exit 2")
    func brokenRuleFile() throws {
        let workspace = try TemporaryProject(git: false)
        try workspace.write(".ecslint.json", #"{"rulesDirectories": ["org-rules"]}"#)
        try workspace.write(
            "org-rules/org.json", #"{"version": 1, "rules": [{"id": "ORG-1", "name": "x", "summary": "S.", "severity": "warning", "target": "container", "assert": {"path": "user", "op": "exist"}, "message": "m"}]}"#)
        let (code, _, err) = workspace.run(["lint", "."]).parts
        #expect(code == .failure)
        #expect(
            err == "\(workspace.path)/org-rules/org.json:1:151: error: unknown operator 'exist' (did you mean 'exists'?)\n")
        let (testCode, _, testErr) = workspace.run(["test-rules", "org-rules"]).parts
        #expect(testCode == .failure)
        #expect(testErr.contains("org.json:1:151: error: unknown operator 'exist'"))
    }

    @Test("the shipped rules.d passes test-rules")
    func shippedRulesPass() throws {
        #expect(ShippedRules.files(environment: [:]).count == 3)
        let workspace = try TemporaryProject(git: false)
        let (code, out, err) = workspace.run(["test-rules"]).parts
        #expect(code == .clean, "\(out)\(err)")
        let summary = try #require(out.split(separator: "\n").last)
        #expect(summary.hasSuffix(" passed, 0 failed"))
        #expect((Int(summary.split(separator: " ")[0]) ?? 0) >= 16)
    }

    @Test("the shipped rules: ids, names, default state and examples")
    func shippedRules() throws {
        guard case .success(let rules) = RuleDirectoryLoader.loadRules(
            ShippedRules.files(environment: [:]), existing: BuiltinRules.all.map(\.metadata))
        else {
            Issue.record("the shipped rules.d does not load")
            return
        }
        let state = Dictionary(uniqueKeysWithValues: rules.map {
            ($0.metadata.id, "\($0.metadata.name) \($0.metadata.defaultSeverity.rawValue) \($0.metadata.defaultState)")
        })
        // ECS602 moved to Swift (its severity depends on the container); the stricter rules are
        // in the opt-in hardening preset.
        #expect(
            state == [
                "ECS601": "container-readonly-root-filesystem warning hardening",
                "ECS603": "container-privileged error on",
                "ECS604": "task-host-network-mode warning on",
                "ECS605": "container-log-driver-allowed warning hardening",
                "ECS606": "image-registry-allowed warning hardening",
                "ECS607": "ecr-scan-on-push-disabled note on",
                "ECS608": "task-pid-mode-host warning on",
            ])
        for rule in rules {
            #expect(rule.metadata.examples.contains { $0.kind == .valid }, "\(rule.metadata.id)")
            #expect(rule.metadata.examples.contains { $0.kind == .invalid }, "\(rule.metadata.id)")
            #expect(rule.metadata.summary.hasSuffix("."), "\(rule.metadata.id)")
        }
    }

    @Test("test-rules reports each failing example and exits 1")
    func failingExamples() throws {
        let workspace = try TemporaryProject(git: false)
        let broken = orgRules.replacingOccurrences(
            of: #"{"logDriver": "awslogs"}"#, with: #"{"logDriver": "splunk"}"#)
        try workspace.write("org-rules/org.yaml", broken)
        let (code, out, _) = workspace.run(["test-rules", "org-rules"]).parts
        #expect(code == .findings)
        #expect(
            out == """
                \(workspace.path)/org-rules/org.yaml:18:11: ORG-001 valid example #1: expected no finding, got 1: taskdef.json:1:92: container 'web' uses log driver splunk, expected awslogs
                1 passed, 1 failed

                """)
        // Invalid examples without markers only need one finding.
        let unmarked = orgRules.replacingOccurrences(of: "↓", with: "")
        try workspace.write("org-rules/org.yaml", unmarked)
        let (unmarkedCode, unmarkedOut, _) = workspace.run(["test-rules", "org-rules"]).parts
        #expect(unmarkedCode == .clean)
        #expect(unmarkedOut == "2 passed, 0 failed\n")
    }

    @Test("SARIF output lists declarative rules in rules[]")
    func sarif() throws {
        let workspace = try TemporaryProject(git: false)
        try workspace.write(".ecslint.json", #"{"rulesDirectories": ["org-rules"]}"#)
        try workspace.write("org-rules/org.yaml", orgRules)
        try workspace.write("taskdef.json", apiFixture)
        let (_, out, err) = workspace.run(["lint", "--format", "sarif", "--quiet", "."]).parts
        let data = Data(out.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(err)")
        let runs = try #require(object["runs"] as? [[String: Any]])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        for id in ["ORG-001", "ECS601", "ECS602", "ECS603", "ECS604", "ECS605", "ECS606", "ECS607", "ECS608"] {
            #expect(ids.contains(id), "\(id) missing from rules[]")
        }
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.contains { $0["ruleId"] as? String == "ORG-001" })

        // Schema validation when the shared schema and python jsonschema are available.
        let schema = Shared.path("schemas/sarif-2.1.0.json")
        guard Shared.exists("schemas/sarif-2.1.0.json") else { return }
        try workspace.write("report.sarif", out)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import json,sys\ntry:\n import jsonschema\nexcept ImportError:\n sys.exit(3)\njsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))",
            schema, workspace.path + "/report.sarif",
        ]
        do { try process.run() } catch { return }
        process.waitUntilExit()
        guard process.terminationStatus != 3 else { return }
        #expect(process.terminationStatus == 0, "SARIF output does not validate against \(schema)")
    }

    @Test("rules.d/README.md documents every target, path and operator")
    func readme() throws {
        let directory = TestPaths.root + "/rules.d"
        let readme = try String(contentsOfFile: directory + "/README.md", encoding: .utf8)
        for target in DeclarativeTarget.allCases {
            #expect(readme.contains("### `\(target.rawValue)`"), "\(target.rawValue)")
            for path in target.knownPaths {
                #expect(readme.contains("`\(path)`"), "\(target.rawValue) \(path)")
            }
        }
        for op in ["exists", "absent", "equals", "notEquals", "in", "notIn", "matches", "notMatches", "lessThan", "atMost", "greaterThan", "atLeast", "length", "all", "any", "not"] {
            #expect(readme.contains("`\(op)`"), "\(op)")
        }
        #expect(FileManager.default.fileExists(atPath: directory + "/rule-file.schema.json"))
    }
}
