variable "tag" { default = "latest" }
locals {
  image  = "${aws_ecr_repository.app.repository_url}:${var.tag}"
  defs   = jsondecode(file("c.json"))
  tpl    = templatefile("t.tpl", { image = local.image, cpu = 256 })
  parsed = jsondecode(local.tpl)
  enc    = jsonencode([{ image = local.image, ports = range(3) }])
  f      = format("%s-%d-%.1f", "a", 1, 2.5)
  m      = merge({ a = 1 }, { b = [for x in range(2) : x] })
  s      = [for k, v in { a = 1 } : "${k}=${v}"][*]
  t      = try(local.nope, lookup({ a = 1 }, "a", 0))
  c      = local.c
  esc    = file("../outside")
  r      = replace(split(",", "a,b")[0], "/a$/", "b")
}
resource "aws_ecr_repository" "app" { name = each.value.a }
output "o" { value = count.index }
