import Testing
@testable import LinterCore
@testable import Linter
import TestKit

/// Builds a one-rule file around a condition, in YAML flow style.
private func ruleFile(
    target: String, assert condition: String, when: String? = nil, options: String? = nil,
    message: String = "{path}={value}", id: String = "ORG-001", enabled: Bool = true
) -> String {
    var text = """
        version: 1
        rules:
          - id: \(id)
            name: org-rule
            summary: A test rule.
            severity: warning
            target: \(target)
            assert: \(condition)
            message: "\(message)"
            enabled: \(enabled)

        """
    if let when { text += "    when: \(when)\n" }
    if let options { text += "    options: \(options)\n" }
    return text
}

private func loadRule(_ text: String) throws -> DeclarativeRule {
    var parser = RuleFileParser(file: SourceFile(path: "rules.yaml", text: text))
    let parsed = parser.parse()
    if !parser.errors.isEmpty { Issue.record(Comment(rawValue: parser.errors.map(\.description).joined(separator: "\n"))) }
    return try #require(parsed.first?.rule)
}

/// Lints `source` (with `↓` markers) with the rule and returns found and expected positions
/// (`path:line:col`) and the messages.
private func run(
    _ rule: DeclarativeRule, _ source: String, file: String = "taskdef.json", configuration: String? = nil
) throws -> (found: [String], expected: [String], messages: [String]) {
    let (sourceFile, markers) = ExampleRunner.stripMarkers(source, path: file)
    var config = Configuration(rootDirectory: ".")
    if let configuration {
        config = try ConfigurationLoader().parse(SourceFile(path: ".ecslint.json", text: configuration), rootDirectory: ".")
    }
    let registry = try RuleRegistry([rule])
    let engine = LintEngine(registry: registry, configuration: config, workers: 1, onlyRules: [rule.metadata.id])
    #expect(engine.unknownRuleKeys().isEmpty)
    let findings = engine.lint(sources: [sourceFile]).findings.filter { $0.ruleId == rule.metadata.id }
    return (
        findings.map { "\($0.path):\($0.range.start)" }.sorted(), markers.map(\.description).sorted(),
        findings.map(\.message)
    )
}

/// Asserts the rule finds exactly the markers of `source`.
private func expectMarkers(
    target: String = "container", _ condition: String, when: String? = nil, options: String? = nil,
    _ source: String, file: String = "taskdef.json", configuration: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let rule = try loadRule(ruleFile(target: target, assert: condition, when: when, options: options))
    let result = try run(rule, source, file: file, configuration: configuration)
    #expect(result.found == result.expected, "messages: \(result.messages)", sourceLocation: sourceLocation)
}

@Suite("Declarative rules: operators")
struct DeclarativeOperatorTests {
    @Test("exists anchors an absent field on the target node")
    func exists() throws {
        try expectMarkers(
            "{path: healthCheck.interval, op: exists}",
            """
            {"family": "web", "containerDefinitions": [
              ↓{"name": "a", "image": "a:1"},
              {"name": "b", "image": "b:1", "healthCheck": {"command": ["CMD", "true"], "interval": 30}}
            ]}
            """)
        let rule = try loadRule(ruleFile(target: "container", assert: "{path: healthCheck, op: exists}"))
        let result = try run(rule, "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"a\"}]}")
        #expect(result.found == ["taskdef.json:1:44"])
        #expect(result.messages == ["healthCheck=(absent)"])
    }

