import Foundation
import LinterCore
import Linter
@testable import LinterCLI
import Testing
import TestKit

/// The fixes applied by the real command line, on copies of the bundled examples and the test
/// fixtures, and the flags around them.
@Suite("Applying fixes")
struct FixApplicationTests {
    /// Every example project and fixture folder, each linted as a project of its own.
    static let projects: [String] = ["examples", "Tests/Fixtures"].flatMap { parent in
        ((try? FileManager.default.contentsOfDirectory(atPath: TestPaths.root + "/" + parent)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted().map { parent + "/" + $0 }
    }

    /// Every file under `directory`, relative to it, with its bytes.
    static func contents(of directory: String) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = directory + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            {
                files[relative] = Array(data)
            }
        }
        return files
    }

    /// The findings of a JSON report: id, path, message, and whether a fix came with it.
    static func findings(_ report: String) throws -> [(id: String, path: String, message: String, fixable: Bool)] {
        let root = try JSONParser().parse(Array(report.utf8))
        return (root["findings"]?.elements ?? []).map { finding in
            (finding["id"]?.string ?? "", finding["path"]?.string ?? "", finding["message"]?.string ?? "", finding["fix"] != nil)
        }
    }

    @Test("fixing every example and fixture twice: the second run changes nothing, every file still parses, and no finding without a fix goes away")
    func everyExampleAndFixtureTwice() throws {
        let arguments = ["--unsafe-fixes", "--report-unused-suppressions", "p"]
        var applied = 0
        for relative in Self.projects {
            let project = try TemporaryProject()
            try FileManager.default.copyItem(atPath: TestPaths.root + "/" + relative, toPath: project.path + "/p")
            let original = Self.contents(of: project.path + "/p")
            let before = try Self.findings(project.run(["--format", "json", "--report-unused-suppressions", "p"]).stdout)

            let first = project.run(arguments)
            #expect(first.code != .failure, "\(relative): \(first.stderr)")
            #expect(!first.stderr.contains("rolled back"), "\(relative): \(first.stderr)")
            let fixedOnce = Self.contents(of: project.path + "/p")
            applied += fixedOnce.filter { original[$0.key] != $0.value }.count

            let second = project.run(arguments)
            #expect(second.stderr.contains("fixed 0 findings"), "\(relative): \(second.stderr)")
            #expect(Self.contents(of: project.path + "/p") == fixedOnce, "\(relative): the second run changed files")

            for (path, bytes) in fixedOnce where path.hasSuffix(".json") || path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                let source = SourceFile(path: path, bytes: bytes)
                let analysis = FileAnalysis.analyze(source, limits: .default)
                #expect(analysis.parseError == nil, "\(relative)/\(path) no longer parses")
                #expect(analysis.documents.allSatisfy { $0.problems.isEmpty }, "\(relative)/\(path): \(analysis.documents.flatMap(\.problems).map(\.message))")
            }

            let after = try Self.findings(project.run(["--format", "json", "--report-unused-suppressions", "p"]).stdout)
            for finding in before where !finding.fixable {
                #expect(
                    after.contains { $0.id == finding.id && $0.path == finding.path && $0.message == finding.message },
                    "\(relative): a finding without a fix went away: \(finding.id) \(finding.path): \(finding.message)")
            }
            #expect(!after.contains { $0.fixable }, "\(relative): fixable findings remain: \(after.filter(\.fixable).map(\.message))")
        }
        #expect(applied >= 5, "the examples and fixtures should exercise the fixes (\(applied) files changed)")
    }

    // MARK: The command line

    static let task = """
        {
        \t"family": "web",
        \t"requiresCompatibilities": ["FARGATE"],
        \t"networkMode": "awsvpc",
        \t"cpu": "256",
        \t"memory": "4096",
        \t"executionRoleArn": "arn:aws:iam::123456789012:role/web",
        \t"containerDefinitions": [
        \t\t{
        \t\t\t"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27.3", "essential": true, "user": "101",
        \t\t\t"healthCheck": {"command": ["curl -f http://localhost/ || exit 1"]},
        \t\t\t"logConfiguration": {"logDriver": "AWSLOGS", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}
        \t\t}
        \t]
        }
        """

    @Test func fixWritesSafeFixesKeepsTheModeAndReportsWhatRemains() throws {
        let project = try TemporaryProject()
        try project.write("task.json", Self.task)
        chmod(project.path + "/task.json", 0o640)
        let result = project.run(["--fix", "task.json"])
        #expect(result.code == .findings)
        #expect(result.stderr.hasSuffix("ecslint: fixed 2 findings in 1 file; 2 findings remain\n"), "\(result.stderr)")
        let expected = Self.task
            .replacingOccurrences(of: "[\"curl -f", with: "[\"CMD-SHELL\", \"curl -f")
            .replacingOccurrences(of: "\"AWSLOGS\"", with: "\"awslogs\"")
        #expect(project.read("task.json") == expected)
        var status = stat()
        stat(project.path + "/task.json", &status)
        #expect(status.st_mode & 0o777 == 0o640)
        // The unsafe size fix is left for --unsafe-fixes.
        #expect(result.stdout.contains("[ECS307 fargate-invalid-size]"))
        let again = project.run(["--fix", "task.json"])
        #expect(again.stderr.hasSuffix("ecslint: fixed 0 findings; 2 findings remain\n"), "\(again.stderr)")
        #expect(project.read("task.json") == expected)

        let unsafe = project.run(["--fix", "--unsafe-fixes", "task.json"])
        #expect(unsafe.code == .clean, "\(unsafe.stdout)")
        #expect(project.read("task.json") == expected.replacingOccurrences(of: "\"cpu\": \"256\"", with: "\"cpu\": \"512\""))
    }

    @Test func diffPrintsAUnifiedDiffAndWritesNothing() throws {
        let project = try TemporaryProject()
        try project.write("task.json", Self.task)
        let result = project.run(["--diff", "task.json"])
        #expect(result.code == .findings)
        #expect(
            result.stdout == """
                --- a/task.json
                +++ b/task.json
                @@ -8,8 +8,8 @@
                 \t"containerDefinitions": [
                 \t\t{
                 \t\t\t"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27.3", "essential": true, "user": "101",
                -\t\t\t"healthCheck": {"command": ["curl -f http://localhost/ || exit 1"]},
                -\t\t\t"logConfiguration": {"logDriver": "AWSLOGS", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}
                +\t\t\t"healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]},
                +\t\t\t"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}
                 \t\t}
                 \t]
                 }
                \\ No newline at end of file

                """)
        #expect(result.stderr == "ecslint: would fix 2 findings in 1 file\n")
        #expect(project.read("task.json") == Self.task)
        let clean = project.run(["--diff", "--quiet", "task.json"])
        #expect(clean.code == .findings)
        try project.write("clean.json", #"{"family": "x", "containerDefinitions": [{"name": "a", "image": "a:1", "essential": true}]}"#)
        #expect(project.run(["--diff", "clean.json"]).code == .clean)
    }

    @Test func theDiffNeverShowsASecretNextToTheEdit() throws {
        let project = try TemporaryProject()
        let text = """
            {"family": "web", "containerDefinitions": [{"name": "web", "image": "web:1.0", "environment": [{"name": "DB_PASSWORD", "value": "hunter2-s3cret"}],
             "logConfiguration": {"logDriver": "AwsLogs"}}]}
            """
        try project.write("task.json", text)
        let result = project.run(["--diff", "task.json"])
        #expect(result.stdout.contains("+ \"logConfiguration\": {\"logDriver\": \"awslogs\"}}]}"))
        #expect(!result.stdout.contains("hunter2"), "\(result.stdout)")
        #expect(result.stdout.contains("\"value\": ********}"))
    }

    @Test func aFixThatBringsANewFindingIsRolledBack() throws {
        // Keeping release images ahead of rule 10 leaves rule 10, which selects only them, with
        // nothing to act on: lifecycle-rule-unreachable would fire, so the fix is taken back.
        let project = try TemporaryProject()
        let policy = """
            {"rules": [
              {"rulePriority": 10, "description": "keep ten releases", "selection": {"tagStatus": "tagged", "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 10}, "action": {"type": "expire"}}
            ]}
            """
        try project.write(".ecslint.json", #"{"stableTagPatterns": ["v[0-9]*"]}"#)
        try project.write("policy.json", policy)
        let result = project.run(["--fix", "--unsafe-fixes", "policy.json"])
        #expect(project.read("policy.json") == policy)
        #expect(
            result.stderr.contains(
                "policy.json:2:116: note: the fix 'Add a rule keeping 100 images tagged v* ahead of the others' [ECS204 stable-tag-not-protected] was rolled back: it brings a new finding at policy.json:"),
            "\(result.stderr)")
        #expect(result.stderr.contains("[ECS202 lifecycle-rule-unreachable]"))
        #expect(result.stderr.contains("ecslint: fixed 0 findings; 1 fix rolled back; 1 finding remains"))
    }

    @Test func fixesOfOneObjectApplyInRounds() throws {
        // Two rules insert into the same properties: the second waits for the next round, which
        // lints the changed text again.
        let project = try TemporaryProject()
        let template = "Resources:\r\n  Repository:\r\n    Type: AWS::ECR::Repository\r\n    Properties:\r\n      RepositoryName: web # the name\r\n"
        try project.write("template.yaml", template)
        let result = project.run(["--fix", "--unsafe-fixes", "template.yaml"])
        #expect(result.stderr.contains("fixed 2 findings in 1 file; 0 findings remain"), "\(result.stderr)")
        #expect(
            project.read("template.yaml")
                == template + "      ImageTagMutability: IMMUTABLE\r\n      ImageScanningConfiguration:\r\n        ScanOnPush: true\r\n")
    }

    @Test func fixingStopsAtItsLintLimitAndARunAgainGoesOn() throws {
        // The two fixes of the repository apply in two rounds (as above), each linting the fixed
        // text once: with a limit of one lint, the second waits for a run on the fixed text.
        let template = "Resources:\n  Repository:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: web\n"
        let engine = LintEngine(
            registry: TestLint.registryWithShippedRules, configuration: Configuration(rootDirectory: "."), workers: 1)
        let outcome = engine.lint(sources: [SourceFile(path: "template.yaml", text: template)])
        #expect(outcome.findings.filter { $0.fix != nil }.count == 2)

        let limited = FixRunner(engine: engine, safety: .unsafe, maxLints: 1).run(outcome)
        #expect(limited.stoppedAtLimit)
        #expect(limited.applied.map(\.ruleName) == ["repository-mutable-tags"])
        #expect(limited.rolledBack.isEmpty)
        #expect(
            FixStep.summary(limited, diffOnly: false)
                == "fixed 1 finding in 1 file; stopped after linting 1 fixed version of the text, with fixes still to try: run it again to try them")

        let again = FixRunner(engine: engine, safety: .unsafe, maxLints: 1).run(limited.outcome)
        #expect(!again.stoppedAtLimit)
        #expect(again.applied.map(\.ruleName) == ["ecr-scan-on-push-disabled"])
        #expect(
            again.changed["template.yaml"].map { String(decoding: $0.bytes, as: UTF8.self) }
                == template + "      ImageTagMutability: IMMUTABLE\n      ImageScanningConfiguration:\n        ScanOnPush: true\n")

        let unlimited = FixRunner(engine: engine, safety: .unsafe).run(outcome)
        #expect(!unlimited.stoppedAtLimit)
        #expect(unlimited.applied.count == 2)
    }

    @Test func aReadOnlyFileIsNotReplaced() throws {
        let project = try TemporaryProject()
        try project.write("task.json", Self.task)
        chmod(project.path + "/task.json", 0o444)
        let result = project.run(["--fix", "task.json"])
        #expect(result.code == .failure)
        #expect(result.stderr.contains("ecslint: cannot write task.json: it is read-only; no file was changed"), "\(result.stderr)")
        #expect(project.read("task.json") == Self.task)
    }

    @Test func fixesDoNotApplyToStandardInput() {
        let result = CLI.run(["--fix", "--stdin", "--stdin-filename", "task.json"], stdin: Self.task)
        #expect(result.code == .failure)
        #expect(result.stderr.contains("--fix, --unsafe-fixes and --diff change files; they do not apply to --stdin"))
    }

    @Test func namedFilesAreFixedAndTheirContextIsNot() throws {
        // A lifecycle policy fix reported in the named file, while the service next to it (read as
        // context) keeps its own fixable finding unchanged.
        let project = try TemporaryProject()
        let service = #"{"serviceName": "web", "taskDefinition": "web:1", "desiredCount": 1, "launchType": "fargate"}"#
        try project.write("service.json", service)
        try project.write("task.json", Self.task)
        _ = project.run(["--fix", "task.json"])
        #expect(project.read("service.json") == service)
        #expect(project.read("task.json") != Self.task)
    }
}
