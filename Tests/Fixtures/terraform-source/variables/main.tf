locals {
  execution_role = "arn:aws:iam::123456789012:role/execution"
  container = {
    essential   = true
    user        = "1000"
    healthCheck = { command = ["CMD", "/healthcheck"] }
  }
  expire = { type = "expire" }
}

resource "aws_ecr_repository" "shop" {
  name                 = var.repository_name
  image_tag_mutability = "MUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_lifecycle_policy" "shop" {
  repository = aws_ecr_repository.shop.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "untagged"
        selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 1 }
        action       = local.expire
      },
      {
        rulePriority = 2
        description  = "releases"
        selection    = { tagStatus = "tagged", tagPrefixList = ["v"], countType = "imageCountMoreThan", countNumber = var.keep_releases }
        action       = local.expire
      },
    ]
  })
}

resource "aws_ecs_task_definition" "service" {
  for_each                 = var.services
  family                   = each.key
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = local.execution_role
  container_definitions = jsonencode([
    merge(local.container, {
      name  = each.key
      image = "${aws_ecr_repository.shop.repository_url}:${each.value}"
      logConfiguration = {
        logDriver = "awslogs"
        options   = { "awslogs-group" = "/ecs/${each.key}", "awslogs-region" = "us-east-1", "awslogs-stream-prefix" = each.key }
      }
    })
  ])
}
