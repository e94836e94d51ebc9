resource "aws_ecr_repository" "shop" {
  name                 = "shop"
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
        action       = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "releases"
        selection    = { tagStatus = "tagged", tagPrefixList = ["v"], countType = "imageCountMoreThan", countNumber = 3 }
        action       = { type = "expire" }
      },
    ]
  })
}

resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = "arn:aws:iam::123456789012:role/execution"
  container_definitions = jsonencode([
    {
      name        = "web"
      image       = "${aws_ecr_repository.shop.repository_url}:latest"
      essential   = true
      user        = "1000"
      healthCheck = { command = ["CMD", "/healthcheck"] }
      logConfiguration = {
        logDriver = "awslogs"
        options   = { "awslogs-group" = "/ecs/web", "awslogs-region" = "us-east-1", "awslogs-stream-prefix" = "web" }
      }
    }
  ])
}

resource "aws_ecs_task_definition" "billing" {
  family                   = "billing"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = "arn:aws:iam::123456789012:role/execution"
  container_definitions = jsonencode([
    {
      name        = "billing"
      image       = "${aws_ecr_repository.shop.repository_url}:v1.0"
      essential   = true
      user        = "1000"
      healthCheck = { command = ["CMD", "/healthcheck"] }
      logConfiguration = {
        logDriver = "awslogs"
        options   = { "awslogs-group" = "/ecs/billing", "awslogs-region" = "us-east-1", "awslogs-stream-prefix" = "billing" }
      }
    }
  ])
}
