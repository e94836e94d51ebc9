module "ecr" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "~> 3.0"

  repository_name                 = "shop"
  repository_image_tag_mutability = "MUTABLE"

  create_lifecycle_policy = true
  repository_lifecycle_policy = jsonencode({
    rules = [
      {
        rulePriority = 1,
        description  = "untagged",
        selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 1 },
        action       = { type = "expire" }
      },
      {
        rulePriority = 2,
        description  = "releases",
        selection    = { tagStatus = "tagged", tagPrefixList = ["v"], countType = "imageCountMoreThan", countNumber = 3 },
        action       = { type = "expire" }
      }
    ]
  })
}

# Task definitions without a service, as the module's "Standalone Task Definition" example
# writes them. Version 6 disables versionConsistency unless a container enables it.
module "web" {
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "~> 6.0"

  name           = "web"
  create_service = false

  cpu                = 256
  memory             = 512
  task_exec_iam_role_arn    = "arn:aws:iam::123456789012:role/execution"
  create_task_exec_iam_role = false

  container_definitions = {
    web = {
      image              = "${module.ecr.repository_url}:latest"
      essential          = true
      user               = "1000"
      versionConsistency = "enabled"
      healthCheck = {
        command = ["CMD", "/healthcheck"]
      }
    }
  }
}

module "billing" {
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "~> 6.0"

  name           = "billing"
  create_service = false

  cpu                = 256
  memory             = 512
  task_exec_iam_role_arn    = "arn:aws:iam::123456789012:role/execution"
  create_task_exec_iam_role = false

  container_definitions = {
    billing = {
      image              = "${module.ecr.repository_url}:v1.0"
      essential          = true
      user               = "1000"
      versionConsistency = "enabled"
      healthCheck = {
        command = ["CMD", "/healthcheck"]
      }
    }
  }
}