    @Test("absent anchors on the value that is written")
    func absent() throws {
        try expectMarkers(
            "{path: privileged, op: absent}",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "image": "a:1", "privileged": ↓false},
              {"name": "b", "image": "b:1"}
            ]}
            """)
    }

    @Test("equals and notEquals, with CloudFormation's string booleans")
    func equality() throws {
        try expectMarkers(
            "{path: readonlyRootFilesystem, op: equals, value: true}",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "readonlyRootFilesystem": true},
              {"name": "b", "readonlyRootFilesystem": "true"},
              {"name": "c", "readonlyRootFilesystem": ↓false},
              ↓{"name": "d"}
            ]}
            """)
        try expectMarkers(
            "{path: privileged, op: notEquals, value: true}",
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: a
                      Privileged: ↓"true"
                    - Name: b
                      Privileged: false
                    - Name: c
            """, file: "template.yaml")
    }

    @Test("in and notIn")
    func membership() throws {
        try expectMarkers(
            target: "taskDefinition", "{path: networkMode, op: in, value: [awsvpc, bridge]}",
            """
            {"family": "web", "networkMode": ↓"host", "containerDefinitions": []}
            """)
        try expectMarkers(
            target: "taskDefinition", "{path: networkMode, op: notIn, value: [host, none]}",
            """
            {"family": "web", "networkMode": ↓"none", "containerDefinitions": []}
            """)
        try expectMarkers(
            target: "taskDefinition", "{path: networkMode, op: notIn, value: [host]}",
            """
            {"family": "web", "containerDefinitions": []}
            """)
    }

    @Test("matches and notMatches search with the regex compiled at load")
    func patterns() throws {
        try expectMarkers(
            "{path: image.tag, op: matches, value: '^v[0-9]+'}",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "image": "app:v1.2"},
              {"name": "b", "image": ↓"app:latest"},
              {"name": "c", "image": ↓"app"}
            ]}
            """)
        try expectMarkers(
            "{path: user, op: notMatches, value: '^(root|0)(:.*)?$'}",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "user": "1000"},
              {"name": "b", "user": ↓"0:0"},
              {"name": "c"}
            ]}
            """)
    }

    @Test("lessThan, atMost, greaterThan, atLeast at their boundaries")
    func numbers() throws {
        let source = """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "healthCheck": {"command": ["CMD", "true"], "interval": %9}},
              {"name": "b", "healthCheck": {"command": ["CMD", "true"], "interval": %10}},
              {"name": "c", "healthCheck": {"command": ["CMD", "true"], "interval": %11}}
            ]}
            """
        func marked(_ flags: [Bool]) -> String {
            var text = source
            for flag in flags {
                text = text.replacingOccurrences(of: "%", with: flag ? "↓" : "", options: [], range: text.range(of: "%"))
            }
            return text
        }
        try expectMarkers("{path: healthCheck.interval, op: lessThan, value: 10}", marked([false, true, true]))
        try expectMarkers("{path: healthCheck.interval, op: atMost, value: 10}", marked([false, false, true]))
        try expectMarkers("{path: healthCheck.interval, op: greaterThan, value: 10}", marked([true, true, false]))
        try expectMarkers("{path: healthCheck.interval, op: atLeast, value: 10}", marked([true, false, false]))
    }

    @Test("length compares strings, arrays and absent fields (0) with a nested comparison")
    func length() throws {
        try expectMarkers(
            target: "taskDefinition", "{path: family, op: length, value: {op: atMost, value: 5}}",
            """
            {"family": ↓"web-frontend", "containerDefinitions": []}
            """)
        try expectMarkers(
            "{path: portMappings, op: length, value: {op: atLeast, value: 1}}",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "portMappings": [{"containerPort": 80}]},
              {"name": "b", "portMappings": ↓[]},
              ↓{"name": "c"}
            ]}
            """)
        try expectMarkers(
            "{path: portMappings, op: length, value: {op: in, value: [0, 1]}}",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "portMappings": ↓[{"containerPort": 80}, {"containerPort": 81}]}
            ]}
            """)
    }

    @Test("[*] checks every element and [N] one element")
    func wildcards() throws {
        try expectMarkers(
            "{path: 'portMappings[*].hostPort', op: notEquals, value: 22}",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "portMappings": [{"containerPort": 80, "hostPort": 80}, {"containerPort": 22, "hostPort": ↓22}]},
              {"name": "b"}
            ]}
            """)
        try expectMarkers(
            target: "taskDefinition", "{path: 'requiresCompatibilities[0]', op: equals, value: FARGATE}",
            """
            {"family": "web", "requiresCompatibilities": [↓"EC2", "FARGATE"], "containerDefinitions": []}
            """)
        let rule = try loadRule(ruleFile(target: "container", assert: "{path: 'portMappings[*].hostPort', op: atLeast, value: 1024}"))
        let result = try run(
            rule,
            "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"a\", \"portMappings\": [{\"hostPort\": 8080}, {\"hostPort\": 80}]}]}")
        #expect(result.messages == ["portMappings[1].hostPort=80"])
    }
}

