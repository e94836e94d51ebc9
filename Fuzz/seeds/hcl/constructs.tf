# comment
// comment
/* block */
a = 1.5e3
b = "x${y}z%{ if c ~} d %{~ else }e%{ endif }%{ for k, v in m }${k}${v}%{ endfor }$${lit}"
c = <<-EOT
    one
      ${two}
    EOT
d = [for i, x in list : x * 2 if i > 0]
e = { for k, v in m : v => k... }
f = a.b[0]["k"].c.0
g = list[*].id
h = list.*.name
i = concat(a, b...)
j = provider::aws::arn_parse("x")
k = !a || -b > c && d == e ? f : g
l = { a = 1, "b": 2, (c) = 3 }
block "label" bare { x = 1 }
empty {}
