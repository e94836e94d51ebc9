variable "name" {
  type = string
}

variable "image" {
  type = string
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = 30
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = "arn:aws:iam::123456789012:role/${var.name}-execution"

  container_definitions = jsonencode([
    {
      name                   = var.name
      image                  = var.image
      essential              = true
      user                   = "1000"
      readonlyRootFilesystem = true
      portMappings           = [{ containerPort = 8080 }]
      healthCheck = {
        command  = ["CMD", "/app/healthcheck"]
        interval = 15
        timeout  = 5
        retries  = 3
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.this.name
          "awslogs-region"        = "us-east-1"
          "awslogs-stream-prefix" = var.name
        }
      }
    }
  ])
}

resource "aws_ecs_service" "this" {
  name            = var.name
  cluster         = "production"
  task_definition = aws_ecs_task_definition.this.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets         = ["subnet-0123456789abcdef0"]
    security_groups = ["sg-0123456789abcdef0"]
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}
