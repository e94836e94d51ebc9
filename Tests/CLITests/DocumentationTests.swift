import Foundation
import LinterCore
import Linter
import Testing
import TestKit

@Suite("Documentation")
struct DocumentationTests {
    @Test("the GitHub workflow example parses and uses the right flags")
    func gitHubWorkflow() throws {
        let path = TestPaths.root + "/docs/examples/github-workflow.yml"
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let parsed = try YAMLParser().parse(bytes)
        let workflow = try #require(parsed.documents.first)
        let steps = try #require(workflow.lookup(pointer: "/jobs/ecslint/steps")?.elements)
        let commands = steps.compactMap { $0["run"]?.string }.joined(separator: "\n")
        #expect(commands.contains("swift build -c release"))
        #expect(commands.contains("ecslint --format sarif --output ecslint.sarif"))
        let upload = try #require(steps.first { $0["uses"]?.string?.hasPrefix("github/codeql-action/upload-sarif") == true })
        #expect(upload["with"]?["sarif_file"]?.string == "ecslint.sarif")
        #expect(upload["with"]?["category"]?.string == "ecslint")
        #expect(workflow.lookup(pointer: "/permissions/security-events")?.string == "write")
    }

    @Test("the other CI recipes parse and name their formats")
    func otherRecipes() throws {
        for (file, flag) in [("github-annotations.yml", "--format github"), ("gitlab-ci.yml", "--format gitlab")] {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: TestPaths.root + "/docs/examples/" + file)))
            let parsed = try YAMLParser().parse(bytes)
            #expect(parsed.documents.count == 1)
            #expect(String(decoding: bytes, as: UTF8.self).contains(flag))
        }
    }

    @Test("the README starts with the two set-up commands and its rule table is current")
    func readme() throws {
        let readme = try String(contentsOfFile: TestPaths.root + "/README.md", encoding: .utf8)
        let firstBlock = readme.components(separatedBy: "```").dropFirst().first ?? ""
        #expect(firstBlock.contains("swift run -c release ecslint examples/"))
        #expect(firstBlock.contains("swift test"))
        let check = CLI.run(["generate-docs", "--check"])
        #expect(check.code == .clean, Comment(rawValue: check.stderr))
    }

    @Test("the pre-commit manifest defines the three hooks")
    func preCommitManifest() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: TestPaths.root + "/.pre-commit-hooks.yaml")))
        let hooks = try #require(try YAMLParser().parse(bytes).documents.first?.elements)
        let byId = Dictionary(uniqueKeysWithValues: hooks.compactMap { hook in hook["id"]?.string.map { ($0, hook) } })
        #expect(byId["ecslint"]?["entry"]?.string == "ecslint")
        #expect(byId["ecslint"]?["language"]?.string == "swift")
        #expect(byId["ecslint"]?["types_or"]?.elements?.compactMap(\.string) == ["json", "yaml", "terraform"])
        #expect(byId["ecslint-sarif"]?["entry"]?.string?.contains("--format sarif --output") == true)
        #expect(byId["ecslint-fix"]?["entry"]?.string == "ecslint --fix")
        #expect(byId["ecslint-fix"]?["language"]?.string == "swift")
        #expect(byId["ecslint-fix"]?["types_or"]?.elements?.compactMap(\.string) == ["json", "yaml", "terraform"])
    }
}
