variable "project" {
  type    = string
  default = "shop"
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "image_tag" {
  type        = string
  description = "The tag to deploy; 'latest' is a moving target."
  default     = "latest"
}

variable "mutable_tags" {
  type    = bool
  default = true
}

variable "keep_images" {
  type    = number
  default = 30
}

variable "cpu" {
  type    = number
  default = 256
}

variable "memory" {
  type    = number
  default = 512
}

variable "ports" {
  type    = list(number)
  default = [8080]
}

variable "environment_variables" {
  type    = map(string)
  default = { LOG_LEVEL = "info" }
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "enable_worker" {
  type    = bool
  default = false
}

variable "desired_count" {
  type    = number
  default = 2
}

variable "target_group_arn" {
  type    = string
  default = null
}

variable "cluster_arn" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "vpc_id" {
  type = string
}

variable "database_password" {
  type      = string
  sensitive = true
  default   = "change-me"
}
