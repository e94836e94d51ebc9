module "ecr" {
  source  = "cloudposse/ecr/aws"
  version = "0.42.1"

  name                 = "shop"
  image_tag_mutability = "MUTABLE"
  scan_images_on_push  = true

  default_lifecycle_rules_settings = {
    untagged_image_rule   = { enabled = false }
    remove_old_image_rule = { enabled = false }
  }
  custom_lifecycle_rules = [
    {
      description = "untagged"
      selection   = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 1 }
      action      = { type = "expire" }
    },
    {
      description = "releases"
      selection   = { tagStatus = "tagged", tagPrefixList = ["v"], countType = "imageCountMoreThan", countNumber = 3 }
      action      = { type = "expire" }
    },
  ]
}

module "web_container" {
  source  = "cloudposse/ecs-container-definition/aws"
  version = "0.61.2"

  container_name  = "web"
  container_image = "${module.ecr.repository_url}:latest"
  essential       = true
  user            = "1000"
  healthcheck = {
    command = ["CMD", "/healthcheck"]
  }
  log_configuration = {
    logDriver = "awslogs"
    options = {
      "awslogs-group"         = "/ecs/web"
      "awslogs-region"        = "us-east-1"
      "awslogs-stream-prefix" = "web"
    }
  }
}

module "billing_container" {
  source  = "cloudposse/ecs-container-definition/aws"
  version = "0.61.2"

  container_name  = "billing"
  container_image = "${module.ecr.repository_url}:v1.0"
  essential       = true
  user            = "1000"
  healthcheck = {
    command = ["CMD", "/healthcheck"]
  }
  log_configuration = {
    logDriver = "awslogs"
    options = {
      "awslogs-group"         = "/ecs/billing"
      "awslogs-region"        = "us-east-1"
      "awslogs-stream-prefix" = "billing"
    }
  }
}

resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = "arn:aws:iam::123456789012:role/execution"
  container_definitions    = module.web_container.json_map_encoded_list
}

resource "aws_ecs_task_definition" "billing" {
  family                   = "billing"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = "arn:aws:iam::123456789012:role/execution"
  container_definitions    = jsonencode([module.billing_container.json_map_object])
}
