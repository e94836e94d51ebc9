import LinterCore
import Linter
import Rules
import Testing
import TestKit

/// Severities, messages and edge cases of ECS301–ECS312 that examples cannot express.
@Suite("Task definition rules")
struct TaskDefinitionRuleTests {
    @Test("ECS301 is a warning, also behind a load balancer, and an error only for a HEALTHY dependency")
    func healthCheckSeverity() throws {
        let service = """
            {"serviceName": "web", "taskDefinition": "web:1", "desiredCount": 1,
             "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/a/b", "containerName": "app", "containerPort": 80},
                               {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/c/d", "containerName": "app", "containerPort": 80}]}
            """
        let task = """
            {"family": "web", "containerDefinitions": [
              {"name": "app", "image": "app:1"},
              {"name": "db", "image": "db:1"},
              {"name": "worker", "image": "w:1", "healthCheck": {"command": ["CMD", "true"]}, "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]},
              {"name": "plain", "image": "p:1", "healthCheck": {"command": ["CMD", "true"]}, "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]},
              {"name": "lonely", "image": "l:1"},
              {"name": "init", "image": "i:1", "essential": false}
            ]}
            """
        let findings = TestLint.findings([("service.json", service), ("taskdef.json", task)], only: ["ECS301"])
        let summary = findings.map { "\($0.range.start) \($0.severity.rawValue) \($0.message.prefix(while: { $0 != ":" }))" }
        #expect(summary == [
            "2:12 warning essential container 'app' has no healthCheck",
            "3:12 error containers 'worker' and 'plain' wait for essential container 'db' to be HEALTHY, but it has no healthCheck",
            "6:12 warning essential container 'lonely' has no healthCheck",
        ])
        try #require(findings.count == 3)
        // Neither the load balancer nor its container is named as a reason any more.
        #expect(!findings[0].message.contains("load balancer"))
        #expect(findings[1].related.map(\.range.start.description) == ["4:134", "5:133"])
        // The advice works for images without a shell.
        #expect(findings[0].message.contains("[\"CMD\", \"/app/healthcheck\"]"))
    }

    @Test("findings on a tag taken from a parameter's default say it is assumed, and show the expression")
    func assumedParameterDefault() {
        let template = """
            Parameters:
              ImageTag:
                Type: String
                Default: latest
            Resources:
              Repo:
                Type: AWS::ECR::Repository
                Properties:
                  LifecyclePolicy:
                    LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}'
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: !Sub "${Repo.RepositoryUri}:${ImageTag}"
                    - Name: pinned
                      Image: !Sub "${Repo.RepositoryUri}:latest"

            """
        let findings = TestLint.findings([("template.yaml", template)], only: ["ECS101", "ECS103"])
        let lines = findings.map { "\($0.ruleId) \($0.range.start) \($0.message.prefix(while: { $0 != ":" }))" }
        #expect(lines == [
            "ECS101 16:18 container 'app' uses the mutable tag 'latest' (assuming parameter ImageTag keeps its default 'latest')",
            "ECS103 16:18 image '${Repo.RepositoryUri}",
            "ECS101 18:18 container 'pinned' uses the mutable tag 'latest'",
            "ECS103 18:18 image '${Repo.RepositoryUri}",
        ])
        #expect(findings[1].message.hasPrefix(
            "image '${Repo.RepositoryUri}:latest' (assuming parameter ImageTag keeps its default 'latest') of container 'app' can be removed by the lifecycle policy"))
        #expect(findings[3].message.hasPrefix("image '${Repo.RepositoryUri}:latest' of container 'pinned' can be removed"))
    }

    @Test("ECS303 names the cycle and reports it once")
    func cycle() {
        let task = """
            {"family": "c", "containerDefinitions": [
              {"name": "a", "image": "a:1", "dependsOn": [{"containerName": "b", "condition": "START"}]},
              {"name": "b", "image": "b:1", "dependsOn": [{"containerName": "c", "condition": "START"}]},
              {"name": "c", "image": "c:1", "dependsOn": [{"containerName": "a", "condition": "START"}]}
            ]}
            """
        let findings = TestLint.findings([("taskdef.json", task)], only: ["ECS303"])
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("a → b → c → a") == true)
    }

    @Test("ECS303 does not call a target missing when some container name is unresolved")
    func unresolvedNames() {
        let template = """
            Parameters:
              Name:
                Type: String
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: !Ref Name
                      Image: a:1
                    - Name: b
                      Image: b:1
                      DependsOn:
                        - ContainerName: proxy
                          Condition: START
            """
        #expect(TestLint.findings([("template.yaml", template)], only: ["ECS303"]).isEmpty)
    }

    @Test("ECS305 is a note for non-essential containers")
    func logSeverity() {
        let task = """
            {"family": "l", "containerDefinitions": [{"name": "app", "image": "a:1"}, {"name": "init", "image": "i:1", "essential": false}]}
            """
        let findings = TestLint.findings([("taskdef.json", task)], only: ["ECS305"])
        #expect(findings.map(\.severity).sorted() == [.note, .warning])
    }

    @Test("ECS306 metadata marks it as a security rule")
    func securityMetadata() throws {
        let metadata = try #require(TestLint.registry.rule("secret-in-environment")).metadata
        #expect(metadata.id == "ECS306")
        #expect(metadata.tags.contains("security"))
        #expect(metadata.securitySeverity == 7.5)
    }

    @Test("ECS308 and ECS312 follow a Fargate launch type from the service")
    func fargateFromService() {
        let service = """
            {"serviceName": "web", "taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:4", "launchType": "FARGATE", "desiredCount": 1}
            """
        let task = """
            {"family": "web", "cpu": "256", "memory": "512", "containerDefinitions": [
              {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1", "privileged": true}
            ]}
            """
        let files = [("service.json", service), ("taskdef.json", task)]
        #expect(TestLint.findings(files, only: ["ECS308"]).count == 2)  // networkMode omitted, privileged
        #expect(TestLint.findings(files, only: ["ECS312"]).count == 1)
        #expect(TestLint.findings([("taskdef.json", task)], only: ["ECS308", "ECS312"]).isEmpty)
    }

    @Test("ECS311 in bridge mode compares host ports, in awsvpc container ports")
    func portModes() {
        func task(_ mode: String) -> String {
            """
            {"family": "p", "networkMode": "\(mode)", "containerDefinitions": [
              {"name": "a", "image": "a:1", "portMappings": [{"containerPort": 80, "hostPort": 80}]},
              {"name": "b", "image": "b:1", "portMappings": [{"containerPort": 80, "hostPort": 80}]}
            ]}
            """
        }
        #expect(TestLint.findings([("taskdef.json", task("awsvpc"))], only: ["ECS311"]).count == 1)
        #expect(TestLint.findings([("taskdef.json", task("bridge"))], only: ["ECS311"]).count == 1)
        let dynamic = """
            {"family": "p", "containerDefinitions": [
              {"name": "a", "image": "a:1", "portMappings": [{"containerPort": 80}]},
              {"name": "b", "image": "b:1", "portMappings": [{"containerPort": 80, "hostPort": 0}]}
            ]}
            """
        #expect(TestLint.findings([("taskdef.json", dynamic)], only: ["ECS311"]).isEmpty)
    }

    @Test("messages of every new rule say what, why and what to do")
    func messages() {
        let task = """
            {"family": "m", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "4096",
             "containerDefinitions": [
              {"name": "a", "image": "a:1", "essential": false, "environment": [{"name": "API_TOKEN", "value": "tok-123"}],
               "healthCheck": {"command": ["CMD"]}, "secrets": [{"name": "X", "valueFrom": "arn:aws:ssm:us-east-1:1:parameter/x"}],
               "portMappings": [{"containerPort": 80}, {"containerPort": 80}], "dependsOn": [{"containerName": "a", "condition": "START"}]},
              {"name": "a", "image": "a:1", "essential": false, "memory": 8000}
            ]}
            """
        let findings = TestLint.outcome([("taskdef.json", task)]).findings.filter { $0.ruleId.hasPrefix("ECS3") }
        let ids = Set(findings.map(\.ruleId))
        for id in ["ECS302", "ECS303", "ECS304", "ECS305", "ECS306", "ECS307", "ECS308", "ECS309", "ECS310", "ECS311", "ECS312"] {
            #expect(ids.contains(id), "\(id) did not fire")
        }
        for finding in findings {
            #expect(finding.message.contains(":") && finding.message.contains(";"), "\(finding.ruleId): \(finding.message)")
            #expect(!finding.message.contains("tok-123"))
        }
    }
}
