import Foundation
import LinterCore
import Linter
import LinterCLI
import Rules
import Testing
import TestKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension TemporaryProject {
    /// `ecslint ARGS` with these built-in rules and no declarative ones.
    fileprivate func lint(_ arguments: [String], rules: [any Rule] = BuiltinRules.all) -> (code: ExitCode, out: String, err: String) {
        run(arguments, context: CommandContext(builtinRules: rules)).parts
    }

    /// Every entry below the tree (symbolic links not followed) with its size and modification time.
    fileprivate func snapshot() -> [String: String] {
        var result: [String: String] = [:]
        let manager = FileManager.default
        guard let names = manager.subpaths(atPath: path) else { return result }
        for name in names {
            let attributes = (try? manager.attributesOfItem(atPath: path + "/" + name)) ?? [:]
            result[name] = "\(attributes[.size] ?? "-") \(attributes[.modificationDate] ?? "-")"
        }
        return result
    }
}

private struct JSONFinding {
    var id: String
    var path: String
    var line: Int
    var message: String
}

private func findings(_ json: String) throws -> [JSONFinding] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let list = try #require(object["findings"] as? [[String: Any]])
    return list.map {
        JSONFinding(
            id: $0["id"] as? String ?? "", path: $0["path"] as? String ?? "", line: $0["line"] as? Int ?? 0,
            message: $0["message"] as? String ?? "")
    }
}

private struct CrashingRule: Rule {
    var metadata: RuleMetadata {
        RuleMetadata(
            id: "TST950", name: "always-throws", summary: "Throws.", rationale: "Test.", defaultSeverity: .warning,
            category: .engine)
    }

    func check(_ context: RuleContext) throws -> [Violation] {
        throw RuleFailure("unexpected shape", at: context.project.taskDefinitions.first.map { $0.family.location })
    }
}

private let goodTaskDefinition = """
    {
      "family": "web",
      "containerDefinitions": [
        {"name": "app", "image": "nginx:latest", "essential": true}
      ]
    }

    """

