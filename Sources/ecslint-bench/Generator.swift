import Foundation

/// SplitMix64: tiny, fast and identical on every platform, so a seed always gives the same corpus.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }

    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[int(0..<16)] })
    }
}

/// Writes synthetic but realistic ECS/ECR configuration files.
struct CorpusGenerator {
    var random: SeededRandom

    static let words = [
        "api", "web", "worker", "billing", "orders", "search", "auth", "gateway", "ledger", "notify", "media",
        "report", "sync", "cart", "profile", "inventory", "pricing", "events", "audit", "export",
    ]
    static let sidecars = ["envoy", "datadog-agent", "fluent-bit", "xray-daemon", "otel-collector"]
    static let regions = ["us-east-1", "eu-west-1", "ap-northeast-1", "us-west-2"]
    static let accounts = ["123456789012", "210987654321", "555566667777"]
    static let sizes: [(cpu: Int, memory: Int)] = [(256, 512), (512, 1024), (1024, 2048), (2048, 4096), (4096, 8192)]

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: Task definitions (JSON, ~2 KB)

    /// Returns the family and the file text.
    mutating func taskDefinition(index: Int) -> (family: String, text: String) {
        let name = "\(random.pick(Self.words))-\(random.pick(Self.words))-\(index)"
        let account = random.pick(Self.accounts)
        let region = random.pick(Self.regions)
        let size = random.pick(Self.sizes)
        let fargate = random.chance(80)
        let tag = random.chance(5) ? "latest" : "v\(random.int(1..<4)).\(random.int(0..<20)).\(random.int(0..<50))"
        let image = "\(account).dkr.ecr.\(region).amazonaws.com/\(name):\(tag)"
        let port = random.pick([80, 3000, 8000, 8080, 9000])
        var env: [(String, String)] = [
            ("APP_ENV", random.pick(["production", "staging"])), ("LOG_LEVEL", random.pick(["info", "warn", "debug"])),
            ("PORT", "\(port)"), ("REGION", region),
        ]
        if random.chance(5) { env.append(("DB_PASSWORD", "hunter\(random.int(0..<1000))")) }
        for _ in 0..<random.int(1..<4) { env.append(("FEATURE_\(random.pick(Self.words).uppercased())", random.pick(["on", "off"]))) }
        let secretCount = random.int(1..<4)
        let sidecar = random.pick(Self.sidecars)
        var out = "{\n"
        out += "  \"family\": \(jsonString(name)),\n"
        if !random.chance(3) {
            out += "  \"executionRoleArn\": \"arn:aws:iam::\(account):role/\(name)-execution\",\n"
        }
        out += "  \"taskRoleArn\": \"arn:aws:iam::\(account):role/\(name)-task\",\n"
        out += "  \"networkMode\": \"\(fargate ? "awsvpc" : random.pick(["bridge", "awsvpc"]))\",\n"
        out += "  \"requiresCompatibilities\": [\"\(fargate ? "FARGATE" : "EC2")\"],\n"
        out += "  \"cpu\": \"\(size.cpu)\",\n"
        out += "  \"memory\": \"\(size.memory)\",\n"
        out += "  \"containerDefinitions\": [\n"
        out += "    {\n"
        out += "      \"name\": \"app\",\n"
        out += "      \"image\": \(jsonString(image)),\n"
        out += "      \"essential\": true,\n"
        out += "      \"cpu\": \(size.cpu / 2),\n"
        out += "      \"memoryReservation\": \(size.memory / 2),\n"
        out += "      \"portMappings\": [{\"containerPort\": \(port), \"protocol\": \"tcp\"}],\n"
        out += "      \"environment\": [\n"
        out += env.map { "        {\"name\": \(jsonString($0.0)), \"value\": \(jsonString($0.1))}" }.joined(separator: ",\n")
        out += "\n      ],\n"
        out += "      \"secrets\": [\n"
        out += (0..<secretCount).map { number in
            "        {\"name\": \"SECRET_\(number)\", \"valueFrom\": \"arn:aws:secretsmanager:\(region):\(account):secret:\(name)/secret-\(number)-\(random.hex(6))\"}"
        }.joined(separator: ",\n")
        out += "\n      ],\n"
        if !random.chance(4) {
            out += "      \"healthCheck\": {\n"
            out += "        \"command\": [\"CMD-SHELL\", \"curl -fsS http://localhost:\(port)/health || exit 1\"],\n"
            out += "        \"interval\": \(random.pick([10, 15, 30])),\n"
            out += "        \"timeout\": \(random.pick([2, 5])),\n"
            out += "        \"retries\": 3,\n"
            out += "        \"startPeriod\": \(random.pick([0, 10, 60]))\n"
            out += "      },\n"
        }
        out += "      \"logConfiguration\": {\n"
        out += "        \"logDriver\": \"awslogs\",\n"
        out += "        \"options\": {\n"
        out += "          \"awslogs-group\": \"/ecs/\(name)\",\n"
        out += "          \"awslogs-region\": \"\(region)\",\n"
        out += "          \"awslogs-stream-prefix\": \"app\"\n"
        out += "        }\n"
        out += "      },\n"
        out += "      \"dependsOn\": [{\"containerName\": \"\(sidecar)\", \"condition\": \"START\"}],\n"
        out += "      \"ulimits\": [{\"name\": \"nofile\", \"softLimit\": 65536, \"hardLimit\": 65536}]\n"
        out += "    },\n"
        out += "    {\n"
        out += "      \"name\": \"\(sidecar)\",\n"
        out += "      \"image\": \"public.ecr.aws/\(sidecar)/\(sidecar):\(random.int(1..<3)).\(random.int(0..<30)).\(random.int(0..<9))\",\n"
        out += "      \"essential\": \(random.chance(50) ? "true" : "false"),\n"
        out += "      \"cpu\": \(size.cpu / 4),\n"
        out += "      \"memoryReservation\": \(size.memory / 8),\n"
        out += "      \"logConfiguration\": {\n"
        out += "        \"logDriver\": \"awslogs\",\n"
        out += "        \"options\": {\"awslogs-group\": \"/ecs/\(name)\", \"awslogs-region\": \"\(region)\", \"awslogs-stream-prefix\": \"\(sidecar)\"}\n"
        out += "      }\n"
        out += "    }\n"
        out += "  ],\n"
        out += "  \"tags\": [{\"key\": \"team\", \"value\": \"\(random.pick(Self.words))\"}, {\"key\": \"cost-center\", \"value\": \"cc-\(random.int(100..<999))\"}]\n"
        out += "}\n"
        return (name, out)
    }

