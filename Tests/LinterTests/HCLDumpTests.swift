import Foundation
import Testing
@testable import LinterCore
@testable import Linter
@testable import LinterCLI
import TestKit

/// `ecslint dump` on Terraform files and `--eval`, and file access on disk.
@Suite struct HCLDumpTests {
    func temporaryDirectory(_ files: [String: String]) throws -> TemporaryProject {
        let directory = try TemporaryProject(git: false)
        try directory.write(files)
        return directory
    }

    func run(_ arguments: [String], in directory: TemporaryProject) -> (ExitCode, String, String) {
        let result = directory.run(arguments, context: CLI.bare)
        return (result.code, result.stdout, result.stderr)
    }

    @Test func dumpsBodiesWithExpressionTextAndConstants() throws {
        let directory = try temporaryDirectory(["main.tf": "resource \"aws_ecs_service\" \"app\" {\n  name  = \"${var.x}-app\"\n  count = 2\n  lb { port = 80 }\n}\n"])
        let (code, out, err) = run(["dump", "main.tf"], in: directory)
        #expect(code == .clean, "\(err)")
        #expect(out == """
            [{"type":"resource","labels":["aws_ecs_service","app"],"body":[{"attribute":"name","expression":"\\"${var.x}-app\\""},{"attribute":"count","expression":"2","value":2},{"type":"lb","labels":[],"body":[{"attribute":"port","expression":"80","value":80}]}]}]

            """)
        let (_, positioned, _) = run(["dump", "--positions", "main.tf"], in: directory)
        #expect(positioned.contains("\"labelRanges\":[\"1:10-1:27\",\"1:28-1:33\"]"))
        #expect(positioned.contains("{\"attribute\":\"count\",\"expression\":\"2\",\"value\":2,\"range\":\"3:3-3:12\",\"nameRange\":\"3:3-3:8\",\"expressionRange\":\"3:11-3:12\"}"))
    }

    @Test func parseErrorsArePositioned() throws {
        let directory = try temporaryDirectory(["bad.tf": "a = {\n"])
        let (code, _, err) = run(["dump", "bad.tf"], in: directory)
        #expect(code == .failure)
        #expect(err.hasPrefix("bad.tf:2:1: error: "))
    }

    @Test func evaluatesInTheModuleOfADirectory() throws {
        let directory = try temporaryDirectory([
            "variables.tf": "variable \"tag\" {\n  default = \"v1\"\n}\n",
            "main.tf": "locals {\n  image = \"${aws_ecr_repository.app.repository_url}:${var.tag}\"\n}\nresource \"aws_ecr_repository\" \"app\" {}\n",
            "terraform.tfvars": "tag = \"v2\"\n",
        ])
        let (code, out, err) = run(["dump", "--eval", "local.image", "--in", "."], in: directory)
        #expect(code == .clean, "\(err)")
        #expect(out == """
            {"partial":[{"unknown":"aws_ecr_repository.app.repository_url","reason":"aws_ecr_repository.app.repository_url is a resource attribute this evaluation does not resolve"},":","v2"]}

            """)
        let (badCode, _, badErr) = run(["dump", "--eval", "1 +", "--in", "."], in: directory)
        #expect(badCode == .failure)
        #expect(badErr.hasPrefix("<eval>:1:4: error:"))
    }

    @Test func diskAccessRefusesSymbolicLinksOutOfTheRoot() throws {
        let outside = try temporaryDirectory(["secret.txt": "secret"])
        let project = try temporaryDirectory(["inside.txt": "fine"])
        try FileManager.default.createSymbolicLink(atPath: project.path + "/link.txt", withDestinationPath: outside.path + "/secret.txt")
        let access = HCLDiskFileAccess(root: project.path)
        #expect((try? access.read("inside.txt", limit: 100).get()) == Array("fine".utf8))
        guard case .failure(let error) = access.read("link.txt", limit: 100) else {
            Issue.record("a link out of the root was read")
            return
        }
        #expect(error.message.contains("outside the project root"))
        #expect(access.fileNames(in: ".") == ["inside.txt", "link.txt"])
    }
}
