variable "repository_name" {
  type    = string
  default = "shop"
}

variable "keep_releases" {
  type    = number
  default = 10
}

variable "services" {
  description = "Image tag of each service."
  type        = map(string)
  default     = {}
}
