import LinterCore

/// Task-level size parsing and the Fargate size table (docs/aws-semantics.md §5.2), shared by the
/// task definition rules.
public enum TaskSizes {
    /// Fargate cpu units → allowed memory in MiB.
    public static let fargateMemoryByCPU: [Int: [Int]] = [
        256: [512, 1024, 2048],
        512: Array(stride(from: 1024, through: 4096, by: 1024)),
        1024: Array(stride(from: 2048, through: 8192, by: 1024)),
        2048: Array(stride(from: 4096, through: 16384, by: 1024)),
        4096: Array(stride(from: 8192, through: 30720, by: 1024)),
        8192: Array(stride(from: 16384, through: 61440, by: 4096)),
        16384: Array(stride(from: 32768, through: 122880, by: 8192)),
    ]

    /// Every valid Fargate (cpu units, memory MiB) pair, ordered by cpu then memory; made once, as
    /// every wrong size looks for its nearest.
    public static let fargatePairs: [(cpu: Int, memory: Int)] =
        fargateMemoryByCPU.sorted { $0.key < $1.key }.flatMap { cpu, memories in memories.map { (cpu, $0) } }

    /// Windows containers on Fargate: at least 1 vCPU, and 8/16 vCPU need Linux platform 1.4.0.
    public static let fargateWindowsCPUs: Set<Int> = [1024, 2048, 4096]

    public static var fargateCPUs: [Int] { fargateMemoryByCPU.keys.sorted() }

    public static func isValidFargate(cpu: Int, memory: Int) -> Bool {
        fargateMemoryByCPU[cpu]?.contains(memory) ?? false
    }

    /// Task cpu as CPU units: `"256"`, `"1024"`, `"1 vCPU"`, `".25 vcpu"`, `"0.5vCPU"`. Nil when
    /// the text is not a size.
    public static func cpuUnits(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace
        if let units = Int(trimmed), units >= 0 { return units }
        guard let number = number(trimmed, unit: "vcpu"), number >= 0 else { return nil }
        let units = number * 1024
        guard units == units.rounded() else { return nil }
        return Int(units)
    }

    /// Task memory in MiB: `"512"`, `"2 GB"`, `"0.5GB"` (GB here means GiB, as ECS reads it).
    public static func memoryMiB(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace
        if let mib = Int(trimmed), mib >= 0 { return mib }
        guard let number = number(trimmed, unit: "gb"), number >= 0 else { return nil }
        let mib = number * 1024
        guard mib == mib.rounded() else { return nil }
        return Int(mib)
    }

    /// `<decimal>\s*<unit>` case-insensitively.
    private static func number(_ text: String, unit: String) -> Double? {
        let lower = text.lowercased()
        guard lower.hasSuffix(unit) else { return nil }
        let digits = lower.dropLast(unit.count).trimming(.whitespaces)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            digits.filter({ $0 == "." }).count <= 1, digits != "."
        else { return nil }
        return Double(digits.hasPrefix(".") ? "0" + digits : digits)
    }

    /// Human form of cpu units: `256 (.25 vCPU)`.
    public static func describeCPU(_ units: Int) -> String {
        let vcpu = Double(units) / 1024
        let text = vcpu == vcpu.rounded() ? String(Int(vcpu)) : String(vcpu)
        return "\(units) (\(text) vCPU)"
    }

    public static func describeMemoryList(_ values: [Int]) -> String {
        guard values.count > 4, let first = values.first, let last = values.last else {
            return values.map(String.init).joined(separator: ", ")
        }
        return "\(first)–\(last) in steps of \(values[1] - first)"
    }

    /// Why a task definition runs on Fargate, or nil when nothing says so. Fargate is known from
    /// `requiresCompatibilities`, or from a linked service's `launchType` or capacity providers.
    /// Values are compared without case, so a misspelt `fargate` still shows what the author
    /// meant, and quoted as written (`enum-value-invalid` reports the spelling itself).
    public static func fargateReason(_ view: TaskDefinitionView) -> String? {
        let taskDefinition = view.taskDefinition
        if let written = taskDefinition.requiresCompatibilities.value?.first(where: { $0.uppercased() == "FARGATE" }) {
            return "requiresCompatibilities contains '\(written)'"
        }
        for service in view.services {
            if let launchType = service.launchType.value, launchType.uppercased() == "FARGATE" {
                return "service '\(service.displayName)' runs it with launchType '\(launchType)'"
            }
            for item in service.reader.objects("capacityProviderStrategy") {
                if let provider = item.string("capacityProvider").value,
                    ["FARGATE", "FARGATE_SPOT"].contains(provider.uppercased())
                {
                    return "service '\(service.displayName)' runs it on the '\(provider)' capacity provider"
                }
            }
        }
        return nil
    }

    /// True when the task definition declares a Windows operating system family.
    public static func isWindows(_ taskDefinition: TaskDefinition) -> Bool {
        taskDefinition.reader.object("runtimePlatform")?.string("operatingSystemFamily").value?.uppercased()
            .hasPrefix("WINDOWS") ?? false
    }
}

extension ContainerDefinition {
    /// Where findings about the container as a whole point: its name, or the container object.
    var anchor: Location { self.name.isAbsent ? location : self.name.location }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
