environment = "prod"
image_tag   = "v1.4.2"
cluster_arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/main"
subnet_ids  = ["subnet-1", "subnet-2"]
vpc_id      = "vpc-1"
