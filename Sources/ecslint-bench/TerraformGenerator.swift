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

/// A Terraform project laid out as platform teams write one: a root module whose team files call
/// a local service module once per service, and a repository module called with `for_each` over
/// a map of repositories. Image tags come from `terraform.tfvars`, images from the repository
/// module's output, lifecycle policies from `data.aws_ecr_lifecycle_policy_document`, so the
/// cross-file checks walk module outputs, tfvars and data sources as they do on real code.
extension CorpusGenerator {
    mutating func terraformProject(services: Int, repositories: Int, teams: Int) -> [String: String] {
        var files: [String: String] = [:]
        files["modules/service/variables.tf"] = Self.serviceModuleVariables
        files["modules/service/main.tf"] = Self.serviceModuleMain
        files["modules/service/outputs.tf"] = """
            output "service_name" {
              value = aws_ecs_service.this.name
            }

            output "task_definition_arn" {
              value = aws_ecs_task_definition.this.arn
            }

            """
        files["modules/repository/main.tf"] = Self.repositoryModuleMain

        let repositoryNames = (0..<repositories).map { "\(random.pick(CorpusGenerator.words))-\($0)" }
        var repositoryMap = "locals {\n  repositories = {\n"
        for name in repositoryNames {
            let keep = random.int(5..<60)
            repositoryMap += "    \"\(name)\" = { keep = \(keep), immutable = \(random.chance(50)) }\n"
        }
        repositoryMap += "  }\n}\n\n"
        repositoryMap += """
            module "repositories" {
              source   = "./modules/repository"
              for_each = local.repositories

              name      = each.key
              keep      = each.value.keep
              immutable = each.value.immutable
            }

            """
        files["repositories.tf"] = repositoryMap

        var tags = "image_tags = {\n"
        var perTeam = Array(repeating: "", count: teams)
        for index in 0..<services {
            let name = "svc-\(index)"
            let repository = repositoryNames[index % repositoryNames.count]
            let size = random.pick(CorpusGenerator.sizes)
            tags += "  \"\(name)\" = \"v\(random.int(1..<9)).\(random.int(0..<20)).\(random.int(0..<50))\"\n"
            perTeam[index % teams] += """
                module "\(name.replacing("-", with: "_"))" {
                  source          = "./modules/service"
                  name            = "\(name)"
                  cluster_arn     = aws_ecs_cluster.main.arn
                  image           = "${module.repositories["\(repository)"].repository_url}:${var.image_tags["\(name)"]}"
                  cpu             = \(size.cpu)
                  memory          = \(size.memory)
                  container_port  = \(8000 + index)
                  desired_count   = \(random.int(1..<6))
                  subnet_ids      = var.subnet_ids
                      sidecar_image   = "public.ecr.aws/\(random.pick(CorpusGenerator.sidecars)):\(random.int(1..<4)).\(random.int(0..<30))"
                }


                """
        }
        tags += "}\n"
        for (team, text) in perTeam.enumerated() {
            files["team-\(team).tf"] = "# Services of team \(team).\n\n" + text
        }
        files["terraform.tfvars"] = tags + "subnet_ids = [\"subnet-0a1b2c3d\", \"subnet-4e5f6a7b\"]\n"
        files["main.tf"] = """
            terraform {
              required_providers {
                aws = { source = "hashicorp/aws", version = "~> 5.0" }
              }
            }

            variable "image_tags" {
              type = map(string)
            }

            variable "subnet_ids" {
              type = list(string)
            }

            resource "aws_ecs_cluster" "main" {
              name = "platform"
            }

            """
        return files
    }

    static let serviceModuleVariables = """
        variable "name" { type = string }
        variable "cluster_arn" { type = string }
        variable "image" { type = string }
        variable "sidecar_image" { type = string }
        variable "subnet_ids" { type = list(string) }

        variable "cpu" {
          type    = number
          default = 256
        }

        variable "memory" {
          type    = number
          default = 512
        }

        variable "container_port" {
          type    = number
          default = 8080
        }

        variable "desired_count" {
          type    = number
          default = 1
        }

        """

    static let serviceModuleMain = """
        locals {
          log_group = "/ecs/${var.name}"
          environment = {
            SERVICE = var.name
            PORT    = tostring(var.container_port)
          }
        }

        resource "aws_ecs_task_definition" "this" {
          family                   = var.name
          cpu                      = var.cpu
          memory                   = var.memory
          network_mode             = "awsvpc"
          requires_compatibilities = ["FARGATE"]
          execution_role_arn       = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"

          container_definitions = jsonencode([
            {
              name      = var.name
              image     = var.image
              essential = true
              portMappings = [{ containerPort = var.container_port, protocol = "tcp" }]
              environment  = [for key, value in local.environment : { name = key, value = value }]
              healthCheck = {
                command  = ["CMD-SHELL", "curl -f http://localhost:${var.container_port}/health || exit 1"]
                interval = 30
                timeout  = 5
                retries  = 3
              }
              logConfiguration = {
                logDriver = "awslogs"
                options = {
                  "awslogs-group"         = local.log_group
                  "awslogs-region"        = "eu-west-1"
                  "awslogs-stream-prefix" = var.name
                }
              }
            },
            {
              name      = "sidecar"
              image     = var.sidecar_image
              essential = false
            },
          ])
        }

        resource "aws_ecs_service" "this" {
          name            = var.name
          cluster         = var.cluster_arn
          task_definition = aws_ecs_task_definition.this.arn
          desired_count   = var.desired_count
          launch_type     = "FARGATE"

          deployment_circuit_breaker {
            enable   = true
            rollback = true
          }

          network_configuration {
            subnets          = var.subnet_ids
            assign_public_ip = false
          }

          lifecycle {
            ignore_changes = [desired_count]
          }
        }

        resource "aws_appautoscaling_target" "this" {
          service_namespace  = "ecs"
          scalable_dimension = "ecs:service:DesiredCount"
          resource_id        = "service/platform/${aws_ecs_service.this.name}"
          min_capacity       = var.desired_count
          max_capacity       = var.desired_count * 4
        }

        """

    static let repositoryModuleMain = """
        variable "name" { type = string }
        variable "keep" { type = number }
        variable "immutable" { type = bool }

        resource "aws_ecr_repository" "this" {
          name                 = var.name
          image_tag_mutability = var.immutable ? "IMMUTABLE" : "MUTABLE"

          image_scanning_configuration {
            scan_on_push = true
          }
        }

        data "aws_ecr_lifecycle_policy_document" "this" {
          rule {
            priority    = 1
            description = "Expire untagged images after a week"
            selection {
              tag_status   = "untagged"
              count_type   = "sinceImagePushed"
              count_unit   = "days"
              count_number = 7
            }
          }

          rule {
            priority    = 2
            description = "Keep the newest releases"
            selection {
              tag_status       = "tagged"
              tag_pattern_list = ["v*"]
              count_type       = "imageCountMoreThan"
              count_number     = var.keep
            }
          }
        }

        resource "aws_ecr_lifecycle_policy" "this" {
          repository = aws_ecr_repository.this.name
          policy     = data.aws_ecr_lifecycle_policy_document.this.json
        }

        output "repository_url" {
          value = aws_ecr_repository.this.repository_url
        }

        """
}
