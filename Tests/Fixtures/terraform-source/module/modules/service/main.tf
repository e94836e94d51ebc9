variable "name" {
  type = string
}

variable "image" {
  type = string
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = "arn:aws:iam::123456789012:role/execution"
  container_definitions = jsonencode([
    {
      name        = var.name
      image       = var.image
      essential   = true
      user        = "1000"
      healthCheck = { command = ["CMD", "/healthcheck"] }
      logConfiguration = {
        logDriver = "awslogs"
        options   = { "awslogs-group" = "/ecs/${var.name}", "awslogs-region" = "us-east-1", "awslogs-stream-prefix" = var.name }
      }
    }
  ])
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}
