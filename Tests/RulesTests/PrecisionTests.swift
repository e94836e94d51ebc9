import LinterCore
import Linter
import Rules
import Testing
import TestKit

/// The classes of false findings found on real repositories (issue "Real-world precision"), each
/// pinned by the input that produced it and what must be reported instead.
@Suite("Precision on real-world shapes")
struct PrecisionTests {
    private func lines(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.ruleId) \($0.range.start) \($0.severity.rawValue)" }
    }

    @Test("a timeout as long as the interval is not reported; ECS only checks the ranges")
    func healthCheckTimeoutNotShorterThanInterval() {
        let task = """
            {"family": "mesh", "containerDefinitions": [
              {"name": "envoy", "image": "envoy:1.30", "healthCheck": {"command": ["CMD-SHELL", "curl -s localhost:9901/ready"], "interval": 5, "timeout": 10, "retries": 3}},
              {"name": "adot", "image": "adot:0.40", "healthCheck": {"command": ["CMD", "/healthcheck"], "interval": 30, "timeout": 30}}
            ]}
            """
        #expect(TestLint.findings([("taskdef.json", task)], only: ["ECS302"]).isEmpty)
    }

    @Test("a command without CMD or CMD-SHELL gets the prefix that fits it, never curl")
    func healthCheckPrefixAdvice() {
        let task = """
            {"family": "web", "containerDefinitions": [
              {"name": "distroless", "image": "app:1", "healthCheck": {"command": ["/healthcheck", "--quick"]}},
              {"name": "shell", "image": "app:1", "healthCheck": {"command": ["wget -q -O- localhost || exit 1"]}}
            ]}
            """
        let findings = TestLint.findings([("taskdef.json", task)], only: ["ECS302"])
        #expect(lines(findings) == ["ECS302 2:71 error", "ECS302 3:66 error"])
        #expect(findings[0].message.hasSuffix("write [\"CMD\", \"/healthcheck\", \"--quick\"]"))
        #expect(findings[1].message.hasSuffix("write [\"CMD-SHELL\", \"wget -q -O- localhost || exit 1\"]"))
        #expect(!findings.contains { $0.message.contains("curl") })
    }

    @Test("an empty string in an enumerated field is unset, for every rule")
    func emptyEnumValuesAreUnset() {
        // As `ecspresso init` writes them.
        let task = """
            {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256",
             "memory": "512", "ipcMode": "", "pidMode": "", "executionRoleArn": "arn:aws:iam::1:role/x",
             "containerDefinitions": [{"name": "app", "image": "app:1.0", "essential": true,
               "portMappings": [{"containerPort": 80, "protocol": ""}]}]}
            """
        let findings = TestLint.findings([("taskdef.json", task)], only: ["ECS308", "ECS608", "ECS311", "ECS005"])
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        // An empty network mode is the default, bridge, which Fargate rejects.
        let bridge = task.replacingOccurrences(of: "\"networkMode\": \"awsvpc\"", with: "\"networkMode\": \"\"")
        let fargate = TestLint.findings([("taskdef.json", bridge)], only: ["ECS308"])
        #expect(fargate.map(\.message).first?.hasPrefix("networkMode is omitted, which means bridge,") == true)
    }

    @Test("the Fargate rules quote a misspelt launch type as written")
    func fargateQuotesTheSource() {
        let service = #"{"serviceName": "web", "taskDefinition": "web:1", "launchType": "fargate", "desiredCount": 1}"#
        let task = #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "app:1.0"}]}"#
        let findings = TestLint.findings([("service.json", service), ("taskdef.json", task)], only: ["ECS307", "ECS308"])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.message.contains("runs it with launchType 'fargate'") })
        // The spelling itself is reported once, where it is written.
        let spelling = TestLint.findings([("service.json", service), ("taskdef.json", task)], only: ["ECS005"])
        #expect(spelling.map { "\($0.path) \($0.range.start) \($0.severity.rawValue)" } == ["service.json 1:65 error"])
        #expect(spelling.first?.message == "launchType 'fargate' of service 'web' is not one of EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES: the values are case-sensitive, so AWS rejects it; write 'FARGATE'")
    }

    @Test("fargate-incompatible shows the value of ipcMode as it does for pidMode")
    func ipcModeValueShown() {
        let task = """
            {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
             "ipcMode": "host", "pidMode": "host", "containerDefinitions": [{"name": "app", "image": "app:1.0"}]}
            """
        let messages = TestLint.findings([("taskdef.json", task)], only: ["ECS308"]).map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.hasPrefix("ipcMode 'host' in Fargate task definition 'web'") })
        #expect(messages.contains { $0.hasPrefix("pidMode 'host' in Fargate task definition 'web'") })
    }

    @Test("deploy-time placeholders are unknown images, never invalid ones", arguments: [
        "<IMAGE1_NAME>", "", "$IMAGE", "${IMAGE}", "${REGISTRY}/app:${TAG}", "{{ must_env `IMAGE` }}", "REPLACE_ME_WITH_IMAGE",
        "[your application image]", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:<TAG>",
    ])
    func placeholderImages(image: String) {
        let task = #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "\#(image)"}]}"#
        let findings = TestLint.findings([("taskdef.json", task)], only: ["ECS101", "ECS102", "ECS105"])
        #expect(findings.isEmpty, "\(image): \(findings.map(\.message))")
    }

    @Test("a placeholder leaves the rest of the reference known")
    func partlyKnownImage() {
        let task = #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "${REGISTRY}/app"}]}"#
        let findings = TestLint.findings([("taskdef.json", task)], only: ["ECS101"])
        #expect(lines(findings) == ["ECS101 1:69 warning"])
        #expect(findings.first?.message.hasPrefix("container 'app' has no image tag, which means 'latest'") == true)
    }

    @Test("an ecspresso config with template actions on their own lines is linted, not a parse error")
    func ecspressoConfigWithTemplateLines() throws {
        let project = try TemporaryProject()
        try project.write("ecspresso.yml", """
            region: ap-northeast-1
            cluster: test
            service: "{{ must_env `SERVICE` }}"
            service_definition: ecs-service-def.json
            task_definition: ecs-task-def.json
            plugins:
            {{ if (env `TFSTATE_BUCKET` ``) }}
              - name: tfstate
                config:
                  url: "s3://{{ must_env `TFSTATE_BUCKET` }}/terraform.tfstate"
            {{ end }}

            """)
        try project.write("ecs-task-def.json", """
            {"family": "app", "cpu": {{ env `CPU` `256` }}, "containerDefinitions": [{"name": "app", "image": "nginx:latest"}]}

            """)
        try project.write("ecs-service-def.json", #"{"desiredCount": 1}"# + "\n")
        let result = project.run(["lint", "--format", "json", "--quiet", "ecspresso.yml", "ecs-task-def.json"])
        #expect(!result.stdout.contains("parse-error"), "\(result.stdout)")
        #expect(result.stdout.contains("\"name\" : \"image-latest-tag\"") || result.stdout.contains("\"name\": \"image-latest-tag\""))
    }

    @Test("envsubst placeholders where a JSON value should be are unknown values")
    func envsubstJSON() {
        let task = """
            {
              "family": "web",
              "cpu": $CPU,
              "memory": ${MEMORY},
              "networkMode": $M,
              "requiresCompatibilities": ["FARGATE"],
              "executionRoleArn": "${EXECUTION_ROLE}",
              "containerDefinitions": [{"name": "app", "image": "${IMAGE}", "essential": true}]
            }
            """
        let outcome = TestLint.outcome([("taskdef.json", task)])
        let names = Set(outcome.findings.map(\.ruleName))
        #expect(!names.contains("parse-error"))
        // cpu, memory and networkMode are unknown: no Fargate size or mode is judged.
        #expect(!names.contains("fargate-invalid-size"))
        #expect(!names.contains("fargate-incompatible"))
        #expect(outcome.project.taskDefinitions.first?.networkMode.isUnresolved == true)
        #expect(outcome.project.taskDefinitions.first?.cpu.isUnresolved == true)
    }

    @Test("a hard memory limit equal to the reservation is accepted; only a lower one is reported")
    func memoryEqualToReservation() {
        let task = """
            {"family": "web", "containerDefinitions": [
              {"name": "equal", "image": "a:1", "memory": 512, "memoryReservation": 512},
              {"name": "lower", "image": "b:1", "memory": 256, "memoryReservation": 512}
            ]}
            """
        let findings = TestLint.findings([("taskdef.json", task)], only: ["ECS309"])
        #expect(lines(findings) == ["ECS309 3:47 error"])
        #expect(findings.first?.message.hasPrefix("container 'lower' has memory 256 MiB, below its memoryReservation 512 MiB") == true)
    }

    @Test("a CloudFormation DesiredCount from a parameter is reported with a scalable target")
    func desiredCountFromParameter() {
        let template = """
            Parameters:
              Count:
                Type: Number
                Default: 2
            Resources:
              Service:
                Type: AWS::ECS::Service
                Properties:
                  DesiredCount: !Ref Count
              Target:
                Type: AWS::ApplicationAutoScaling::ScalableTarget
                Properties:
                  ServiceNamespace: ecs
                  ResourceId: !Sub service/cluster/${Service.Name}
                  MinCapacity: 1
                  MaxCapacity: 4

            """
        let findings = TestLint.findings([("template.yaml", template)], only: ["ECS407"])
        #expect(lines(findings) == ["ECS407 9:21 warning"])
        #expect(findings.first?.message.hasPrefix(
            "service 'Service' sets DesiredCount from parameter Count although a scalable target manages its count: every stack update that touches the service resets the running count to the parameter's value") == true)
    }

    @Test("a tag prefix or pattern no tag can match makes the lifecycle rule dead")
    func unmatchableTagFilters() {
        let policy = """
            {"rules": [
              {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["v", ".hidden"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}},
              {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPatternList": ["*-rc", "release candidate*"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}},
              {"rulePriority": 3, "selection": {"tagStatus": "tagged", "tagPatternList": ["*.-x", "_ok"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}}
            ]}
            """
        let findings = TestLint.findings([("policy.json", policy)], only: ["ECS202"])
        #expect(lines(findings) == ["ECS202 2:83 warning", "ECS202 3:87 warning"])
        #expect(findings.first?.message.hasPrefix(
            "lifecycle rule priority 1 never acts: tag prefix '.hidden' can match no image tag (a tag cannot start with '.'") == true)
        #expect(findings.last?.message.contains("tag pattern 'release candidate*' can match no image tag (a tag cannot hold ' ';") == true)
    }

    @Test("a secret-like variable from a parameter without NoEcho is reported; its default never shows")
    func secretFromParameter() {
        let template = """
            Parameters:
              DbPassword:
                Type: String
                Default: hunter2-default
              ApiToken:
                Type: String
                NoEcho: true
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: app:1.0
                      Environment:
                        - Name: DB_PASSWORD
                          Value: !Sub "${DbPassword}"
                        - Name: API_TOKEN
                          Value: !Ref ApiToken
                        - Name: DB_HOST
                          Value: !Ref DbPassword

            """
        let findings = TestLint.findings([("template.yaml", template)], only: ["ECS306"])
        #expect(lines(findings) == ["ECS306 17:22 error"])
        #expect(findings.first?.message.hasPrefix(
            "environment variable 'DB_PASSWORD' of container 'app' takes its value from parameter DbPassword, which is not NoEcho") == true)
        #expect(!findings.contains { $0.message.contains("hunter2") })
    }

    @Test("awslogs-group given a log group ARN is an error with the name to use")
    func awslogsGroupARN() {
        let template = """
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: app:1.0
                      LogConfiguration:
                        LogDriver: awslogs
                        Options:
                          awslogs-group: !GetAtt Logs.Arn
                    - Name: literal
                      Image: app:1.0
                      LogConfiguration:
                        LogDriver: awslogs
                        Options:
                          awslogs-group: arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/literal:*
                    - Name: good
                      Image: app:1.0
                      LogConfiguration:
                        LogDriver: awslogs
                        Options:
                          awslogs-group: !Ref Logs

            """
        let findings = TestLint.findings([("template.yaml", template)], only: ["ECS313"])
        #expect(lines(findings) == ["ECS313 13:30 error", "ECS313 19:30 error"])
        #expect(findings[0].message.hasSuffix("use !Ref Logs, which is the name"))
        #expect(findings[1].message.hasSuffix("use the name '/ecs/literal'"))
    }
}

