import LinterCore

/// `container-resources-exceed-task`: containers ask for more cpu or memory than the task has.
public struct ContainerResourcesExceedTaskRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS309", name: "container-resources-exceed-task",
        summary: "The containers' cpu or memory add up to more than the task-level size, or a container's memory is below its memoryReservation.",
        rationale: """
            Task-level `cpu` and `memory` are the budget every container shares. ECS rejects a task \
            definition whose containers' `memory` (or `memoryReservation` where `memory` is not set) or \
            `cpu` add up to more than the task size; task-level values are read in all their forms \
            (`"1024"`, `"1 vCPU"`, `"2 GB"`).

            Inside one container, `memory` is the hard limit and `memoryReservation` the soft one: ECS \
            rejects a soft limit above the hard limit. Equal values are accepted and are not reported: \
            Docker refuses only a reservation above the limit, and the CDK validates the same way \
            ([ContainerDefinition](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html) \
            says "greater than"; AWS's correction of its guide, awsdocs/amazon-ecs-developer-guide#242, \
            says "greater than or equal to").

            Raise the task size or lower the container values. Unresolved values (parameters, \
            placeholders) are not added up.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["cpu", "memory", "task-size", "container"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size",
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
        ],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "cpu": "512",
                  "memory": ↓"1 GB",
                  "containerDefinitions": [
                    {"name": "app", "image": "app:1.0", "cpu": 256, "memory": 768},
                    {"name": "proxy", "image": "envoy:1.30", "cpu": 256, "memoryReservation": 512}
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
                      Cpu: ↓.25 vCPU
                      Memory: 2048
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          Cpu: 512
                          Memory: ↓256
                          MemoryReservation: 512
                """),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "cpu": "1 vCPU",
                  "memory": "2048",
                  "containerDefinitions": [
                    {"name": "app", "image": "app:1.0", "cpu": 768, "memory": 1536, "memoryReservation": 1024},
                    {"name": "proxy", "image": "envoy:1.30", "cpu": 256, "memoryReservation": 512}
                  ]
                }
                """),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"name": "app", "image": "app:1.0", "memory": 1024, "memoryReservation": 1024}
                  ]
                }
                """, caption: "A hard limit equal to the soft limit is accepted."),
            .valid(
                "template.yaml",
                """
                Parameters:
                  AppMemory:
                    Type: Number
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      Cpu: 256
                      Memory: 512
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          Memory: !Ref AppMemory
                        - Name: proxy
                          Image: envoy:1.30
                          Memory: 256
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            let name = taskDefinition.displayName
            let containers = taskDefinition.containers
            // Memory.
            if let memoryText = taskDefinition.memory.value, let taskMemory = TaskSizes.memoryMiB(memoryText) {
                var total = 0
                var parts: [String] = []
                var known = true
                for container in containers {
                    let field = container.memory.isAbsent ? container.memoryReservation : container.memory
                    switch field.state {
                    case .present(let value):
                        total += value
                        parts.append("'\(container.displayName)' \(value)")
                    case .unresolved: known = false
                    case .absent: break
                    }
                }
                if known, total > taskMemory {
                    violations.append(
                        Violation(
                            "the containers of task definition '\(name)' ask for \(total) MiB of memory (\(parts.joined(separator: ", "))) but the task has \(taskMemory) MiB: ECS rejects the task definition; raise the task memory or lower the containers' memory",
                            at: taskDefinition.memory.location))
                }
            }
            // CPU.
            if let cpuText = taskDefinition.cpu.value, let taskCPU = TaskSizes.cpuUnits(cpuText) {
                var total = 0
                var parts: [String] = []
                var known = true
                for container in containers {
                    switch container.cpu.state {
                    case .present(let value):
                        total += value
                        parts.append("'\(container.displayName)' \(value)")
                    case .unresolved: known = false
                    case .absent: break
                    }
                }
                if known, total > taskCPU {
                    violations.append(
                        Violation(
                            "the containers of task definition '\(name)' ask for \(total) CPU units (\(parts.joined(separator: ", "))) but the task has \(taskCPU): ECS rejects the task definition; raise the task cpu or lower the containers' cpu",
                            at: taskDefinition.cpu.location))
                }
            }
            // Hard limit below the soft limit.
            for container in containers {
                guard let memory = container.memory.value, let reservation = container.memoryReservation.value,
                    memory < reservation
                else { continue }
                violations.append(
                    Violation(
                        "container '\(container.displayName)' has memory \(memory) MiB, below its memoryReservation \(reservation) MiB: the hard limit cannot be lower than the soft limit, so ECS rejects it; raise memory or lower memoryReservation",
                        at: container.memory.location,
                        related: [RelatedLocation(container.memoryReservation.location, "the memory reservation")]))
            }
        }
        return violations
    }
}
