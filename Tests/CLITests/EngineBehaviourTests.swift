import Foundation
import LinterCore
import Linter
import Rules
import Testing
import TestKit

private let latestTaskDefinition = """
    {
      "family": "web",
      "containerDefinitions": [
        {"name": "app", "image": "nginx:latest"}
      ]
    }

    """

private func findingLines(_ result: CLI.Result, rule: String) -> [String] {
    result.stdout.split(separator: "\n").map(String.init).filter { $0.contains("[\(rule) ") }
}

@Suite("Engine, configuration and CLI behaviour")
struct EngineBehaviourTests {
    // MARK: Suppressions

    @Test("YAML comment directives: next line, same line and whole file")
    func commentSuppressions() throws {
        let project = try TemporaryProject()
        try project.write(
            "template.yaml",
            """
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    # ecslint-disable-next-line ECS101 -- pinned by the deploy pipeline
                    - Image: nginx:latest
                      Name: a
                    - Image: nginx:latest  # ecslint-disable-line image-latest-tag
                      Name: b
                    - Image: nginx:latest
                      Name: c

            """)
        let result = project.run(["lint", "--quiet", "template.yaml"])
        #expect(findingLines(result, rule: "ECS101") == [
            "template.yaml:11:18: warning: container 'c' uses the mutable tag 'latest': tasks of one service can run different code and rollbacks are impossible; reference a version tag or pin the digest (@sha256:…) [ECS101 image-latest-tag]"
        ])
        try project.write(
            "template.yaml",
            "# ecslint-disable-file ECS101\n" + (project.read("template.yaml") ?? ""))
        #expect(findingLines(project.run(["lint", "--quiet", "template.yaml"]), rule: "ECS101").isEmpty)
    }

    @Test("CloudFormation Metadata ignores silence rules inside the resource only")
    func metadataSuppression() throws {
        let project = try TemporaryProject()
        try project.write(
            "template.yaml",
            """
            Resources:
              Quiet:
                Type: AWS::ECS::TaskDefinition
                Metadata:
                  ecslint:
                    ignore: [image-latest-tag]
                Properties:
                  ContainerDefinitions:
                    - {Name: a, Image: "nginx:latest"}
              Loud:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - {Name: b, Image: "nginx:latest"}

            """)
        let lines = findingLines(project.run(["lint", "--quiet", "template.yaml"]), rule: "ECS101")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("template.yaml:14:28:") == true)
    }

    @Test("config ignore entries silence rules by path glob")
    func configIgnore() throws {
        let project = try TemporaryProject()
        try project.write(".ecslint.json", #"{"ignore": [{"path": "legacy/**", "rules": ["ECS101"]}]}"#)
        try project.write("legacy/old/td.json", latestTaskDefinition)
        try project.write("current/td.json", latestTaskDefinition)
        let lines = findingLines(project.run(["lint", "--quiet", "."]), rule: "ECS101")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("current/td.json:4:30:") == true)
    }

    @Test("an unused suppression is reported with --report-unused-suppressions")
    func unusedSuppression() throws {
        let project = try TemporaryProject()
        try project.write(
            "template.yaml",
            """
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    # ecslint-disable-next-line ECS101
                    - Image: nginx:1.27.0
                      Name: a

            """)
        let quiet = project.run(["lint", "--quiet", "template.yaml"])
        #expect(findingLines(quiet, rule: "ECS002").isEmpty)
        let reported = project.run(["lint", "--quiet", "--report-unused-suppressions", "template.yaml"])
        #expect(findingLines(reported, rule: "ECS002") == [
            "template.yaml:6:9: warning: this comment suppression (ECS101) silences nothing; remove it [ECS002 unused-suppression]"
        ])
    }

    // MARK: Baseline

    @Test("a baseline hides known findings, and an unrelated edit does not bring them back")
    func baseline() throws {
        let project = try TemporaryProject()
        try project.write("td.json", latestTaskDefinition)
        let write = project.run(["lint", "--quiet", "--write-baseline", "baseline.json", "."])
        #expect(write.code == .clean)
        #expect(project.read("baseline.json")?.contains("\"fingerprints\"") == true)
        // Insert lines above the finding: positions move, fingerprints must not.
        try project.write("td.json", "\n\n" + latestTaskDefinition.replacingOccurrences(of: "\"family\": \"web\",", with: "\"family\": \"web\",\n  \"cpu\": \"256\","))
        let after = project.run(["lint", "--quiet", "--baseline", "baseline.json", "--format", "json", "."])
        #expect(!after.stdout.contains("ECS101"), "\(after.stdout)")
        // A new problem is still reported.
        try project.write("td2.json", latestTaskDefinition.replacingOccurrences(of: "\"web\"", with: "\"api\""))
        let new = project.run(["lint", "--quiet", "--baseline", "baseline.json", "--format", "json", "."])
        #expect(new.stdout.contains("\"path\": \"td2.json\""))
        #expect(!new.stdout.contains("\"path\": \"td.json\""))
        // Text reports show no fingerprints, so a plain text run skips them; a baseline needs
        // them and must still filter.
        let text = project.run(["lint", "--quiet", "--baseline", "baseline.json", "."])
        #expect(findingLines(text, rule: "ECS101").count == 1, "\(text.stdout)")
        #expect(text.stdout.contains("td2.json"))
        #expect(!text.stdout.contains("td.json:"))
        #expect(findingLines(project.run(["lint", "--quiet", "."]), rule: "ECS101").count == 2)
    }

    @Test("fingerprints are made only when the output shows them or a baseline needs them")
    func fingerprintsOnlyWhenShown() throws {
        let project = try TemporaryProject()
        try project.write("td.json", latestTaskDefinition)
        let json = project.run(["lint", "--quiet", "--format", "json", "."])
        #expect(json.stdout.contains("\"fingerprint\": \"") && !json.stdout.contains("\"fingerprint\": \"\""), "\(json.stdout)")
        let sarif = project.run(["lint", "--quiet", "--format", "sarif", "."])
        #expect(sarif.stdout.contains("\"ecslint/v1\": \"") && !sarif.stdout.contains("\"ecslint/v1\": \"\""))
        let gitlab = project.run(["lint", "--quiet", "--format", "gitlab", "."])
        #expect(gitlab.stdout.contains("\"fingerprint\": \"") && !gitlab.stdout.contains("\"fingerprint\": \"\""))
        #expect(OutputFormat.allCases.filter(\.showsFingerprints) == [.json, .sarif, .gitlab])

        let source = SourceFile(path: "/p/td.json", text: latestTaskDefinition)
        var engine = LintEngine(registry: TestLint.registry, configuration: Configuration(rootDirectory: "/p"), workers: 1)
        let shown = engine.lint(sources: [source])
        engine.computesFingerprints = false
        let skipped = engine.lint(sources: [source])
        #expect(!shown.findings.isEmpty && shown.findings.allSatisfy { $0.fingerprintHash != nil })
        #expect(skipped.findings.allSatisfy { $0.fingerprintHash == nil } && skipped.allFingerprintHashes.isEmpty)
        #expect(skipped.findings.map { [$0.ruleId, $0.message, "\($0.range)"] } == shown.findings.map { [$0.ruleId, $0.message, "\($0.range)"] })
    }

    // MARK: Configuration errors

    @Test("an unknown config key is an error with its position and a suggestion, exit 2")
    func configError() throws {
        let project = try TemporaryProject()
        try project.write(".ecslint.json", "{\n  \"failOn\": \"error\",\n  \"rulez\": {}\n}\n")
        try project.write("td.json", latestTaskDefinition)
        let result = project.run(["lint", "."])
        #expect(result.code == .failure)
        #expect(result.stderr == ".ecslint.json:3:3: error: unknown key 'rulez' (did you mean 'rules'?)\n")
    }

    @Test("an unknown rule id or option in the config is an error with a suggestion")
    func unknownRule() throws {
        let project = try TemporaryProject()
        try project.write(".ecslint.json", "{\"rules\": {\"image-latest-tags\": \"off\"}}")
        let result = project.run(["lint", "."])
        #expect(result.code == .failure)
        #expect(result.stderr == ".ecslint.json:1:12: error: unknown rule 'image-latest-tags' (did you mean 'image-latest-tag'?)\n")
        try project.write(".ecslint.json", "{\"rules\": {\"ECS103\": {\"options\": {\"safeCont\": 5}}}}")
        let option = project.run(["lint", "."])
        #expect(option.code == .failure)
        #expect(option.stderr.contains("has no option 'safeCont' (did you mean 'safeCount'?)"))
    }

    @Test("the shipped example config and JSON Schema cover every key the loader knows")
    func configDocumentation() throws {
        let example = try String(contentsOfFile: TestPaths.root + "/.ecslint.example.json", encoding: .utf8)
        let schema = try String(contentsOfFile: TestPaths.root + "/schemas/ecslint-config.schema.json", encoding: .utf8)
        let keys = Array(ConfigurationLoader.topLevelKeys.keys) + ConfigurationLoader.repositoryKeys
            + ConfigurationLoader.ruleSettingKeys + ConfigurationLoader.ignoreKeys + ConfigurationLoader.limitKeys
        for key in keys {
            #expect(example.contains("\"\(key)\""), "\(key) is missing from .ecslint.example.json")
            #expect(schema.contains("\"\(key)\""), "\(key) is missing from the config schema")
        }
        // The example must load, and its rule keys must exist.
        var configuration = try ConfigurationLoader().parse(SourceFile(path: ".ecslint.example.json", text: example), rootDirectory: "/")
        configuration.rulesDirectories = []
        #expect(LintEngine(registry: TestLint.registryWithShippedRules, configuration: configuration).unknownRuleKeys().isEmpty)
    }

    // MARK: Exit codes

    @Test("exit codes: 0 clean, 1 findings at or above failOn, 2 usage and path errors")
    func exitCodes() throws {
        let project = try TemporaryProject()
        try project.write("td.json", latestTaskDefinition)
        #expect(project.run(["lint", "--quiet", "td.json"]).code == .findings)
        #expect(project.run(["lint", "--quiet", "--fail-on", "error", "--", "td.json"]).code == .clean)
        try project.write(".ecslint.json", #"{"rules": {"ECS101": "note", "ECS301": "off", "ECS305": "off", "ECS601": "off", "ECS602": "off"}}"#)
        #expect(project.run(["lint", "--quiet", "td.json"]).code == .clean)
        #expect(project.run(["lint", "--quiet", "--fail-on", "note", "td.json"]).code == .findings)
        let missing = project.run(["lint", "nope.json"])
        #expect(missing.code == .failure)
        #expect(missing.stderr == "ecslint: nope.json: no such file or directory\n")
        let usage = project.run(["lint", "--formt", "json"])
        #expect(usage.code == .failure)
        #expect(usage.stderr.hasPrefix("ecslint: unknown option '--formt' (did you mean '--format'?)"))
        #expect(project.run(["--version"]).stdout == "ecslint \(ECSLintVersion.current)\n")
        for command in ["lint", "rules", "explain", "init", "generate-docs", "test-rules", "dump", "lsp"] {
            let help = project.run([command, "--help"])
            #expect(help.code == .clean, "\(command) --help")
            #expect(help.stdout.contains("Usage: ecslint"), "\(command) --help")
        }
    }

    // MARK: stdin and explicit files

    @Test("--stdin lints a buffer as the named file, with the project as context")
    func stdin() throws {
        let project = try TemporaryProject()
        let result = project.run(
            ["lint", "--stdin", "--stdin-filename", "deploy/td.json", "--format", "json", "--quiet"], stdin: latestTaskDefinition)
        #expect(result.code == .findings)
        #expect(result.stdout.contains("\"path\": \"deploy/td.json\""))
        #expect(result.stdout.contains("\"line\": 4,\n      \"column\": 30,"))
        #expect(project.run(["lint", "--stdin"]).code == .failure)
    }

    @Test("--stdin with project context: the buffer parsed ahead, on another thread, gives the same findings")
    func stdinAnalysedAhead() throws {
        let project = try TemporaryProject()
        try project.write(
            "ecr/policy.json",
            #"{"repositoryName": "shared", "lifecyclePolicyText": "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":10},\"action\":{\"type\":\"expire\"}}]}"}"#)
        let buffer = """
            {"family": "billing", "containerDefinitions": [
              {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shared:billing-7"}]}

            """
        let engine = LintEngine(registry: TestLint.registry, configuration: Configuration(rootDirectory: project.path))
        let source = SourceFile(path: project.path + "/services/td.json", text: buffer)
        let direct = engine.lint(buffer: source, workingDirectory: project.path)
        let ahead = engine.lint(
            buffer: source, analysis: FileAnalysis.analyze(source, limits: engine.configuration.limits, workers: 2),
            workingDirectory: project.path)
        #expect(direct.findings.contains { $0.ruleName == "image-expirable" && $0.path == "services/td.json" })
        #expect(ahead.findings == direct.findings)
        #expect(ahead.fileCount == direct.fileCount)
        // Through the CLI, on one thread and on two.
        for jobs in ["1", "2"] {
            let result = project.run(["lint", "--quiet", "-j", jobs, "--stdin", "--stdin-filename", "services/td.json"], stdin: buffer)
            #expect(result.code == .findings)
            #expect(result.stdout.contains("services/td.json:2:28: error:"), "\(result.stdout)")
        }
    }

    @Test("--stdin is bounded by limits.maxFileSize: a larger input is refused, not read whole")
    func stdinSizeLimit() throws {
        let project = try TemporaryProject()
        let limit = latestTaskDefinition.utf8.count
        try project.write(".ecslint.json", #"{"limits": {"maxFileSize": \#(limit)}}"#)
        let arguments = ["lint", "--stdin", "--stdin-filename", "td.json", "--format", "json", "--quiet"]
        #expect(project.run(arguments, stdin: latestTaskDefinition).code == .findings)
        let oversized = project.run(arguments, stdin: latestTaskDefinition + " ")
        #expect(oversized.code == .failure)
        #expect(oversized.stdout == "")
        #expect(
            oversized.stderr
                == "ecslint: td.json: standard input is larger than the limit of \(limit) bytes (limits.maxFileSize); nothing was linted\n")
    }

    @Test("explicit files: a changed policy still yields the finding on the unchanged task definition")
    func explicitFiles() throws {
        let project = try TemporaryProject()
        try project.write(
            "services/billing/td.json",
            """
            {"family": "billing", "containerDefinitions": [
              {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shared:billing-7"}]}

            """)
        try project.write(
            "ecr/policy.json",
            #"{"repositoryName": "shared", "lifecyclePolicyText": "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":10},\"action\":{\"type\":\"expire\"}}]}"}"#)
        try project.write("unrelated/td.json", latestTaskDefinition)
        let result = project.run(["lint", "--quiet", "ecr/policy.json"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("services/billing/td.json:2:28: error:") && $0.hasSuffix("[ECS103 image-expirable]") })
        #expect(lines.contains { $0.hasPrefix("  ecr/policy.json:1:") })
        // Findings that touch only other files are not reported.
        #expect(!result.stdout.contains("unrelated/td.json"))
    }

    // MARK: Repository mapping

    @Test("the config's repositories mapping ties a standalone policy and a mutability to a repository name")
    func repositoryMapping() throws {
        let project = try TemporaryProject()
        try project.write(
            ".ecslint.json",
            #"{"repositories": {"team/api": {"lifecyclePolicy": "ecr/api-policy.json", "tagMutability": "MUTABLE"}}}"#)
        try project.write(
            "ecr/api-policy.json",
            #"{"rules": [{"rulePriority": 1, "description": "untagged", "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 3}, "action": {"type": "expire"}}]}"#)
        try project.write(
            "td.json",
            #"{"family": "api", "containerDefinitions": [{"name": "api", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:main"}]}"#)
        let result = project.run(["lint", "--quiet", "--format", "json", "td.json"])
        #expect(result.stdout.contains("\"id\": \"ECS104\""), "\(result.stdout)")
        #expect(result.stdout.contains("\"path\": \"ecr/api-policy.json\""))
        // Known mutable (from the config), so the finding is an error, not the "unknown" warning.
        #expect(result.stdout.contains("\"severity\": \"error\",\n      \"path\": \"td.json\""))
    }

    // MARK: Determinism

    @Test("output is byte-identical with 1 and with 2 workers")
    func workers() {
        for format in ["json", "sarif", "text"] {
            let one = CLI.run(["lint", "--quiet", "--jobs", "1", "--format", format, "examples", "Tests/Fixtures"])
            let two = CLI.run(["lint", "--quiet", "--jobs", "2", "--format", format, "examples", "Tests/Fixtures"])
            #expect(one.stdout == two.stdout, "format \(format)")
            #expect(!one.stdout.isEmpty || format == "text")
        }
    }

    @Test("init writes a starter config and refuses to overwrite it")
    func initCommand() throws {
        let project = try TemporaryProject()
        #expect(project.run(["init"]).code == .clean)
        let written = project.read(".ecslint.json") ?? ""
        #expect(written.contains("\"stableTagPatterns\"") && written.contains("\"$schema\""))
        let again = project.run(["init"])
        #expect(again.code == .failure)
        #expect(again.stderr.contains("already exists"))
        #expect(project.run(["lint", "--quiet", "."]).code == .clean)
    }
}

@Suite("Files that are not ecslint's business")
struct ForeignFileTests {
    @Test("JSON with comments and Helm templates that name no ECS shape are skipped silently; broken ECS files are not")
    func foreignDialects() throws {
        let project = try TemporaryProject()
        try project.write("tsconfig.json", "{\n  // compiler options\n  \"compilerOptions\": {\"strict\": true, /* trailing */ }\n}\n")
        try project.write("chart/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels: {{- include \"labels\" . | nindent 4 }}\n")
        try project.write("package.json", "{\"name\": \"app\", \"private\": true}\n")
        try project.write("deploy/td.json", "{\"family\": \"web\", // broken\n \"containerDefinitions\": []}\n")
        let result = project.run(["lint", "--quiet", "--format", "json", "tsconfig.json", "chart/templates/deployment.yaml", "package.json", "deploy/td.json"])
        #expect(result.code == .findings)
        #expect(!result.stdout.contains("tsconfig.json"))
        #expect(!result.stdout.contains("deployment.yaml"))
        #expect(!result.stdout.contains("package.json"))
        #expect(result.stdout.contains("\"path\": \"deploy/td.json\""))
        #expect(result.stdout.contains("\"id\": \"ECS000\""))
    }
}
