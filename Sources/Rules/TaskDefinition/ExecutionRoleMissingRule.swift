import LinterCore

/// `execution-role-missing`: a task needs the task execution role but declares none.
public struct ExecutionRoleMissingRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS312", name: "execution-role-missing",
        summary: "The task definition has no `executionRoleArn` although the ECS agent needs it to pull images, send logs or fetch secrets.",
        rationale: """
            The task execution role is what the ECS agent (not your application) uses to prepare a task. \
            It is required:

            * on Fargate, External and Managed Instances when an image comes from a private Amazon ECR \
            repository, or a container uses the `awslogs` log driver;
            * on every launch type when a container has `secrets`, `logConfiguration.secretOptions` or \
            `repositoryCredentials`.

            Without it the task fails to start (`CannotPullContainerError`, \
            `ResourceInitializationError: unable to pull secrets`) or registration is rejected. Set \
            `executionRoleArn` to a role with `AmazonECSTaskExecutionRolePolicy` plus read access to the \
            secrets it fetches.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["iam", "execution-role", "secrets", "fargate"],
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html"],
        examples: [
            .invalid(
                "taskdef.json",
                """
                ↓{
                  "family": "web",
                  "requiresCompatibilities": ["FARGATE"],
                  "networkMode": "awsvpc",
                  "cpu": "256",
                  "memory": "512",
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2",
                      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}
                    }
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
                      ↓RequiresCompatibilities: [EC2]
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          Secrets:
                            - Name: DB_PASSWORD
                              ValueFrom: arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf
                """,
                caption: "Secrets need the execution role on every launch type."),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "requiresCompatibilities": ["EC2"],
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2",
                      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}}
                    }
                  ]
                }
                """,
                caption: "On EC2 the container instance role pulls from ECR and writes logs."),
            .valid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      RequiresCompatibilities: [FARGATE]
                      NetworkMode: awsvpc
                      Cpu: 256
                      Memory: 512
                      ExecutionRoleArn: !GetAtt ExecutionRole.Arn
                      ContainerDefinitions:
                        - Name: app
                          Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:1.0"
                          Secrets:
                            - Name: DB_PASSWORD
                              ValueFrom: db-password
                  FargatePublic:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      RequiresCompatibilities: [FARGATE]
                      NetworkMode: awsvpc
                      Cpu: 256
                      Memory: 512
                      ContainerDefinitions:
                        - Name: app
                          Image: public.ecr.aws/nginx/nginx:1.27
                  ExecutionRole:
                    Type: AWS::IAM::Role
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        let project = context.project
        for view in project.taskDefinitionViews {
            let taskDefinition = view.taskDefinition
            guard taskDefinition.executionRoleArn.isAbsent else { continue }
            let compatibilities = (taskDefinition.requiresCompatibilities.value ?? []).map { $0.uppercased() }
            let agentPulls = TaskSizes.fargateReason(view) != nil
                || compatibilities.contains("EXTERNAL") || compatibilities.contains("MANAGED_INSTANCES")
            var reasons: [String] = []
            var related: [RelatedLocation] = []
            func add(_ reason: String, _ location: Location) {
                if !reasons.contains(reason) { reasons.append(reason) }
                related.append(RelatedLocation(location, reason))
            }
            for container in taskDefinition.containers {
                let name = container.displayName
                let logConfiguration = container.logConfiguration
                if agentPulls {
                    for image in container.images where image.isECR == true {
                        add("container '\(name)' pulls from private Amazon ECR", image.location)
                    }
                    if let driver = logConfiguration?.logDriver, driver.value?.lowercased() == "awslogs" {
                        add("container '\(name)' uses the awslogs log driver", driver.location)
                    }
                }
                if let first = container.secrets.first {
                    add("container '\(name)' has secrets", first.reader.location)
                }
                let secretOptions = logConfiguration?.reader.nodeField("secretOptions")
                if let secretOptions, let node = secretOptions.node,
                    !(node.elements?.isEmpty ?? false), !node.isNull, !secretOptions.isAbsent
                {
                    add("container '\(name)' has logConfiguration.secretOptions", secretOptions.location)
                }
                let credentials = container.repositoryCredentials
                if credentials.isPresent || credentials.isUnresolved {
                    add("container '\(name)' uses repositoryCredentials", credentials.location)
                }
            }
            guard !reasons.isEmpty else { continue }
            violations.append(
                Violation(
                    "task definition '\(taskDefinition.displayName)' has no executionRoleArn, but \(reasons.joined(separator: "; ")): the ECS agent needs the task execution role for that, so tasks fail to start; set executionRoleArn to a role with AmazonECSTaskExecutionRolePolicy (and read access to the secrets)",
                    at: taskDefinition.location, related: related))
        }
        return violations
    }
}
