import LinterCore

/// `depends-on-invalid`: container dependencies ECS rejects or that can never be satisfied.
public struct DependsOnInvalidRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS303", name: "depends-on-invalid",
        summary: "A container `dependsOn` entry names a missing container, itself, a condition its target cannot meet, or closes a cycle.",
        rationale: """
            `dependsOn` orders container start-up (and, reversed, shutdown) inside a task. ECS rejects or \
            never starts a task when:

            * `containerName` is not a container of the same task definition, or is the container itself;
            * the condition is `HEALTHY` but the target has no `healthCheck` (there is no status to wait for);
            * the condition is `SUCCESS` or `COMPLETE` but the target is essential (an essential container \
            that exits stops the whole task, so nothing could start after it);
            * the condition is not one of `START`, `COMPLETE`, `SUCCESS`, `HEALTHY`;
            * the dependencies form a cycle (`a → b → a`): no container of the cycle can ever start.

            Fix the name, add a health check, mark an init container `essential: false`, or break the cycle. \
            Each cycle is reported once, at the dependency that closes it.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["container", "dependencies", "startup"],
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html"],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "app:1.0",
                      "dependsOn": [
                        {"containerName": ↓"migrations", "condition": "SUCCESS"},
                        {"containerName": "proxy", "condition": ↓"HEALTHY"},
                        {"containerName": "agent", "condition": ↓"COMPLETE"},
                        {"containerName": ↓"app", "condition": "START"}
                      ]
                    },
                    {"name": "proxy", "image": "envoy:1.30"},
                    {"name": "agent", "image": "agent:2.1"}
                  ]
                }
                """),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: a
                          Image: app:1.0
                          DependsOn:
                            - ContainerName: b
                              Condition: START
                        - Name: b
                          Image: sidecar:1.0
                          DependsOn:
                            - ContainerName: ↓a
                              Condition: START
                """,
                caption: "The cycle a → b → a is reported once."),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "app:1.0",
                      "dependsOn": [
                        {"containerName": "init", "condition": "SUCCESS"},
                        {"containerName": "proxy", "condition": "HEALTHY"}
                      ]
                    },
                    {"name": "init", "image": "init:1.0", "essential": false},
                    {"name": "proxy", "image": "envoy:1.30", "healthCheck": {"command": ["CMD", "/ready"]}}
                  ]
                }
                """),
            .valid(
                "template.yaml",
                """
                Parameters:
                  Sidecar:
                    Type: String
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          DependsOn:
                            - ContainerName: !Ref Sidecar
                              Condition: START
                            - ContainerName: log-router
                              Condition: START
                        - Name: log-router
                          Image: fluent-bit:3.0
                """),
        ])

    public init() {}

    static let conditions: Set<String> = ["START", "COMPLETE", "SUCCESS", "HEALTHY"]

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            violations += check(taskDefinition)
        }
        return violations
    }

    private func check(_ taskDefinition: TaskDefinition) -> [Violation] {
        var violations: [Violation] = []
        let containers = taskDefinition.containers
        let allNamesKnown = containers.allSatisfy { $0.name.isPresent }
        var byName: [String: Int] = [:]
        for (position, container) in containers.enumerated() {
            if let name = container.name.value, byName[name] == nil { byName[name] = position }
        }
        // Edges for cycle detection: container position → (target position, dependency).
        var edges: [[(Int, ContainerDependency)]] = Array(repeating: [], count: containers.count)
        for (position, container) in containers.enumerated() {
            let name = container.displayName
            for dependency in container.dependsOn {
                guard let targetName = dependency.containerName.value else { continue }
                if targetName == container.name.value {
                    violations.append(
                        Violation(
                            "container '\(name)' depends on itself: ECS rejects the task definition because the container could never start; remove this dependsOn entry",
                            at: dependency.containerName.location))
                    continue
                }
                guard let target = byName[targetName] else {
                    if allNamesKnown {
                        let known = containers.compactMap(\.name.value).map { "'\($0)'" }.joined(separator: ", ")
                        violations.append(
                            Violation(
                                "container '\(name)' depends on '\(targetName)', which is not a container of this task definition (containers: \(known)): ECS rejects the task definition; fix the name or remove the dependency",
                                at: dependency.containerName.location))
                    }
                    continue
                }
                edges[position].append((target, dependency))
                guard let condition = dependency.condition.value?.uppercased() else { continue }
                let targetContainer = containers[target]
                if !Self.conditions.contains(condition) {
                    violations.append(
                        Violation(
                            "dependsOn condition '\(condition)' of container '\(name)' is not START, COMPLETE, SUCCESS or HEALTHY: ECS rejects the task definition; use one of those",
                            at: dependency.condition.location))
                } else if condition == "HEALTHY", targetContainer.healthCheckField.isAbsent {
                    violations.append(
                        Violation(
                            "container '\(name)' waits for '\(targetName)' to be HEALTHY, but '\(targetName)' has no healthCheck: there is no health status to wait for, so the task cannot start; add a healthCheck to '\(targetName)' or wait for START",
                            at: dependency.condition.location,
                            related: [RelatedLocation(targetContainer.anchor, "the container without a health check")]))
                } else if condition == "SUCCESS" || condition == "COMPLETE", targetContainer.isEssential == true {
                    violations.append(
                        Violation(
                            "container '\(name)' waits for essential container '\(targetName)' to \(condition == "SUCCESS" ? "exit successfully" : "exit"): an essential container that exits stops the whole task, so ECS rejects this; mark '\(targetName)' essential: false or wait for START/HEALTHY",
                            at: dependency.condition.location,
                            related: [RelatedLocation(targetContainer.anchor, "the essential container")]))
                }
            }
        }
        violations += cycles(containers, edges: edges)
        return violations
    }

    /// One finding per back edge of a depth-first search: each closes a distinct cycle.
    private func cycles(_ containers: [ContainerDefinition], edges: [[(Int, ContainerDependency)]]) -> [Violation] {
        var violations: [Violation] = []
        enum Mark { case unvisited, onStack, done }
        var marks = Array(repeating: Mark.unvisited, count: containers.count)
        var stack: [Int] = []
        var reported: Set<[Int]> = []

        func visit(_ node: Int) {
            marks[node] = .onStack
            stack.append(node)
            for (target, dependency) in edges[node] {
                switch marks[target] {
                case .unvisited:
                    visit(target)
                case .onStack:
                    guard let start = stack.lastIndex(of: target) else { continue }
                    let cycle = Array(stack[start...])
                    guard let minimum = cycle.min(), let rotation = cycle.firstIndex(of: minimum) else { continue }
                    let canonical = Array(cycle[rotation...] + cycle[..<rotation])
                    guard reported.insert(canonical).inserted else { continue }
                    let names = (cycle + [target]).map { containers[$0].displayName }.joined(separator: " → ")
                    violations.append(
                        Violation(
                            "containers depend on each other in a cycle (\(names)): none of them can start first, so the task never starts; remove one of these dependencies",
                            at: dependency.containerName.location,
                            related: cycle.map { RelatedLocation(containers[$0].anchor, "part of the cycle") }))
                case .done:
                    break
                }
            }
            stack.removeLast()
            marks[node] = .done
        }

        for node in containers.indices where marks[node] == .unvisited {
            visit(node)
        }
        return violations
    }
}
