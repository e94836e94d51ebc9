resource "aws_ecr_repository" "shop" {
  name                 = "shop"
  image_tag_mutability = "MUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_lifecycle_policy" "shop" {
  repository = aws_ecr_repository.shop.name
  policy     = file("${path.module}/policy.json")
}

resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = "arn:aws:iam::123456789012:role/execution"
  container_definitions    = file("web.json")
}

resource "aws_ecs_task_definition" "billing" {
  family                   = "billing"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = "arn:aws:iam::123456789012:role/execution"
  container_definitions = templatefile("${path.module}/billing.json.tpl", {
    repository = aws_ecr_repository.shop.repository_url
    tag        = "v1.0"
    memory     = 512
  })
}
