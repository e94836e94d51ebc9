module "checkout" {
  source = "./modules/service"
  name   = "checkout"
  image  = "${aws_ecr_repository.shop.repository_url}:${var.checkout_tag}"
}

module "billing" {
  source = "./modules/service"
  name   = "billing-export"
  image  = "${aws_ecr_repository.shop.repository_url}:${var.billing_tag}"
}
