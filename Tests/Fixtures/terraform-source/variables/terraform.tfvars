keep_releases = 3
services = {
  web     = "latest"
  billing = "v1.0"
}
