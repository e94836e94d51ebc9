resource "aws_ecr_repository" "shop" {
  name                 = "shop"
  image_tag_mutability = "MUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}

data "aws_ecr_lifecycle_policy_document" "shop" {
  rule {
    priority    = 1
    description = "untagged"
    selection {
      tag_status   = "untagged"
      count_type   = "sinceImagePushed"
      count_unit   = "days"
      count_number = 1
    }
  }
  rule {
    priority    = 2
    description = "releases"
    selection {
      tag_status      = "tagged"
      tag_prefix_list = ["v"]
      count_type      = "imageCountMoreThan"
      count_number    = 3
    }
  }
}

resource "aws_ecr_lifecycle_policy" "shop" {
  repository = aws_ecr_repository.shop.name
  policy     = data.aws_ecr_lifecycle_policy_document.shop.json
}

module "web" {
  source = "./modules/service"
  name   = "web"
  image  = "${aws_ecr_repository.shop.repository_url}:latest"
}

module "billing" {
  source = "./modules/service"
  name   = "billing"
  image  = "${aws_ecr_repository.shop.repository_url}:v1.0"
}