@Suite("Declarative rules: combinators, preconditions and options")
struct DeclarativeCombinatorTests {
    @Test("all fails on its first failing condition")
    func all() throws {
        try expectMarkers(
            "{all: [{path: user, op: exists}, {path: user, op: notEquals, value: root}]}",
            """
            {"family": "web", "containerDefinitions": [
              ↓{"name": "a"},
              {"name": "b", "user": ↓"root"},
              {"name": "c", "user": "app"}
            ]}
            """)
    }

    @Test("any passes when one condition passes and anchors on the first otherwise")
    func any() throws {
        try expectMarkers(
            "{any: [{path: image.tag, op: equals, value: stable}, {path: image.digest, op: exists}]}",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "image": "app:stable"},
              {"name": "b", "image": "app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
              {"name": "c", "image": ↓"app:1"}
            ]}
            """)
    }

    @Test("not inverts and anchors on what the inner condition matched")
    func not() throws {
        try expectMarkers(
            target: "taskDefinition", "{not: {path: pidMode, op: equals, value: host}}",
            """
            {"family": "web", "pidMode": ↓"host", "containerDefinitions": []}
            """)
        try expectMarkers(
            "{not: {path: 'linuxParameters.capabilities.add[*]', op: in, value: [SYS_ADMIN, NET_ADMIN]}}",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "linuxParameters": {"capabilities": {"add": [↓"SYS_ADMIN", ↓"NET_ADMIN"]}}},
              {"name": "b", "linuxParameters": {"capabilities": {"add": ["SYS_PTRACE", "NET_ADMIN"]}}}
            ]}
            """)
    }

    @Test("when limits the targets the assertion runs on; a list means all")
    func when() throws {
        try expectMarkers(
            "{path: logConfiguration.logDriver, op: equals, value: awslogs}",
            when: "[{path: essential, op: notEquals, value: false}, {path: logConfiguration, op: exists}]",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "logConfiguration": {"logDriver": ↓"splunk"}},
              {"name": "b", "essential": false, "logConfiguration": {"logDriver": "splunk"}},
              {"name": "c"}
            ]}
            """)
    }

    @Test("an option reference uses the documented default, or the configured value")
    func options() throws {
        let options = "{allowedDrivers: {default: [awslogs], description: Allowed drivers.}}"
        let condition = "{path: logConfiguration.logDriver, op: in, value: {option: allowedDrivers}}"
        let source = """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "logConfiguration": {"logDriver": %"awslogs"}},
              {"name": "b", "logConfiguration": {"logDriver": %"splunk"}}
            ]}
            """
        try expectMarkers(
            condition, options: options,
            source.replacingOccurrences(of: "%\"awslogs", with: "\"awslogs").replacingOccurrences(of: "%", with: "↓"))
        try expectMarkers(
            condition, options: options,
            source.replacingOccurrences(of: "%\"splunk", with: "\"splunk").replacingOccurrences(of: "%", with: "↓"),
            configuration: #"{"rules": {"ORG-001": {"options": {"allowedDrivers": ["splunk"]}}}}"#)
        let rule = try loadRule(ruleFile(
            target: "container", assert: condition, options: options,
            message: "{container.name} in {family} uses {value}, allowed: {option.allowedDrivers}"))
        #expect(rule.metadata.options.map(\.name) == ["allowedDrivers"])
        #expect(rule.metadata.options.first?.defaultValue == #"["awslogs"]"#)
        let result = try run(rule, source.replacingOccurrences(of: "%", with: ""))
        #expect(result.messages == ["b in web uses splunk, allowed: awslogs"])
    }

    @Test("numeric comparisons take an option too")
    func numericOption() throws {
        try expectMarkers(
            "{path: healthCheck.retries, op: atMost, value: {option: maxRetries}}",
            options: "{maxRetries: {default: 5, description: Most retries.}}",
            """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "healthCheck": {"command": ["CMD", "true"], "retries": 5}},
              {"name": "b", "healthCheck": {"command": ["CMD", "true"], "retries": ↓6}}
            ]}
            """)
    }
}

@Suite("Declarative rules: unresolved values, templates and targets")
struct DeclarativeSemanticsTests {
    @Test("CloudFormation !Ref and Fn::Sub are unknown: never satisfy, never fail")
    func cloudFormationUnresolved() throws {
        let template = """
            Parameters:
              Mode:
                Type: String
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  NetworkMode: %!Ref Mode
                  ContainerDefinitions:
                    - Name: a
                      Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:1"
            """
        try expectMarkers(
            target: "taskDefinition", "{path: networkMode, op: equals, value: awsvpc}",
            template.replacingOccurrences(of: "%", with: ""), file: "template.yaml")
        try expectMarkers(
            target: "taskDefinition", "{path: networkMode, op: notEquals, value: awsvpc}",
            template.replacingOccurrences(of: "%", with: ""), file: "template.yaml")
        try expectMarkers(
            target: "taskDefinition", "{path: networkMode, op: equals, value: awsvpc, resolved: true}",
            template.replacingOccurrences(of: "%", with: "↓"), file: "template.yaml")
        try expectMarkers(
            target: "taskDefinition", "{path: networkMode, op: exists}",
            template.replacingOccurrences(of: "%", with: ""), file: "template.yaml")
        try expectMarkers(
            target: "image", "{path: registry, op: equals, value: docker.io}",
            template.replacingOccurrences(of: "%", with: ""), file: "template.yaml")
    }

    @Test("ecspresso {{ must_env }} placeholders are unknown")
    func ecspressoUnresolved() throws {
        let source = """
            {"family": "web", "containerDefinitions": [
              {"name": "a", "user": %"{{ must_env `USER` }}", "image": "app:{{ must_env `TAG` }}"}
            ]}
            """
        try expectMarkers("{path: user, op: notMatches, value: '^root$'}", source.replacingOccurrences(of: "%", with: ""))
        try expectMarkers("{path: user, op: matches, value: '^[0-9]+$'}", source.replacingOccurrences(of: "%", with: ""))
        try expectMarkers("{path: image.tag, op: equals, value: v1}", source.replacingOccurrences(of: "%", with: ""))
        try expectMarkers(
            "{path: user, op: matches, value: '^[0-9]+$', resolved: true}", source.replacingOccurrences(of: "%", with: "↓"))
    }

    @Test("one rule covers API JSON, CloudFormation and Terraform key spellings")
    func keyStyles() throws {
        let condition = "{path: healthCheck.interval, op: atLeast, value: 10}"
        try expectMarkers(
            condition,
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: a
                      HealthCheck:
                        Command: [CMD, "true"]
                        Interval: ↓5
            """, file: "template.yaml")
        try expectMarkers(
            target: "repository", "{path: imageScanningConfiguration.scanOnPush, op: equals, value: true}",
            """
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
              {"address": "aws_ecr_repository.web", "type": "aws_ecr_repository",
               "values": {"name": "web", "image_scanning_configuration": [{"scan_on_push": ↓false}]}}
            ]}}}
            """, file: "plan.json")
    }

    @Test("message templates fill the target's names and never show secret values")
    func templates() throws {
        let rule = try loadRule(ruleFile(
            target: "container", assert: "{path: 'environment[*].value', op: notMatches, value: '^s3cr'}",
            message: "{family}/{container.name}: {path} is {value}"))
        let result = try run(
            rule,
            #"{"family": "web", "containerDefinitions": [{"name": "app", "environment": [{"name": "TOKEN", "value": "s3cret"}]}]}"#)
        #expect(result.messages == ["web/app: environment[0].value is (redacted)"])
        #expect(!result.messages.joined().contains("s3cret"))

        let service = try loadRule(ruleFile(
            target: "service", assert: "{path: name, op: matches, value: '^svc-'}", message: "service {service.name}: {value}"))
        let serviceResult = try run(
            service, #"{"serviceName": ↓"web", "cluster": "main", "desiredCount": 2}"#, file: "service.json")
        #expect(serviceResult.found == serviceResult.expected)
        #expect(serviceResult.messages == ["service web: web"])

        let braces = MessageTemplate.parse("use {{ must_env }} for {value}")
        #expect(braces.placeholders == ["value"])
    }

    @Test("lifecycle rules and policies are targets")
    func lifecycle() throws {
        try expectMarkers(
            target: "lifecycleRule", "{path: selection.countNumber, op: atLeast, value: 3}",
            """
            {"rules": [
              {"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": ↓1}, "action": {"type": "expire"}},
              {"rulePriority": 2, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30}, "action": {"type": "expire"}}
            ]}
            """, file: "lifecycle-policy.json")
        try expectMarkers(
            target: "lifecyclePolicy", "{path: rules, op: length, value: {op: atMost, value: 1}}",
            """
            {"rules": ↓[
              {"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 1}, "action": {"type": "expire"}},
              {"rulePriority": 2, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30}, "action": {"type": "expire"}}
            ]}
            """, file: "lifecycle-policy.json")
    }

    @Test("ASCII paths parse on the bytes exactly as on scalars, results and problems alike")
    func asciiPathParsingMatchesScalarParsing() {
        var texts = DeclarativeTarget.allCases.flatMap(\.knownPaths)
        texts += [
            "", ".", "a.", ".a", "a..b", "a[", "a[]", "a[*", "a[*]", "a[*]b", "a[*].b", "a[0][1]", "a[+3]", "a[-0]",
            "a[-1]", "a[x]", "a]b", "[*]", "a b", "a$b", "a.b.c[12].d", "x-y_z@w/v:u", "a[*][*].b", "a.[*]", "a[1].",
            "é", "a.é[*]", "naïve.x",
        ]
        func outcome(_ result: Result<RulePath, PathProblem>) -> String {
            switch result {
            case .success(let path): return "ok \(path.text) \(path.segments)"
            case .failure(let problem): return "problem \(problem.reason)"
            }
        }
        for text in texts {
            #expect(outcome(RulePath.parse(text)) == outcome(RulePath.parseScalars(text)), "\(text)")
        }
        #expect(outcome(RulePath.parse("a[*].b")) == "ok a[*].b [Linter.PathSegment.key(\"a\"), Linter.PathSegment.elements, Linter.PathSegment.key(\"b\")]")
    }

    @Test("paths are validated against the documented list of each target")
    func knownPaths() throws {
        func known(_ path: String, _ target: DeclarativeTarget) -> Bool {
            guard case .success(let parsed) = RulePath.parse(path) else { return false }
            return parsed.isKnown(in: target)
        }
        #expect(known("portMappings[*].hostPort", .container))
        #expect(known("portMappings[2].hostPort", .container))
        #expect(known("portMappings", .container))
        #expect(known("logConfiguration.options.awslogs-group", .container))
        #expect(known("dockerLabels.team", .container))
        #expect(known("imageScanningConfiguration.scanOnPush", .repository))
        #expect(!known("scanOnPush", .repository))
        #expect(!known("healthCheck.intervall", .container))
        #expect(!known("family", .container))
        #expect(!known("portMappings.hostPort", .container))
        for target in DeclarativeTarget.allCases {
            for path in target.knownPaths {
                #expect(known(path.replacingOccurrences(of: ".*", with: ".x"), target), "\(target) \(path)")
            }
        }
    }
}

@Suite("Declarative rules: fixes")
struct DeclarativeFixTests {
    @Test("a fix writes its fields in each input's key style, creating the objects on the way")
    func fixWritesFields() throws {
        let text = ruleFile(target: "container", assert: "{path: linuxParameters.initProcessEnabled, op: equals, value: true}")
            + "    fix: {safety: safe, set: {linuxParameters.initProcessEnabled: true}}\n"
        let rule = try loadRule(text)
        #expect(rule.metadata.fixes == [.safe])
        let template = "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: app:1\n"
        let engine = LintEngine(
            registry: try RuleRegistry([rule]), configuration: Configuration(rootDirectory: "."), workers: 1, onlyRules: [rule.metadata.id])
        let outcome = engine.lint(sources: [SourceFile(path: "t.yaml", text: template)])
        let fix = try #require(outcome.findings.first?.fix)
        #expect(fix.title == "Set linuxParameters.initProcessEnabled to true")
        #expect(fix.safety == .safe)
        let result = FixRunner(engine: engine, safety: .safe).run(outcome)
        #expect(
            result.changed["t.yaml"].map { String(decoding: $0.bytes, as: UTF8.self) }
                == template + "          LinuxParameters:\n            InitProcessEnabled: true\n")
        #expect(result.outcome.findings.isEmpty)
    }
}