    // MARK: Services (JSON)

    mutating func service(index: Int, family: String) -> String {
        let name = "svc-\(random.pick(Self.words))-\(index)"
        let fargate = random.chance(80)
        var out = "{\n"
        out += "  \"serviceName\": \"\(name)\",\n"
        out += "  \"cluster\": \"\(random.pick(["prod", "staging", "shared"]))-cluster\",\n"
        out += "  \"taskDefinition\": \(jsonString(family + ":\(random.int(1..<40))")),\n"
        out += "  \"desiredCount\": \(random.int(1..<10)),\n"
        if fargate {
            out += "  \"launchType\": \"FARGATE\",\n"
            out += "  \"platformVersion\": \"LATEST\",\n"
        } else {
            out += "  \"capacityProviderStrategy\": [{\"capacityProvider\": \"ec2-asg\", \"weight\": 1, \"base\": 0}],\n"
        }
        out += "  \"deploymentConfiguration\": {\n"
        out += "    \"maximumPercent\": 200,\n"
        out += "    \"minimumHealthyPercent\": \(random.pick([50, 100])),\n"
        out += "    \"deploymentCircuitBreaker\": {\"enable\": \(random.chance(85) ? "true" : "false"), \"rollback\": true}\n"
        out += "  },\n"
        out += "  \"networkConfiguration\": {\n"
        out += "    \"awsvpcConfiguration\": {\n"
        out += "      \"subnets\": [\"subnet-\(random.hex(8))\", \"subnet-\(random.hex(8))\"],\n"
        out += "      \"securityGroups\": [\"sg-\(random.hex(8))\"],\n"
        out += "      \"assignPublicIp\": \"DISABLED\"\n"
        out += "    }\n"
        out += "  },\n"
        if random.chance(70) {
            out += "  \"loadBalancers\": [{\"targetGroupArn\": \"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/\(name)/\(random.hex(16))\", \"containerName\": \"app\", \"containerPort\": 8080}],\n"
            out += "  \"healthCheckGracePeriodSeconds\": \(random.pick([30, 60, 120])),\n"
        }
        out += "  \"enableExecuteCommand\": \(random.chance(30) ? "true" : "false"),\n"
        out += "  \"propagateTags\": \"SERVICE\"\n"
        out += "}\n"
        return out
    }

    // MARK: Lifecycle policies (JSON)