@Suite("Hostile input: the CLI over a hostile tree")
struct HostileCLITests {
    /// One tree holding every hostile case at once next to a real task definition.
    @Test func everyHostileFileAtOnceStillReportsTheRealFinding() throws {
        let outside = try TemporaryProject(git: false)
        try outside.write("elsewhere.json", goodTaskDefinition)
        let tree = try TemporaryProject(git: false)
        try tree.write(
            ".ecslint.json",
            #"{"limits": {"maxFileSize": 4096, "maxDocuments": 5, "maxStringLength": 1000}}"#)
        try tree.write("task.json", goodTaskDefinition)
        try tree.write("deep.json", String(repeating: "[", count: 2_000))
        try tree.write("deep.yaml", String(repeating: "- ", count: 600) + "x\n")
        var laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            laughs += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        try tree.write("laughs.yaml", laughs)
        try tree.write("huge.json", "{\"pad\": \"" + String(repeating: "x", count: 5000) + "\"}")
        try tree.write("docs.yaml", String(repeating: "---\na: 1\n", count: 6))
        try tree.write("long.yaml", "a: " + String(repeating: "y", count: 1001) + "\n")
        try tree.write("binary.json", [0x7B, 0x00, 0x01, 0x02, 0x7D])
        let utf16 = #"{"family": "x"}"#
        try tree.write("utf16.json", [0xFF, 0xFE] + utf16.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try tree.write("badutf8.yaml", Array("family: web\nimage: ".utf8) + [0xC0, 0xAF] + [0x0A])
        try tree.write("empty.json", "")
        try tree.write("empty.yaml", "")
        try tree.write("comments.yaml", "# nothing but comments\n# here\n")
        try tree.link("loop", to: ".")
        try tree.link("outside", to: outside.path)
        try tree.link("escape.json", to: outside.path + "/elsewhere.json")
        try tree.write("locked.json", goodTaskDefinition)
        chmod(tree.path + "/locked.json", 0)
        let lockedIsUnreadable = access(tree.path + "/locked.json", R_OK) != 0
        let before = tree.snapshot()

        let (code, out, err) = tree.lint(["lint", "--format", "json", tree.path])
        #expect(err.isEmpty, "\(err)")
        #expect(code == .findings)
        let all = try findings(out)
        func only(_ path: String) -> [JSONFinding] { all.filter { $0.path == path } }

        #expect(only("task.json").contains { $0.id == "ECS101" }, "the real finding survives its hostile neighbours")
        #expect(!all.contains { $0.id == "ECS001" }, "no rule failed: \(all.filter { $0.id == "ECS001" }.map(\.message))")
        #expect(only("deep.json").map(\.id) == ["ECS000"])
        #expect(only("deep.json").first?.message == "nesting is deeper than the limit of 512 levels")
        #expect(only("deep.yaml").first?.message.contains("limit of 512 levels") == true)
        #expect(only("laughs.yaml").first?.message.contains("alias expansion exceeds the limit") == true)
        #expect(only("huge.json").map(\.id) == ["ECS003"])
        #expect(only("huge.json").first?.message.contains("larger than the limit of 4096 bytes") == true)
        #expect(only("docs.yaml").first?.message.contains("limit of 5 documents") == true)
        #expect(only("long.yaml").first?.message.contains("limit of 1000 bytes") == true)
        #expect(only("binary.json").map(\.id) == ["ECS003"])
        #expect(only("binary.json").first?.message.contains("binary") == true)
        #expect(only("utf16.json").first?.message == "unsupported encoding: UTF-16 (save the file as UTF-8)")
        let badUTF8 = try #require(only("badutf8.yaml").first)
        #expect(badUTF8.id == "ECS000")
        #expect(badUTF8.message.contains("invalid UTF-8"))
        #expect(badUTF8.message.contains("byte offset 19"))
        #expect(badUTF8.line == 2)
        #expect(only("empty.json").isEmpty)
        #expect(only("empty.yaml").isEmpty)
        #expect(only("comments.yaml").isEmpty)
        #expect(only("loop").map(\.message) == ["symbolic link loop, not followed"])
        #expect(only("outside").map(\.message) == ["symbolic link to a directory outside the linted tree, not followed"])
        #expect(only("escape.json").map(\.message) == ["symbolic link to a file outside the linted tree, not followed"])
        #expect(!all.contains { $0.path.contains("elsewhere") })
        if lockedIsUnreadable {
            #expect(only("locked.json").map(\.id) == ["ECS003"])
            #expect(only("locked.json").first?.message.contains("permission denied") == true)
        } else {
            #expect(only("locked.json").contains { $0.id == "ECS101" }, "as root the file is readable and linted")
        }
        #expect(tree.snapshot() == before, "linting never writes into the linted tree")

        // The text report makes the skipped paths visible too.
        let text = tree.lint(["lint", "--no-color", tree.path])
        #expect(text.code == .findings)
        #expect(text.out.contains("symbolic link loop, not followed"))
        #expect(text.out.contains("ECS003"))
    }

    /// Templates and intrinsics are data: nothing reads the environment, SSM or files to fill
    /// them in, so a secret in the environment never reaches a report.
    @Test func templatesAndIntrinsicsAreNeverEvaluated() throws {
        let secret = "s3cr3t-\(UUID().uuidString)"
        setenv("ECSLINT_HOSTILE_SECRET", secret, 1)
        defer { unsetenv("ECSLINT_HOSTILE_SECRET") }
        let tree = try TemporaryProject(git: false)
        try tree.write(
            "ecs-task-def.json",
            #"{"family": "web", "containerDefinitions": [{"name": "app", "essential": true, "image": "{{ must_env `ECSLINT_HOSTILE_SECRET` }}", "environment": [{"name": "TOKEN", "value": "{{ env `ECSLINT_HOSTILE_SECRET` }}"}]}]}"#)
        try tree.write(
            "template.yaml",
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: !Sub "${ECSLINT_HOSTILE_SECRET}:latest"
                      Environment:
                        - Name: PASSWORD
                          Value: "{{resolve:secretsmanager:ECSLINT_HOSTILE_SECRET}}"
                        - Name: SHELL_OUT
                          Value: "$(printenv ECSLINT_HOSTILE_SECRET)"

            """)
        for format in ["text", "json", "sarif", "github", "gitlab"] {
            let (code, out, err) = tree.lint(["lint", "--format", format, "--show-source", "."])
            #expect(code != .failure, "\(format): \(err)")
            #expect(!out.contains(secret) && !err.contains(secret), "\(format) output holds the environment's secret")
        }
    }

    @Test func aMissingPathExitsWithTwoAndAMessage() throws {
        let tree = try TemporaryProject(git: false)
        try tree.write("task.json", goodTaskDefinition)
        let (code, out, err) = tree.lint(["lint", "--format", "json", "task.json", "does-not-exist.yaml"])
        #expect(code == .failure)
        #expect(out.isEmpty)
        #expect(err.contains("does-not-exist.yaml: no such file or directory"))
    }

    @Test func aFailingRuleIsReportedWithoutStoppingTheRun() throws {
        let tree = try TemporaryProject(git: false)
        try tree.write("task.json", goodTaskDefinition)
        let (code, out, err) = tree.lint(["lint", "--format", "json", "."], rules: BuiltinRules.all + [CrashingRule()])
        #expect(code == .findings, "exit code 2 is kept for runs that cannot continue")
        #expect(err.isEmpty)
        let all = try findings(out)
        let failure = try #require(all.first { $0.id == "ECS001" })
        #expect(failure.message == "rule TST950 (always-throws) failed and was skipped for this run: unexpected shape")
        #expect(failure.path == "task.json")
        #expect(all.contains { $0.id == "ECS101" && $0.path == "task.json" })
    }

    @Test func writesHappenOnlyWhereAskedAndInitNeverClobbers() throws {
        let tree = try TemporaryProject(git: false)
        try tree.write("task.json", goodTaskDefinition)

        #expect(tree.lint(["init"]).code == .clean)
        let config = try String(contentsOfFile: tree.path + "/.ecslint.json", encoding: .utf8)
        try tree.write(".ecslint.json", config + " ")
        let again = tree.lint(["init"])
        #expect(again.code == .failure)
        #expect(again.err.contains("already exists; refusing to overwrite it"))
        #expect(try String(contentsOfFile: tree.path + "/.ecslint.json", encoding: .utf8) == config + " ")

        let before = tree.snapshot()
        #expect(tree.lint(["lint", "--format", "sarif", "."]).code == .findings)
        #expect(tree.snapshot() == before)

        let written = tree.lint(["lint", "--format", "json", "--output", "report.json", "--write-baseline", "baseline.txt", "."])
        #expect(written.out.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: tree.path).sorted()
        #expect(names == [".ecslint.json", "baseline.txt", "report.json", "task.json"], "no temporary file is left behind")
        #expect(try findings(String(contentsOfFile: tree.path + "/report.json", encoding: .utf8)).contains { $0.id == "ECS101" })
    }
}
