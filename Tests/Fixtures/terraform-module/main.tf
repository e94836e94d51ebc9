# An ECS service in the shapes real modules use: locals, jsonencode, templatefile, count,
# for_each, dynamic blocks, conditionals and splats.
locals {
  name        = "${var.project}-${var.environment}"
  image       = "${aws_ecr_repository.app.repository_url}:${var.image_tag}"
  common_tags = merge(var.tags, { Name = local.name, Environment = var.environment })
  ports       = [for port in var.ports : { containerPort = port, protocol = "tcp" }]
}

resource "aws_ecr_repository" "app" {
  name                 = local.name
  image_tag_mutability = var.mutable_tags ? "MUTABLE" : "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "keep the last ${var.keep_images} images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = var.keep_images
      }
      action = { type = "expire" }
    }]
  })
}

resource "aws_ecs_task_definition" "app" {
  family                   = local.name
  cpu                      = var.cpu
  memory                   = var.memory
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  container_definitions = jsonencode([
    {
      name         = "app"
      image        = local.image
      essential    = true
      portMappings = local.ports
      environment  = [for key, value in var.environment_variables : { name = key, value = value }]
    },
    {
      name      = "log-router"
      image     = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"
      essential = false
    },
  ])
  tags = local.common_tags
}

resource "aws_ecs_task_definition" "worker" {
  count                 = var.enable_worker ? 1 : 0
  family                = "${local.name}-worker"
  container_definitions = templatefile("${path.module}/worker.json.tpl", { image = local.image, cpu = var.cpu })
}

resource "aws_ecs_service" "app" {
  name            = local.name
  cluster         = var.cluster_arn
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"

  dynamic "load_balancer" {
    for_each = var.target_group_arn == null ? [] : [var.target_group_arn]
    content {
      target_group_arn = load_balancer.value
      container_name   = "app"
      container_port   = var.ports[0]
    }
  }

  network_configuration {
    subnets         = var.subnet_ids
    security_groups = aws_security_group.app[*].id
  }
}

resource "aws_security_group" "app" {
  count  = 1
  name   = "${local.name}-sg"
  vpc_id = var.vpc_id
}

output "repository_url" {
  value = aws_ecr_repository.app.repository_url
}
