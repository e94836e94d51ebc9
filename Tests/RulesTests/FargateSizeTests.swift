import LinterCore
import Linter
import Rules
import Testing
import TestKit

/// ECS307 against the complete Fargate size table of docs/aws-semantics.md §5.2.
@Suite("Fargate task sizes (docs/aws-semantics.md §5.2)")
struct FargateSizeTests {
    /// The table written out independently of `TaskSizes`.
    static let table: [(cpu: Int, memory: [Int])] = [
        (256, [512, 1024, 2048]),
        (512, [1024, 2048, 3072, 4096]),
        (1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]),
        (2048, Array(stride(from: 4096, through: 16384, by: 1024))),
        (4096, Array(stride(from: 8192, through: 30720, by: 1024))),
        (8192, Array(stride(from: 16384, through: 61440, by: 4096))),
        (16384, Array(stride(from: 32768, through: 122880, by: 8192))),
    ]

    static let validPairs: [Pair] = table.flatMap { row in row.memory.map { Pair(cpu: row.cpu, memory: $0) } }

    struct Pair: Sendable, CustomTestStringConvertible {
        var cpu: Int
        var memory: Int
        var testDescription: String { "cpu \(cpu) / memory \(memory)" }
    }

    static func taskDefinition(cpu: String, memory: String) -> String {
        """
        {
          "family": "sized",
          "requiresCompatibilities": ["FARGATE"],
          "networkMode": "awsvpc",
          "cpu": "\(cpu)",
          "memory": "\(memory)",
          "containerDefinitions": [{"name": "app", "image": "app:1.0"}]
        }
        """
    }

    static func sizeFindings(cpu: String, memory: String) -> [Finding] {
        TestLint.findings([("taskdef.json", taskDefinition(cpu: cpu, memory: memory))], only: ["ECS307"])
    }

    @Test("the table has the documented row counts (74 pairs)")
    func counts() {
        #expect(Self.table.map(\.memory.count) == [3, 4, 7, 13, 23, 12, 12])
        #expect(Self.validPairs.count == 74)
        #expect(TaskSizes.fargatePairs.count == 74)
        #expect(TaskSizes.fargatePairs.map { "\($0.cpu)/\($0.memory)" } == Self.validPairs.map { "\($0.cpu)/\($0.memory)" })
    }

    @Test("every valid pair passes", arguments: validPairs)
    func validPair(_ pair: Pair) {
        let findings = Self.sizeFindings(cpu: String(pair.cpu), memory: String(pair.memory))
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }

    @Test("every valid pair passes through the CloudFormation shape too")
    func validPairsCloudFormation() {
        var template = "Resources:\n"
        for (position, pair) in Self.validPairs.enumerated() {
            template += """
                  Task\(position):
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      RequiresCompatibilities: [FARGATE]
                      NetworkMode: awsvpc
                      Cpu: \(pair.cpu)
                      Memory: \(pair.memory)
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0

                """
        }
        let findings = TestLint.findings([("template.yaml", template)], only: ["ECS307"])
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }

    @Test(
        "string forms are understood",
        arguments: [
            ("1 vCPU", "2 GB"), (".25 vcpu", "0.5GB"), ("0.25 vCPU", "512"), (".5 VCPU", "4gb"), ("2vCPU", "16 GB"),
            ("4 vcpu", "30GB"), ("8 vCPU", "60 GB"), ("16 vCPU", "120 GB"), ("1024", "8 GB"), (" 256 ", "1 GB"),
        ])
    func stringForms(cpu: String, memory: String) {
        let findings = Self.sizeFindings(cpu: cpu, memory: memory)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }

    @Test(
        "invalid pairs fail",
        arguments: [
            ("256", "4096"), ("256", "256"), ("256", "3072"), ("512", "512"), ("512", "5120"), ("1024", "1024"),
            ("1024", "9216"), ("2048", "3072"), ("2048", "17408"), ("4096", "31744"), ("4096", "4096"),
            ("8192", "17408"), ("8192", "65536"), ("16384", "36864"), ("16384", "131072"), ("300", "1024"),
            ("128", "512"), ("32768", "131072"), ("1 vCPU", "1 GB"), (".25 vCPU", "3 GB"), ("3 vCPU", "8 GB"),
            ("256", "0.75 GB"), ("lots", "512"), ("256", "half a gig"),
        ])
    func invalidPair(cpu: String, memory: String) {
        let findings = Self.sizeFindings(cpu: cpu, memory: memory)
        #expect(findings.count == 1, "cpu \(cpu) memory \(memory): \(findings.map(\.message))")
        #expect(findings.allSatisfy { $0.severity == .error })
    }

    @Test("missing cpu or memory on Fargate is an error; EC2 sizes are not Fargate's business")
    func missingAndNonFargate() {
        let missing = """
            {"family": "x", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256",
             "containerDefinitions": [{"name": "app", "image": "app:1.0"}]}
            """
        #expect(TestLint.findings([("taskdef.json", missing)], only: ["ECS307"]).count == 1)
        let ec2 = """
            {"family": "x", "requiresCompatibilities": ["EC2"], "cpu": "300", "memory": "700",
             "containerDefinitions": [{"name": "app", "image": "app:1.0"}]}
            """
        #expect(TestLint.findings([("taskdef.json", ec2)], only: ["ECS307"]).isEmpty)
    }

    @Test("Fargate through a service's capacity provider strategy")
    func capacityProvider() {
        let service = """
            {"serviceName": "web", "taskDefinition": "web:7", "desiredCount": 1,
             "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}
            """
        let task = """
            {"family": "web", "networkMode": "awsvpc", "cpu": "512", "memory": "512",
             "containerDefinitions": [{"name": "app", "image": "app:1.0"}]}
            """
        let findings = TestLint.findings([("service.json", service), ("taskdef.json", task)], only: ["ECS307"])
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("FARGATE_SPOT") == true)
    }

    @Test("Windows on Fargate takes 1, 2 or 4 vCPU only")
    func windows() {
        func task(_ cpu: String, _ memory: String) -> String {
            """
            {"family": "win", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "\(cpu)", "memory": "\(memory)",
             "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE", "cpuArchitecture": "X86_64"},
             "containerDefinitions": [{"name": "app", "image": "mcr.microsoft.com/windows/servercore:ltsc2019"}]}
            """
        }
        #expect(TestLint.findings([("taskdef.json", task("1024", "2048"))], only: ["ECS307"]).isEmpty)
        #expect(TestLint.findings([("taskdef.json", task("4096", "8192"))], only: ["ECS307"]).isEmpty)
        #expect(TestLint.findings([("taskdef.json", task("512", "1024"))], only: ["ECS307"]).count == 1)
        #expect(TestLint.findings([("taskdef.json", task("8192", "16384"))], only: ["ECS307"]).count == 1)
    }

    @Test("size parsing")
    func parsing() {
        #expect(TaskSizes.cpuUnits(".25 vCPU") == 256)
        #expect(TaskSizes.cpuUnits("0.5vcpu") == 512)
        #expect(TaskSizes.cpuUnits("1024") == 1024)
        #expect(TaskSizes.cpuUnits("1.3 vCPU") == nil)
        #expect(TaskSizes.cpuUnits("vCPU") == nil)
        #expect(TaskSizes.memoryMiB("0.5 GB") == 512)
        #expect(TaskSizes.memoryMiB("2GB") == 2048)
        #expect(TaskSizes.memoryMiB("2 gb") == 2048)
        #expect(TaskSizes.memoryMiB("512") == 512)
        #expect(TaskSizes.memoryMiB("GB") == nil)
        #expect(TaskSizes.memoryMiB("1.2.3 GB") == nil)
    }
}
