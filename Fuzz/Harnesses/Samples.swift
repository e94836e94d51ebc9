// Fixed documents the configuration and rules.d harnesses lint with what they parsed (a Terraform
// module among them, for the configuration's terraform settings).
import LinterCore
import Linter

enum Samples {
    static let files: [(String, String)] = [
        ("/p/taskdef.json", """
            {
              "family": "web",
              "requiresCompatibilities": ["FARGATE"],
              "networkMode": "awsvpc",
              "cpu": "256",
              "memory": "512",
              "containerDefinitions": [
                {"name": "app", "image": "nginx:latest", "essential": true, "memory": 1024,
                 "portMappings": [{"containerPort": 80}, {"containerPort": 80}],
                 "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}],
                 "dependsOn": [{"containerName": "sidecar", "condition": "HEALTHY"}]}
              ]
            }
            """),
        ("/p/service.yaml", """
            # ecslint-disable-next-line ECS999
            Resources:
              Service:
                Type: AWS::ECS::Service
                Properties:
                  Cluster: main
                  DesiredCount: 2
                  LaunchType: FARGATE
                  TaskDefinition: !Ref TaskDef
                  HealthCheckGracePeriodSeconds: 60
              Repo:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryName: web
                  ImageTagMutability: MUTABLE
                  LifecyclePolicy:
                    LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}'
            """),
        ("/p/policy.json", """
            {"registryId": "123456789012", "repositoryName": "web",
             "lifecyclePolicyText": "{\\"rules\\":[{\\"rulePriority\\":1,\\"selection\\":{\\"tagStatus\\":\\"tagged\\",\\"tagPatternList\\":[\\"v*\\"],\\"countType\\":\\"sinceImagePushed\\",\\"countUnit\\":\\"days\\",\\"countNumber\\":30},\\"action\\":{\\"type\\":\\"expire\\"}}]}"}
            """),
        ("/p/infra/main.tf", """
            variable "tag" { default = "latest" }

            resource "aws_ecr_repository" "web" {
              name                 = "web"
              image_tag_mutability = "MUTABLE"
            }

            # ecslint-disable-next-line ECS999
            resource "aws_ecs_task_definition" "web" {
              family = "web"
              container_definitions = jsonencode([{ name = "web", image = "${aws_ecr_repository.web.repository_url}:${var.tag}" }])
            }
            """),
        ("/p/infra/prod.tfvars", """
            tag = "v1.2.3"
            """),
    ]

    static var sources: [SourceFile] { files.map { SourceFile(path: $0.0, text: $0.1) } }
}
