import Foundation
import LinterCore
import Linter
import LinterCLI
import Testing

@testable import Rules
import TestKit

@Suite("Shipped rules compiled into the executable")
struct ShippedRuleFilesTests {
    /// The generated source must hold rules.d as it is: a stale copy would ship old rules.
    @Test("the compiled-in files are rules.d's files, byte for byte (else run Scripts/generate-shipped-rules)")
    func compiledFilesMatchRulesD() throws {
        let directory = TestPaths.root + "/rules.d"
        let onDisk = try #require(RuleDirectoryLoader.ruleFiles(in: directory))
        let compiled = ShippedRules.compiledFiles
        #expect(compiled.map(\.path) == onDisk.map { "rules.d/" + ($0.split(separator: "/").last.map(String.init) ?? $0) })
        for (file, path) in zip(compiled, onDisk) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(file.text == text, "\(file.path) differs from \(path); run Scripts/generate-shipped-rules")
        }
    }

    @Test("ECSLINT_RULES_D replaces the compiled-in files; empty, it ships no declarative rules")
    func environmentOverride() {
        #expect(ShippedRules.files(environment: [:]).count == ShippedRules.compiledFiles.count)
        #expect(ShippedRules.directories(environment: [:]).isEmpty)
        let override = ["ECSLINT_RULES_D": "/opt/ecslint/rules.d"]
        #expect(ShippedRules.files(environment: override).isEmpty)
        #expect(ShippedRules.directories(environment: override) == ["/opt/ecslint/rules.d"])
        #expect(ShippedRules.files(environment: ["ECSLINT_RULES_D": ""]).isEmpty)
        #expect(ShippedRules.directories(environment: ["ECSLINT_RULES_D": ""]).isEmpty)
    }

    @Test("rules and lint see the compiled-in rules with no rules.d in reach")
    func noRulesDirectoryNeeded() throws {
        let project = try TemporaryProject(git: false)
        let empty = project.path
        let rules = CLI.run(["rules"], in: empty)
        #expect(rules.code == .clean)
        for id in (1...8).map({ "ECS60\($0)" }) { #expect(rules.stdout.contains(id + " "), "\(id)") }
        try #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27.0", "privileged": true}]}"#
            .write(toFile: empty + "/task-definition.json", atomically: true, encoding: .utf8)
        let lint = CLI.run(["--no-color", "task-definition.json"], in: empty)
        #expect(lint.stdout.contains("[ECS603 container-privileged]"), "\(lint.stdout)\(lint.stderr)")
    }

    @Test("test-rules on rules.d itself does not clash with the compiled-in copy")
    func testingRulesDirectory() {
        let result = CLI.run(["test-rules", "rules.d"])
        #expect(result.code == .clean, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix(" passed, 0 failed\n"))
    }
}

@Suite("ecslint --version")
struct VersionTests {
    @Test func versionAloneOrWithTheCommit() {
        #expect(ECSLintVersion.line(version: "0.1.0", commit: nil) == "ecslint 0.1.0")
        #expect(ECSLintVersion.line(version: "0.1.0", commit: "") == "ecslint 0.1.0")
        #expect(ECSLintVersion.line(version: "0.1.0", commit: "0123abc") == "ecslint 0.1.0 (commit 0123abc)")
        let result = CLI.run(["--version"], in: "/", context: CommandContext(commit: "0123abc"))
        #expect(result.code == .clean)
        #expect(result.stdout == "ecslint \(ECSLintVersion.current) (commit 0123abc)\n")
    }
}
