billing_tag = "v1.4.0"