    mutating func lifecyclePolicy(index: Int) -> String {
        var rules: [String] = []
        var priority = 1
        for prefix in ["release-", "v", "main-"].prefix(random.int(1..<4)) {
            rules.append("""
                    {
                      "rulePriority": \(priority),
                      "description": "keep the last releases tagged \(prefix)*",
                      "selection": {"tagStatus": "tagged", "tagPrefixList": ["\(prefix)"], "countType": "imageCountMoreThan", "countNumber": \(random.pick([10, 20, 50]))},
                      "action": {"type": "expire"}
                    }
                """)
            priority += 1
        }
        rules.append("""
                {
                  "rulePriority": \(priority * 10),
                  "description": "expire untagged images after \(random.pick([1, 7, 14])) days",
                  "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": \(random.pick([1, 7, 14]))},
                  "action": {"type": "expire"}
                }
            """)
        _ = index
        return "{\n  \"rules\": [\n" + rules.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    // MARK: CloudFormation templates (YAML)

    /// One application stack: repository with lifecycle policy, log group, task definition,
    /// service and scalable target, written with the short intrinsic forms.
    mutating func cloudFormationStack(_ n: Int) -> String {
        let word = random.pick(Self.words)
        let id = "\(word.prefix(1).uppercased())\(word.dropFirst())\(n)"
        let port = random.pick([80, 3000, 8080])
        let size = random.pick(Self.sizes)
        let tag = random.chance(5) ? "latest" : "v\(random.int(1..<4)).\(random.int(0..<20))"
        var out = ""
        out += "  # --- \(word) service stack \(n) ---\n"
        out += "  \(id)Repository:\n"
        out += "    Type: AWS::ECR::Repository\n"
        out += "    Properties:\n"
        out += "      RepositoryName: !Sub '${AWS::StackName}-\(word)-\(n)'\n"
        out += "      ImageTagMutability: \(random.chance(70) ? "IMMUTABLE" : "MUTABLE")\n"
        out += "      ImageScanningConfiguration:\n"
        out += "        ScanOnPush: true\n"
        out += "      LifecyclePolicy:\n"
        out += "        LifecyclePolicyText: |\n"
        out += "          {\n"
        out += "            \"rules\": [\n"
        out += "              {\"rulePriority\": 1, \"description\": \"keep releases\", \"selection\": {\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"v\"], \"countType\": \"imageCountMoreThan\", \"countNumber\": 30}, \"action\": {\"type\": \"expire\"}},\n"
        out += "              {\"rulePriority\": 2, \"description\": \"expire untagged\", \"selection\": {\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePushed\", \"countUnit\": \"days\", \"countNumber\": 7}, \"action\": {\"type\": \"expire\"}}\n"
        out += "            ]\n"
        out += "          }\n"
        out += "  \(id)LogGroup:\n"
        out += "    Type: AWS::Logs::LogGroup\n"
        out += "    Properties:\n"
        out += "      LogGroupName: !Sub '/ecs/${AWS::StackName}/\(word)-\(n)'\n"
        out += "      RetentionInDays: \(random.pick([7, 14, 30, 90]))\n"
        out += "  \(id)TaskDefinition:\n"
        out += "    Type: AWS::ECS::TaskDefinition\n"
        out += "    Properties:\n"
        out += "      Family: !Sub '${AWS::StackName}-\(word)-\(n)'\n"
        out += "      Cpu: '\(size.cpu)'\n"
        out += "      Memory: '\(size.memory)'\n"
        out += "      NetworkMode: awsvpc\n"
        out += "      RequiresCompatibilities:\n"
        out += "        - FARGATE\n"
        out += "      ExecutionRoleArn: !GetAtt ExecutionRole.Arn\n"
        out += "      TaskRoleArn: !Ref TaskRole\n"
        out += "      ContainerDefinitions:\n"
        out += "        - Name: app\n"
        out += "          Image: !Sub '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/${\(id)Repository}:\(tag)'\n"
        out += "          Essential: true\n"
        out += "          Cpu: \(size.cpu / 2)\n"
        out += "          MemoryReservation: \(size.memory / 2)\n"
        out += "          PortMappings:\n"
        out += "            - ContainerPort: \(port)\n"
        out += "              Protocol: tcp\n"
        out += "          Environment:\n"
        out += "            - Name: APP_ENV\n"
        out += "              Value: !Ref Environment\n"
        out += "            - Name: LOG_LEVEL\n"
        out += "              Value: \(random.pick(["info", "warn", "debug"]))\n"
        out += "            - Name: QUEUE_URL\n"
        out += "              Value: !Sub 'https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/\(word)-\(n)'\n"
        out += "          Secrets:\n"
        out += "            - Name: DATABASE_URL\n"
        out += "              ValueFrom: !Sub 'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:\(word)/\(n)/db'\n"
        out += "            - Name: API_TOKEN\n"
        out += "              ValueFrom: !Sub 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/\(word)/\(n)/token'\n"
        if !random.chance(4) {
            out += "          HealthCheck:\n"
            out += "            Command: [\"CMD-SHELL\", \"curl -fsS http://localhost:\(port)/health || exit 1\"]\n"
            out += "            Interval: 30\n"
            out += "            Timeout: 5\n"
            out += "            Retries: 3\n"
            out += "            StartPeriod: 60\n"
        }
        out += "          LogConfiguration:\n"
        out += "            LogDriver: awslogs\n"
        out += "            Options:\n"
        out += "              awslogs-group: !Ref \(id)LogGroup\n"
        out += "              awslogs-region: !Ref AWS::Region\n"
        out += "              awslogs-stream-prefix: app\n"
        out += "        - Name: envoy\n"
        out += "          Image: public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27.\(random.int(0..<4)).0-prod\n"
        out += "          Essential: true\n"
        out += "          Cpu: \(size.cpu / 4)\n"
        out += "          MemoryReservation: \(size.memory / 8)\n"
        out += "          User: '1337'\n"
        out += "          LogConfiguration:\n"
        out += "            LogDriver: awslogs\n"
        out += "            Options:\n"
        out += "              awslogs-group: !Ref \(id)LogGroup\n"
        out += "              awslogs-region: !Ref AWS::Region\n"
        out += "              awslogs-stream-prefix: envoy\n"
        out += "  \(id)Service:\n"
        out += "    Type: AWS::ECS::Service\n"
        out += "    Properties:\n"
        out += "      ServiceName: !Sub '${AWS::StackName}-\(word)-\(n)'\n"
        out += "      Cluster: !Ref Cluster\n"
        out += "      TaskDefinition: !Ref \(id)TaskDefinition\n"
        out += "      DesiredCount: \(random.int(1..<6))\n"
        out += "      LaunchType: FARGATE\n"
        out += "      DeploymentConfiguration:\n"
        out += "        MaximumPercent: 200\n"
        out += "        MinimumHealthyPercent: 100\n"
        out += "        DeploymentCircuitBreaker:\n"
        out += "          Enable: true\n"
        out += "          Rollback: \(random.chance(80) ? "true" : "false")\n"
        out += "      NetworkConfiguration:\n"
        out += "        AwsvpcConfiguration:\n"
        out += "          AssignPublicIp: DISABLED\n"
        out += "          Subnets: !Ref Subnets\n"
        out += "          SecurityGroups:\n"
        out += "            - !Ref ServiceSecurityGroup\n"
        out += "  \(id)ScalableTarget:\n"
        out += "    Type: AWS::ApplicationAutoScaling::ScalableTarget\n"
        out += "    Properties:\n"
        out += "      MaxCapacity: \(random.int(4..<20))\n"
        out += "      MinCapacity: 1\n"
        out += "      ResourceId: !Sub 'service/${Cluster}/${\(id)Service.Name}'\n"
        out += "      ScalableDimension: ecs:service:DesiredCount\n"
        out += "      ServiceNamespace: ecs\n"
        return out
    }

    /// A template of at least `targetBytes` bytes.
    mutating func cloudFormationTemplate(targetBytes: Int, index: Int) -> String {
        var out = """
            AWSTemplateFormatVersion: '2010-09-09'
            Description: Synthetic ecslint benchmark stack \(index)
            Parameters:
              Environment:
                Type: String
                AllowedValues: [production, staging]
                Default: production
              Cluster:
                Type: String
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
              ServiceSecurityGroup:
                Type: AWS::EC2::SecurityGroup::Id
            Resources:
              ExecutionRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal:
                          Service: ecs-tasks.amazonaws.com
                        Action: sts:AssumeRole
                  ManagedPolicyArns:
                    - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
              TaskRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal:
                          Service: ecs-tasks.amazonaws.com
                        Action: sts:AssumeRole

            """
        var stack = 0
        while out.utf8.count < targetBytes {
            out += cloudFormationStack(stack)
            stack += 1
        }
        out += "Outputs:\n  StackCount:\n    Value: '\(stack)'\n"
        return out
    }
}
