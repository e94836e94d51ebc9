import LinterCore

/// `fargate-invalid-size`: a task-level cpu/memory combination Fargate does not offer.
public struct FargateInvalidSizeRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS307", name: "fargate-invalid-size",
        summary: "A Fargate task definition has no task-level `cpu`/`memory`, or a combination Fargate does not offer.",
        rationale: """
            Fargate sells fixed task sizes and requires both task-level `cpu` and `memory`. Any other \
            combination is rejected when the task definition is registered (or the task is run):

            | cpu | memory (MiB) |
            |---|---|
            | 256 (.25 vCPU) | 512, 1024, 2048 |
            | 512 (.5 vCPU) | 1024–4096 in steps of 1024 |
            | 1024 (1 vCPU) | 2048–8192 in steps of 1024 |
            | 2048 (2 vCPU) | 4096–16384 in steps of 1024 |
            | 4096 (4 vCPU) | 8192–30720 in steps of 1024 |
            | 8192 (8 vCPU) | 16384–61440 in steps of 4096 |
            | 16384 (16 vCPU) | 32768–122880 in steps of 8192 |

            The string forms `"1 vCPU"`, `".25 vcpu"`, `"2 GB"` and `"0.5GB"` are understood. A task \
            definition is on Fargate when `requiresCompatibilities` contains `FARGATE`, or when a \
            service that runs it uses `launchType: FARGATE` or a `FARGATE`/`FARGATE_SPOT` capacity \
            provider. Windows containers on Fargate take only 1, 2 or 4 vCPU. Pick the nearest valid size.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["fargate", "task-size", "cpu", "memory"],
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size"],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "requiresCompatibilities": ["FARGATE"],
                  "networkMode": "awsvpc",
                  "cpu": "256",
                  "memory": ↓"4096",
                  "containerDefinitions": [{"name": "app", "image": "app:1.0"}]
                }
                """,
                fixed: """
                    {
                      "family": "web",
                      "requiresCompatibilities": ["FARGATE"],
                      "networkMode": "awsvpc",
                      "cpu": "512",
                      "memory": "4096",
                      "containerDefinitions": [{"name": "app", "image": "app:1.0"}]
                    }
                    """,
                caption: "The fix raises the size to the nearest one Fargate offers (unsafe: the task costs more)."),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      RequiresCompatibilities: [FARGATE]
                      NetworkMode: awsvpc
                      Cpu: ↓"300"
                      Memory: 1 GB
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                """,
                fixed: """
                    Resources:
                      TaskDefinition:
                        Type: AWS::ECS::TaskDefinition
                        Properties:
                          RequiresCompatibilities: [FARGATE]
                          NetworkMode: awsvpc
                          Cpu: "512"
                          Memory: 1 GB
                          ContainerDefinitions:
                            - Name: app
                              Image: app:1.0
                    """),
            RuleExample(
                .invalid,
                [
                    .init(
                        "service.json",
                        """
                        {"serviceName": "web", "taskDefinition": "web:3", "launchType": "FARGATE", "desiredCount": 2}
                        """),
                    .init(
                        "taskdef.json",
                        """
                        ↓{
                          "family": "web",
                          "networkMode": "awsvpc",
                          "containerDefinitions": [{"name": "app", "image": "app:1.0"}]
                        }
                        """),
                ], caption: "Fargate through the service's launch type; cpu and memory are required."),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "requiresCompatibilities": ["FARGATE"],
                  "networkMode": "awsvpc",
                  "cpu": "1 vCPU",
                  "memory": "3GB",
                  "containerDefinitions": [{"name": "app", "image": "app:1.0"}]
                }
                """),
            .valid(
                "template.yaml",
                """
                Parameters:
                  Memory:
                    Type: String
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      RequiresCompatibilities: [FARGATE]
                      NetworkMode: awsvpc
                      Cpu: .25 vCPU
                      Memory: !Ref Memory
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                  Ec2TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      RequiresCompatibilities: [EC2]
                      Cpu: 300
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                """),
        ], fixes: [.unsafe])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for view in context.project.taskDefinitionViews {
            let taskDefinition = view.taskDefinition
            guard let reason = TaskSizes.fargateReason(view) else { continue }
            if let violation = check(taskDefinition, reason: reason) { violations.append(violation) }
        }
        return violations
    }

    /// The finding for one Fargate task definition, if its size is wrong.
    public func check(_ taskDefinition: TaskDefinition, reason: String) -> Violation? {
        let cpuField = taskDefinition.cpu
        let memoryField = taskDefinition.memory
        let name = taskDefinition.displayName
        let missing = [cpuField.isAbsent ? "cpu" : nil, memoryField.isAbsent ? "memory" : nil].compactMap { $0 }
        if !missing.isEmpty {
            return Violation(
                "Fargate task definition '\(name)' (\(reason)) has no task-level \(missing.joined(separator: " and ")): Fargate requires both and rejects the task definition; set a valid pair such as cpu \"256\" with memory \"512\"",
                at: taskDefinition.location)
        }
        guard let cpuText = cpuField.value, let memoryText = memoryField.value else { return nil }
        let windows = TaskSizes.isWindows(taskDefinition)
        let fix = Self.fix(taskDefinition, cpu: TaskSizes.cpuUnits(cpuText), memory: TaskSizes.memoryMiB(memoryText), windows: windows)
        guard let cpu = TaskSizes.cpuUnits(cpuText) else {
            return Violation(
                "task cpu '\(cpuText)' of Fargate task definition '\(name)' is not a number of CPU units or a vCPU amount: Fargate rejects it; use one of \(TaskSizes.fargateCPUs.map(String.init).joined(separator: ", "))",
                at: cpuField.location)
        }
        guard let allowed = TaskSizes.fargateMemoryByCPU[cpu] else {
            return Violation(
                "task cpu \(cpu) of Fargate task definition '\(name)' (\(reason)) is not a Fargate size: Fargate rejects the task definition; use one of \(TaskSizes.fargateCPUs.map(TaskSizes.describeCPU).joined(separator: ", "))",
                at: cpuField.location, fix: fix)
        }
        if windows, !TaskSizes.fargateWindowsCPUs.contains(cpu) {
            return Violation(
                "task cpu \(TaskSizes.describeCPU(cpu)) of Windows Fargate task definition '\(name)' is not available: Windows containers on Fargate run with 1, 2 or 4 vCPU only, so the task is rejected; use cpu 1024, 2048 or 4096",
                at: cpuField.location, fix: fix)
        }
        guard let memory = TaskSizes.memoryMiB(memoryText) else {
            return Violation(
                "task memory '\(memoryText)' of Fargate task definition '\(name)' is not a number of MiB or a GB amount: Fargate rejects it; with cpu \(TaskSizes.describeCPU(cpu)) use \(TaskSizes.describeMemoryList(allowed)) MiB",
                at: memoryField.location)
        }
        guard !allowed.contains(memory) else { return nil }
        let fitting = TaskSizes.fargatePairs.filter { $0.memory == memory }.map(\.cpu)
        let hint = fitting.isEmpty ? "" : ", or keep \(memory) MiB with cpu \(fitting.map(String.init).joined(separator: " or "))"
        return Violation(
            "task memory \(memory) MiB is not available with cpu \(TaskSizes.describeCPU(cpu)) on Fargate (\(reason)): Fargate rejects the task definition; with that cpu use \(TaskSizes.describeMemoryList(allowed)) MiB\(hint)",
            at: memoryField.location, fix: fix)
    }

    /// The nearest size Fargate offers that is at least as large in cpu and memory as the one
    /// written (the smallest cpu, then the smallest memory). Unsafe: the task gets and costs more.
    static func fix(_ taskDefinition: TaskDefinition, cpu: Int?, memory: Int?, windows: Bool) -> Fix? {
        guard let cpu, let memory,
            let size = TaskSizes.fargatePairs.first(where: { pair in
                pair.cpu >= cpu && pair.memory >= memory && (!windows || TaskSizes.fargateWindowsCPUs.contains(pair.cpu))
            })
        else { return nil }
        var patch = ObjectPatch(taskDefinition.reader)
        if size.cpu != cpu { patch.set("cpu", to: .scalar(String(size.cpu), like: taskDefinition.cpu.node)) }
        if size.memory != memory { patch.set("memory", to: .scalar(String(size.memory), like: taskDefinition.memory.node)) }
        return Fix(
            "Set the task size to cpu \(size.cpu), memory \(size.memory) (the nearest Fargate size)", safety: .unsafe,
            edits: patch.edits)
    }
}
