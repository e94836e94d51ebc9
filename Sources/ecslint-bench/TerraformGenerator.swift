/// Synthetic Terraform configurations in the shapes the survey of real ECS modules found most:
/// interpolation, variable defaults, locals, count and for_each, jsonencode'd container
/// definitions, conditionals, dynamic blocks, for expressions, merge, heredocs and comments.
extension CorpusGenerator {
    mutating func terraformModule(targetBytes: Int, index: Int) -> String {
        var out = "# Generated ECS module \(index).\n\n"
        var service = 0
        while out.utf8.count < targetBytes {
            out += terraformService(service, module: index)
            service += 1
        }
        return out
    }

    mutating func terraformService(_ n: Int, module: Int) -> String {
        let name = "\(random.pick(CorpusGenerator.words))_\(module)_\(n)"
        let size = random.pick(CorpusGenerator.sizes)
        let port = 8000 + random.int(0..<1000)
        let sidecar = random.pick(CorpusGenerator.sidecars)
        let region = random.pick(CorpusGenerator.regions)
        var out = """
            variable "\(name)_image_tag" {
              type        = string
              description = "Image tag of \(name); pinned per release."
              default     = "v\(random.int(1..<9)).\(random.int(0..<20)).\(random.int(0..<50))"
            }

            variable "\(name)_desired_count" {
              type    = number
              default = \(random.int(1..<6))
            }

            locals {
              \(name)_name  = "${var.project}-\(name)-${var.environment}"
              \(name)_image = "${aws_ecr_repository.\(name).repository_url}:${var.\(name)_image_tag}"
              \(name)_env   = merge(var.common_environment, { SERVICE = "\(name)", PORT = "\(port)" })
              \(name)_ports = [for p in [\(port), \(port + 1)] : { containerPort = p, hostPort = p, protocol = "tcp" }]
            }

            resource "aws_ecr_repository" "\(name)" {
              name                 = local.\(name)_name
              image_tag_mutability = var.environment == "prod" ? "IMMUTABLE" : "MUTABLE"

              image_scanning_configuration {
                scan_on_push = true
              }
            }

            resource "aws_ecr_lifecycle_policy" "\(name)" {
              repository = aws_ecr_repository.\(name).name
              policy = jsonencode({
                rules = [{
                  rulePriority = 1
                  description  = "keep \(random.int(5..<50)) images"
                  selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = \(random.int(5..<50)) }
                  action       = { type = "expire" }
                }]
              })
            }

            # Task definition for \(name): the app and a \(sidecar) sidecar.
            resource "aws_ecs_task_definition" "\(name)" {
              family                   = local.\(name)_name
              cpu                      = \(size.cpu)
              memory                   = \(size.memory)
              network_mode             = "awsvpc"
              requires_compatibilities = ["FARGATE"]
              execution_role_arn       = aws_iam_role.execution.arn
              container_definitions = jsonencode([
                {
                  name         = "\(name)"
                  image        = local.\(name)_image
                  essential    = true
                  cpu          = \(size.cpu / 2)
                  memory       = \(size.memory / 2)
                  portMappings = local.\(name)_ports
                  environment  = [for k, v in local.\(name)_env : { name = k, value = v }]
                  logConfiguration = {
                    logDriver = "awslogs"
                    options = {
                      "awslogs-group"         = "/ecs/${local.\(name)_name}"
                      "awslogs-region"        = "\(region)"
                      "awslogs-stream-prefix" = "\(name)"
                    }
                  }
                },
                {
                  name      = "\(sidecar)"
                  image     = "public.ecr.aws/\(sidecar):\(random.int(1..<4)).\(random.int(0..<30))"
                  essential = false
                },
              ])
            }

            resource "aws_ecs_service" "\(name)" {
              count           = var.enabled ? 1 : 0
              name            = local.\(name)_name
              cluster         = var.cluster_arn
              task_definition = aws_ecs_task_definition.\(name).arn
              desired_count   = var.\(name)_desired_count

              dynamic "load_balancer" {
                for_each = var.target_groups
                content {
                  target_group_arn = load_balancer.value
                  container_name   = "\(name)"
                  container_port   = \(port)
                }
              }

              network_configuration {
                subnets          = var.subnet_ids
                security_groups  = aws_security_group.services[*].id
                assign_public_ip = false
              }
            }


            """
        if random.chance(30) {
            out += """
                resource "aws_iam_role_policy" "\(name)" {
                  role   = aws_iam_role.task.id
                  policy = <<-EOF
                    {
                      "Version": "2012-10-17",
                      "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::${var.bucket}/\(name)/*"}]
                    }
                    EOF
                }


                """
        }
        return out
    }
}
