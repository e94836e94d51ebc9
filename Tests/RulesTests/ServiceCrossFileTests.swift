import Foundation
import LinterCore
import Linter
import Rules
import Testing
import TestKit

/// Service rules that need the service's task definition from another file.
@Suite("Service cross-file links")
struct ServiceCrossFileTests {
    static let taskDefinition = """
        {
          "family": "web",
          "containerDefinitions": [
            {
              "name": "app",
              "image": "web:1.0.0",
              "portMappings": [{"containerPort": 3000}]
            }
          ]
        }
        """

    static func service(taskDefinition: String?) -> String {
        let reference = taskDefinition.map { "\n  \"taskDefinition\": \"\($0)\"," } ?? ""
        return """
            {
              "desiredCount": 2,\(reference)
              "loadBalancers": [
                {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "app", "containerPort": 8080}
              ]
            }
            """
    }

    func lint(_ files: [(String, String)]) throws -> [Finding] {
        let engine = LintEngine(
            registry: TestLint.registry, configuration: Configuration(rootDirectory: "."), workers: 1)
        return engine.lint(sources: files.map { SourceFile(path: $0.0, text: $0.1) }).findings
    }

    /// 1-based line and UTF-16 column of the first occurrence of `needle` in `text`.
    func position(of needle: String, in text: String) throws -> (line: Int, column: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            if let range = line.range(of: needle) {
                return (number + 1, line[..<range.lowerBound].utf16.count + 1)
            }
        }
        Issue.record("'\(needle)' not found")
        return (0, 0)
    }

    func expectPortFinding(
        _ findings: [Finding], servicePath: String, serviceText: String, taskPath: String, line: Int
    ) throws {
        let mismatches = findings.filter { $0.ruleId == "ECS401" }
        #expect(mismatches.count == 1, "\(findings.map { "\($0.path):\($0.range.start) \($0.ruleId)" })")
        let finding = try #require(mismatches.first)
        let anchor = try position(of: "8080", in: serviceText)
        #expect(finding.path == servicePath)
        #expect(finding.range.start.line == anchor.line)
        #expect(finding.range.start.column == anchor.column)
        #expect(finding.range.start.line == line)
        #expect(finding.range.start.column == 153)
        #expect(finding.severity == .error)
        #expect(finding.message.contains("port 8080"))
        #expect(finding.message.contains("it maps 3000"))
        let related = try #require(finding.related.first)
        #expect(finding.related.count == 1)
        #expect(related.path == taskPath)
        // `"portMappings"` of container `app`: line 7, column 7 of the task definition.
        #expect(related.range.start.line == 7)
        #expect(related.range.start.column == 7)
    }

    @Test("a service linked by family:revision reports the unmapped port with the container's port mappings as related")
    func linkedByFamily() throws {
        let serviceText = Self.service(taskDefinition: "web:7")
        let findings = try lint([("service.json", serviceText), ("taskdef.json", Self.taskDefinition)])
        try expectPortFinding(findings, servicePath: "service.json", serviceText: serviceText, taskPath: "taskdef.json", line: 5)
    }

    @Test("an ecspresso config pairs a service definition without taskDefinition with its task definition")
    func linkedByEcspresso() throws {
        let config = """
            region: us-east-1
            cluster: prod
            service: web
            task_definition: ecs-task-def.json
            service_definition: ecs-service-def.json
            """
        let serviceText = Self.service(taskDefinition: nil)
        let findings = try lint([
            ("ecspresso.yml", config), ("ecs-service-def.json", serviceText), ("ecs-task-def.json", Self.taskDefinition),
        ])
        try expectPortFinding(
            findings, servicePath: "ecs-service-def.json", serviceText: serviceText, taskPath: "ecs-task-def.json", line: 4)
    }

    @Test("an ecspresso config in a subdirectory resolves its file names against its own directory")
    func linkedByEcspressoInSubdirectory() throws {
        let config = """
            cluster: prod
            service: web
            task_definition: ./ecs-task-def.json
            service_definition: ecs-service-def.json
            """
        let serviceText = Self.service(taskDefinition: nil)
        let findings = try lint([
            ("deploy/ecspresso.yml", config), ("deploy/ecs-service-def.json", serviceText),
            ("deploy/ecs-task-def.json", Self.taskDefinition),
            // A task definition of the same family elsewhere must not confuse the pairing.
            ("other/ecs-task-def.json", Self.taskDefinition.replacingOccurrences(of: "3000", with: "8080")),
        ])
        try expectPortFinding(
            findings, servicePath: "deploy/ecs-service-def.json", serviceText: serviceText,
            taskPath: "deploy/ecs-task-def.json", line: 4)
    }

    @Test("an unknown link (family not among the files) gives no cross-file finding")
    func unknownLink() throws {
        let findings = try lint([
            ("service.json", Self.service(taskDefinition: "api:3")), ("taskdef.json", Self.taskDefinition),
        ])
        let crossFile: Set<String> = ["ECS401", "ECS404", "ECS405"]
        #expect(findings.filter { crossFile.contains($0.ruleId) }.isEmpty)
    }

    @Test("an ecspresso service definition without a config is not linked by chance")
    func ecspressoWithoutConfig() throws {
        let findings = try lint([
            ("ecs-service-def.json", Self.service(taskDefinition: nil)), ("ecs-task-def.json", Self.taskDefinition),
        ])
        #expect(findings.filter { $0.ruleId == "ECS401" }.isEmpty)
    }

    @Test("an unknown container is anchored at containerName with the container list as related")
    func unknownContainer() throws {
        let serviceText = Self.service(taskDefinition: "web").replacingOccurrences(of: "\"app\"", with: "\"nginx\"")
        let findings = try lint([("service.json", serviceText), ("taskdef.json", Self.taskDefinition)])
        let finding = try #require(findings.first { $0.ruleId == "ECS401" })
        let anchor = try position(of: "\"nginx\"", in: serviceText)
        #expect(finding.range.start.line == anchor.line)
        #expect(finding.range.start.column == anchor.column)
        #expect(finding.range.start.line == 5 && finding.range.start.column == 129)
        #expect(finding.message.contains("'nginx'"))
        #expect(finding.related.first?.path == "taskdef.json")
        #expect(finding.related.first?.range.start.line == 3)
        #expect(finding.related.first?.range.start.column == 3)
    }
}
