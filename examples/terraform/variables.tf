variable "checkout_tag" {
  description = "Image tag the checkout service runs."
  type        = string
  default     = "latest"
}

variable "billing_tag" {
  description = "Image tag the billing export runs."
  type        = string
}