@Suite("Presets and quiet defaults")
struct PresetTests {
    @Test("container-readonly-root-filesystem runs only when the configuration extends hardening")
    func hardeningPreset() throws {
        let project = try TemporaryProject()
        try project.write("taskdef.json", #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27.0", "user": "1000"}]}"# + "\n")
        let quiet = project.run(["lint", "--format", "json", "--quiet", "taskdef.json"])
        #expect(!quiet.stdout.contains("ECS601"))
        try project.write(".ecslint.json", #"{"extends": ["hardening"]}"#)
        let strict = project.run(["lint", "--format", "json", "--quiet", "taskdef.json"])
        #expect(strict.stdout.contains("\"ECS601\""))
        let rules = project.run(["rules"])
        let line = try #require(rules.stdout.split(separator: "\n").first { $0.hasPrefix("ECS601") })
        #expect(line.contains("warning  yes  hardening"))
    }

    @Test("an unknown preset is a configuration error with a suggestion")
    func unknownPreset() throws {
        let project = try TemporaryProject()
        try project.write(".ecslint.json", "{\n  \"extends\": [\"hardenig\"]\n}\n")
        try project.write("taskdef.json", #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27.0"}]}"#)
        let result = project.run(["lint", "taskdef.json"])
        #expect(result.code == .failure)
        #expect(result.stderr.contains(".ecslint.json:2:15: error: unknown preset 'hardenig' (did you mean 'hardening'?); presets are recommended, hardening"))
    }

    @Test("container-runs-as-root: explicit root and aggravated defaults warn, a missing user alone is a note")
    func runsAsRootSeverities() {
        let task = """
            {"family": "web", "networkMode": "awsvpc", "containerDefinitions": [
              {"name": "plain", "image": "a:1"},
              {"name": "root", "image": "a:1", "user": "root:root"},
              {"name": "nonroot", "image": "a:1", "user": "1000"},
              {"name": "priv", "image": "a:1", "privileged": true},
              {"name": "empty", "image": "a:1", "user": ""}
            ]}
            """
        let findings = TestLint.findings([("taskdef.json", task)], only: ["ECS602"])
        #expect(findings.map { "\($0.range.start) \($0.severity.rawValue)" } == ["2:12 note", "3:44 warning", "5:12 warning", "6:12 note"])
        #expect(findings[0].message.hasPrefix("container 'plain' may run as root: user is not set, so the image's default user applies"))
        #expect(findings[2].message.contains("and is privileged: root in this container is close to root on the host"))
        let host = TestLint.findings(
            [("taskdef.json", #"{"family": "h", "networkMode": "host", "containerDefinitions": [{"name": "c", "image": "a:1"}]}"#)],
            only: ["ECS602"])
        #expect(host.map(\.severity) == [.warning])
        #expect(host.first?.message.contains("shares the host's network (networkMode host)") == true)
    }
}

@Suite("Duplicate keys")
struct DuplicateKeyTests {
    @Test("an error in a template, with the first key as related location")
    func template() {
        let template = """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  Family: web
                  Family: api
                  ContainerDefinitions: []

            """
        let findings = TestLint.findings([("template.yaml", template)], only: ["ECS004"])
        #expect(findings.map { "\($0.range.start) \($0.severity.rawValue)" } == ["6:7 error"])
        #expect(findings.first?.message == "key 'Family' is written twice in this object: CloudFormation rejects a template that repeats a key; keep one of the two")
        #expect(findings.first?.related.map { "\($0.range.start) \($0.message)" } == ["5:7 first written here"])
    }

    @Test("a warning in embedded policy JSON, at its exact position in the outer file")
    func embeddedPolicy() {
        let output = #"{"repositoryName": "api", "lifecyclePolicyText": "{\"rules\": [{\"rulePriority\": 1, \"rulePriority\": 2, \"selection\": {\"tagStatus\": \"any\", \"countType\": \"imageCountMoreThan\", \"countNumber\": 9}, \"action\": {\"type\": \"expire\"}}]}"}"#
        let findings = TestLint.findings([("policy.json", output)], only: ["ECS004"])
        #expect(findings.map { "\($0.range.start) \($0.severity.rawValue)" } == ["1:86 warning"])
        #expect(findings.first?.message.hasPrefix("key 'rulePriority' is written twice in this object: the last value silently wins") == true)
    }

    @Test("files that are not linted shapes, and rendered templates, are not checked")
    func notChecked() {
        let unrelated = #"{"name": "a", "name": "b"}"#
        let templated = """
            {"family": "web",
            {{ if .prod }}
             "cpu": "1024",
            {{ else }}
             "cpu": "256",
            {{ end }}
             "containerDefinitions": [{"name": "app", "image": "app:{{ .tag }}"}]}
            """
        #expect(TestLint.findings([("package.json", unrelated), ("taskdef.json", templated)], only: ["ECS004"]).isEmpty)
    }
}

@Suite("Bare container definition lists")
struct ContainerListTests {
    @Test("an array of containers is linted with the container rules; task-level fields are unknown")
    func bareList() {
        let list = """
            [
              {"name": "web", "image": "nginx:latest", "essential": true,
               "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}},
               "portMappings": [{"containerPort": 80}, {"containerPort": 80}]},
              {"name": "web", "image": "envoy:1.30", "environment": [{"name": "API_TOKEN", "value": "t0ps3cret-value"}]}
            ]
            """
        let outcome = TestLint.outcome([("containers.json", list)])
        let ids = outcome.findings.map(\.ruleId)
        // Container rules run: the latest tag, the repeated name, the plaintext secret, health checks.
        #expect(ids.contains("ECS101"))
        #expect(ids.contains("ECS310"))
        #expect(ids.contains("ECS306"))
        #expect(ids.contains("ECS301"))
        // A mapping repeated inside one container is wrong in every network mode.
        #expect(ids.contains("ECS311"))
        // Task-level rules have nothing to judge: the execution role, size and network mode are
        // written in the task definition around the list.
        for taskLevel in ["ECS307", "ECS308", "ECS309", "ECS312", "ECS405", "ECS604", "ECS608"] {
            #expect(!ids.contains(taskLevel), "\(taskLevel) should not judge a bare container list")
        }
        #expect(outcome.project.documents.first?.kind == .containerDefinitions)
    }

    @Test("other arrays are not container definitions")
    func otherArrays() {
        let outcome = TestLint.outcome([("list.json", #"[{"name": "a"}, {"name": "b", "image": "x"}]"#), ("empty.json", "[]")])
        #expect(outcome.findings.isEmpty)
        #expect(outcome.project.documents.allSatisfy { $0.kind == .unknown })
    }
}

@Suite("The summary says what was checked")
struct SummaryTests {
    @Test("a file that holds no known shape is not reported as clean")
    func unrecognizedFile() throws {
        let project = try TemporaryProject()
        try project.write("package.json", #"{"name": "web", "version": "1.0.0"}"# + "\n")
        let result = project.run(["lint", "package.json"])
        #expect(result.code == .clean)
        #expect(result.stderr == """
            0 errors, 0 warnings, 0 notes in 1 file (none of them an ECS or ECR shape ecslint knows)
            ecslint: nothing was linted: package.json holds no ECS task definition, service, ECR repository or lifecycle policy in a shape ecslint knows (README, 'Input shapes')

            """)
        #expect(project.run(["lint", "--quiet", "package.json"]).stderr == "")
    }

    @Test("a mix says how many files were recognized")
    func mixedFiles() throws {
        let project = try TemporaryProject()
        try project.write("package.json", #"{"name": "web"}"# + "\n")
        try project.write("taskdef.json", #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27.0", "user": "1000"}]}"# + "\n")
        let result = project.run(["lint", "--format", "text", "--no-show-source", "package.json", "taskdef.json"])
        #expect(result.stderr.hasSuffix("in 2 files (1 of them is an ECS or ECR shape; the rest were not checked)\n"))
        let json = project.run(["lint", "--format", "json", "package.json", "taskdef.json"])
        #expect(json.stdout.contains("\"unrecognizedFiles\": 1") || json.stdout.contains("\"unrecognizedFiles\" : 1"))
    }
}

@Suite("Message defects found on real input")
struct MessageDefectTests {
    @Test("a grace period on a service whose family two task definitions share says the link is ambiguous")
    func ambiguousTaskDefinition() {
        let service = #"{"serviceName": "web", "taskDefinition": "web", "desiredCount": 1, "healthCheckGracePeriodSeconds": 60}"#
        let first = #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "app:1"}]}"#
        let second = #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "app:2"}]}"#
        let findings = TestLint.findings(
            [("service.json", service), ("a/taskdef.json", first), ("b/taskdef.json", second)], only: ["ECS404"])
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains(
            "(2 linted task definitions have its family, and nothing says which it runs)") == true)
        #expect(!(findings.first?.message.contains("not among the linted files") ?? true))
        #expect(findings.first?.related.map(\.path) == ["a/taskdef.json", "b/taskdef.json"])
    }

    @Test("stable-tag-not-protected reads as a sentence for a catch-all count rule")
    func stableTagGrammar() {
        let policy = """
            {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 500}, "action": {"type": "expire"}}]}
            """
        let findings = TestLint.findings([("policy.json", policy)], only: ["ECS204"])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.message.contains("expires them once 500 newer images of any kind exist") })
        #expect(!findings.contains { $0.message.contains("newer any image") })
    }
}

@Suite("Template sources that stay unreadable")
struct UnreadableTemplateTests {
    @Test("a Go template that does not parse even with placeholders unknown is a note, not a parse error")
    func templateNote() {
        let template = """
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Environment:{{range $name, $value := .EnvVars}}
                      - Name: {{$name}}{{end}}

            """
        let findings = TestLint.outcome([("cf.yml", template)]).findings
        #expect(findings.map { "\($0.ruleId) \($0.range.start) \($0.severity.rawValue)" } == ["ECS003 7:11 note"])
        #expect(findings.first?.message.hasPrefix(
            "template source not linted: it is not valid YAML until rendered, even with its {{ }} placeholders read as unknown values (") == true)
    }

    @Test("a file without template syntax that does not parse is still a parse error")
    func plainParseError() {
        let findings = TestLint.outcome([("taskdef.json", #"{"family": "web", "containerDefinitions": [}"#)]).findings
        #expect(findings.map { "\($0.ruleId) \($0.severity.rawValue)" } == ["ECS000 error"])
    }
}