@Suite("Declarative rules: load errors")
struct DeclarativeLoadErrorTests {
    private func errors(_ text: String, file: String = "org.json") -> [String] {
        var parser = RuleFileParser(file: SourceFile(path: file, text: text))
        _ = parser.parse()
        return parser.errors.map(\.description)
    }

    private func json(_ rule: String) -> String {
        """
        {"version": 1, "rules": [
        {"id": "ORG-001", "name": "org-rule", "summary": "S.", "severity": "warning", "target": "container",
        \(rule)}
        ]}
        """
    }

    @Test("unknown operator, with a suggestion")
    func unknownOperator() {
        #expect(
            errors(json(#""assert": {"path": "user", "op": "equal", "value": "x"}, "message": "m""#))
                == ["org.json:3:34: error: unknown operator 'equal' (did you mean 'equals'?)"])
    }

    @Test("bad regular expression")
    func badRegex() {
        #expect(
            errors(json(#""assert": {"path": "user", "op": "matches", "value": "(["}, "message": "m""#))
                == ["org.json:3:54: error: invalid regular expression '(['"])
    }

    @Test("a path no field of the target has")
    func unknownPath() {
        #expect(
            errors(json(#""assert": {"path": "healthCheck.intervall", "op": "exists"}, "message": "m""#))
                == [
                    "org.json:3:20: error: unknown path 'healthCheck.intervall' for target container (did you mean 'healthCheck.interval'?); see rules.d/README.md for the paths of each target"
                ])
        #expect(
            errors(json(#""assert": {"path": "a..b", "op": "exists"}, "message": "m""#))
                == ["org.json:3:20: error: invalid path 'a..b': an empty name before '.'"])
    }

    @Test("missing message, at the rule object")
    func missingMessage() {
        #expect(
            errors(json(#""assert": {"path": "user", "op": "exists"}"#))
                == ["org.json:2:1: error: the rule is missing 'message'"])
    }

    @Test("unknown target and unknown key")
    func unknownTargetAndKey() {
        let text = """
            version: 1
            rules:
              - id: ORG-001
                name: org-rule
                summary: S.
                severity: warning
                target: containr
                assert: {path: user, op: exists}
                message: m
                colour: red
            """
        #expect(
            errors(text, file: "org.yaml") == [
                "org.yaml:10:5: error: unknown key 'colour' in rule",
                "org.yaml:7:13: error: unknown target 'containr' (did you mean 'container'?); use one of: taskDefinition, container, service, repository, lifecyclePolicy, lifecycleRule, image",
            ])
    }

    @Test("unknown key in a condition, unknown option, unknown placeholder, bad severity, syntax error")
    func otherErrors() {
        #expect(
            errors(json(#""assert": {"path": "user", "op": "exists", "valu": 1}, "message": "m""#))
                == ["org.json:3:44: error: unknown key 'valu' in condition (did you mean 'value'?)"])
        #expect(
            errors(json(#""assert": {"path": "user", "op": "in", "value": {"option": "names"}}, "message": "m""#))
                == ["org.json:3:60: error: unknown option 'names'; declare it in the rule's 'options'"])
        #expect(
            errors(json(#""assert": {"path": "user", "op": "exists"}, "message": "{service.name}""#))
                == [
                    "org.json:3:56: error: unknown message placeholder '{service.name}'; this target offers {value}, {path}, {family}, {container.name} and {option.NAME}"
                ])
        #expect(errors("{\"version\": 1, \"rules\": [}").count == 1)
        #expect(errors("{\"version\": 2, \"rules\": []}") == ["org.json:1:13: error: unsupported version; only 1 is defined"])
    }

    @Test("duplicate ids and names, within a directory and against existing rules, at the id or name")
    func duplicates() throws {
        let directory = try TemporaryProject(git: false)
        let rule = """
            {"version": 1, "rules": [
              {"id": "ORG-001", "name": "org-rule", "summary": "S.", "severity": "note", "target": "container",
               "assert": {"path": "user", "op": "exists"}, "message": "m"},
              {"id": "ORG-001", "name": "other-rule", "summary": "S.", "severity": "note", "target": "container",
               "assert": {"path": "user", "op": "exists"}, "message": "m"},
              {"id": "ORG-003", "name": "existing-rule", "summary": "S.", "severity": "note", "target": "container",
               "assert": {"path": "user", "op": "exists"}, "message": "m"}
            ]}
            """
        try directory.write("org.json", rule)
        let existing = RuleMetadata(
            id: "ECS999", name: "existing-rule", summary: "S.", rationale: "R.", defaultSeverity: .note, category: .correctness)
        guard case .failure(let failure) = RuleDirectoryLoader.load(directory.path, existing: [existing]) else {
            Issue.record("expected load errors")
            return
        }
        #expect(
            failure.errors.map(\.description) == [
                "\(directory.path)/org.json:4:10: error: duplicate rule id 'ORG-001': already used by rule ORG-001 (org-rule) at \(directory.path)/org.json:2:10",
                "\(directory.path)/org.json:6:29: error: duplicate rule name 'existing-rule': already used by rule ECS999 (existing-rule)",
            ])
    }

    @Test("a fix needs a safety class and paths of named keys the target knows")
    func fixErrors() {
        let assertion = #""assert": {"path": "user", "op": "exists"}, "message": "m", "#
        #expect(
            errors(json(assertion + #""fix": {"set": {"user": "1000"}, "colour": 1}"#)) == [
                "org.json:3:94: error: unknown key 'colour' in fix",
                "org.json:3:68: error: the fix is missing 'safety'",
            ])
        #expect(errors(json(assertion + #""fix": {"safety": "maybe", "set": {"user": "1000"}}"#)) == [
            "org.json:3:79: error: unknown fix safety 'maybe'; use safe or unsafe"
        ])
        #expect(errors(json(assertion + #""fix": {"safety": "safe", "set": {"portMappings[0].hostPort": 80}}"#)) == [
            "org.json:3:95: error: a fix sets fields by named keys; 'portMappings[0].hostPort' holds a list index"
        ])
        #expect(errors(json(assertion + #""fix": {"safety": "safe", "set": {"usr": "1000"}}"#)) == [
            "org.json:3:95: error: unknown path 'usr' for target container (did you mean 'user'?)"
        ])
        #expect(errors(json(assertion + #""fix": {"safety": "safe", "set": {}}"#)) == [
            "org.json:3:94: error: 'set' is a non-empty object of paths and the values to write"
        ])
    }

    @Test("a directory that does not exist is an error, not a crash")
    func missingDirectory() {
        guard case .failure(let failure) = RuleDirectoryLoader.load("/nonexistent/rules.d") else {
            Issue.record("expected an error")
            return
        }
        #expect(failure.description == "/nonexistent/rules.d: error: the rules directory does not exist or cannot be read")
    }
}
