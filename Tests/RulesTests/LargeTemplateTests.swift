import Testing

@testable import LinterCore
@testable import Linter
@testable import Rules
import TestKit

/// A template large enough that its resources are modelled on several threads.
@Suite("Large templates")
struct LargeTemplateTests {
    /// `stacks` copies of a repository (every fifth with a malformed lifecycle policy), a task
    /// definition on a mutable tag (every seventh silenced through resource metadata), a service
    /// and a scalable target: four resources per stack.
    static func template(stacks: Int) -> String {
        var text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
        for stack in 0..<stacks {
            let policy =
                stack % 5 == 0
                ? "{\"rules\": [ {\"rulePriority\": 1,}]}"
                : "{\"rules\": [{\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\", \"countNumber\": \(stack % 9 + 1)}, \"action\": {\"type\": \"expire\"}}]}"
            let metadata = stack % 7 == 0 ? "    Metadata:\n      ecslint:\n        ignore: [image-latest-tag]\n" : ""
            text += """
                  Repo\(stack):
                    Type: AWS::ECR::Repository
                    Properties:
                      RepositoryName: repo-\(stack)
                      LifecyclePolicy:
                        LifecyclePolicyText: '\(policy)'
                  Task\(stack):
                    Type: AWS::ECS::TaskDefinition
                \(metadata)    Properties:
                      Family: task-\(stack)
                      ContainerDefinitions:
                        - Name: app
                          Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/repo-\(stack):latest"
                          Essential: true
                  Service\(stack):
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref Task\(stack)
                      DesiredCount: 2
                  Scaling\(stack):
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ResourceId: !Sub "service/cluster/${Service\(stack).Name}"
                      ScalableDimension: ecs:service:DesiredCount
                      MinCapacity: 1
                      MaxCapacity: 4

                """
        }
        return text
    }

    @Test("resources built on several threads give the same model, in the same order, as on one")
    func parallelModelMatchesSequential() throws {
        let stacks = 80
        #expect(stacks * 4 >= ModelBuilder.parallelResourceThreshold)
        let source = SourceFile(path: "/p/big.yaml", text: Self.template(stacks: stacks))
        let root = try #require(try YAMLParser().parse(source.bytes).documents.first)
        let sequential = ModelBuilder(file: source, workers: 1).build(root)
        let parallel = ModelBuilder(file: source, workers: 4).build(root)
        #expect(sequential.taskDefinitions.count == stacks)
        #expect(sequential.services.count == stacks)
        #expect(sequential.repositories.count == stacks)
        #expect(sequential.lifecyclePolicies.count == stacks - stacks / 5)
        #expect(sequential.scalableTargets.count == stacks)
        #expect(sequential.problems.count == stacks / 5)
        #expect(sequential.metadataSuppressions.count == (stacks + 6) / 7)
        #expect(parallel.taskDefinitions.map(\.origin) == sequential.taskDefinitions.map(\.origin))
        #expect(parallel.services.map(\.origin) == sequential.services.map(\.origin))
        #expect(parallel.repositories.map(\.origin) == sequential.repositories.map(\.origin))
        #expect(parallel.lifecyclePolicies.map(\.origin) == sequential.lifecyclePolicies.map(\.origin))
        #expect(parallel.scalableTargets.map(\.origin) == sequential.scalableTargets.map(\.origin))
        #expect(parallel.problems.map(\.message) == sequential.problems.map(\.message))
        #expect(parallel.problems.map(\.location) == sequential.problems.map(\.location))
        #expect(parallel.metadataSuppressions.map(\.resourceRange) == sequential.metadataSuppressions.map(\.resourceRange))
    }

    @Test("linting one large template on several threads reports exactly what one thread reports")
    func parallelFindingsMatchSequential() throws {
        let source = SourceFile(path: "/p/big.yaml", text: Self.template(stacks: 80))
        let registry = TestLint.registry
        let configuration = Configuration(rootDirectory: "/p")
        let one = LintEngine(registry: registry, configuration: configuration, workers: 1).lint(sources: [source])
        let three = LintEngine(registry: registry, configuration: configuration, workers: 3).lint(sources: [source])
        #expect(one.findings == three.findings)
        let latest = one.findings.filter { $0.ruleName == "image-latest-tag" }
        #expect(latest.count == 80 - (80 + 6) / 7)
        #expect(one.findings.filter { $0.ruleId == "ECS000" }.count == 80 / 5)
    }

    @Test("large files among small ones are analyzed on all threads, in the files' order")
    func largeFilesAmongSmallOnes() throws {
        let sources = [
            SourceFile(path: "/p/a.json", text: #"{"family": "a", "containerDefinitions": [{"name": "a", "image": "nginx"}]}"#),
            SourceFile(path: "/p/big-1.yaml", text: Self.template(stacks: 70)),
            SourceFile(path: "/p/b.yaml", text: "Resources:\n  R:\n    Type: AWS::ECS::TaskDefinition\n    Properties: [oops\n"),
            SourceFile(path: "/p/big-2.yaml", text: Self.template(stacks: 65)),
            SourceFile(path: "/p/c.json", text: #"{"family": "c", "containerDefinitions": [{"name": "c", "image": "redis:latest"}]}"#),
        ]
        let registry = TestLint.registry
        let configuration = Configuration(rootDirectory: "/p")
        let sequential = LintEngine(registry: registry, configuration: configuration, workers: 1)
        let parallel = LintEngine(registry: registry, configuration: configuration, workers: 3)
        let largeFileBytes = 10_000
        #expect(sources.filter { $0.bytes.count >= largeFileBytes }.map(\.path) == ["/p/big-1.yaml", "/p/big-2.yaml"])
        let analyses = SourceAnalyzer(limits: configuration.limits, workers: parallel.workers)
            .analyze(sources, largeFileBytes: largeFileBytes)
        #expect(analyses.map(\.source.path) == sources.map(\.path))
        #expect(analyses.map { $0.parseError != nil } == [false, false, true, false, false])
        #expect(analyses.map { $0.documents.first?.taskDefinitions.count ?? 0 } == [1, 70, 0, 65, 1])
        let one = sequential.run(
            SourceAnalyzer(limits: configuration.limits, workers: 1).analyze(sources, largeFileBytes: largeFileBytes), focus: nil,
            skipped: [])
        let three = parallel.run(analyses, focus: nil, skipped: [])
        #expect(one.findings == three.findings)
        #expect(one.findings.contains { $0.path.hasSuffix("b.yaml") && $0.ruleId == "ECS000" })
        #expect(one.findings.contains { $0.path.hasSuffix("c.json") && $0.ruleName == "image-latest-tag" })
    }
}
