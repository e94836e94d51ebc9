import LinterCore

/// What a declarative rule checks: each resource (or part of one) of this kind is one target,
/// and the rule's paths are resolved inside it.
public enum DeclarativeTarget: String, Sendable, CaseIterable {
    case taskDefinition, container, service, repository, lifecyclePolicy, lifecycleRule, image

    /// Every path a rule may name for this target, in API camelCase. `[*]` is each element of
    /// an array (`[0]`, `[1]`… are accepted too), `*` any key of a free-form map. Every prefix of
    /// a listed path is valid as well (`healthCheck`, `portMappings`).
    public var knownPaths: [String] {
        switch self {
        case .taskDefinition:
            return [
                "family", "taskRoleArn", "executionRoleArn", "networkMode", "requiresCompatibilities[*]", "cpu",
                "memory", "pidMode", "ipcMode", "containerDefinitions", "volumes[*].name", "volumes[*].host.sourcePath",
                "volumes[*].configuredAtLaunch", "volumes[*].efsVolumeConfiguration.fileSystemId",
                "volumes[*].efsVolumeConfiguration.rootDirectory", "volumes[*].efsVolumeConfiguration.transitEncryption",
                "volumes[*].efsVolumeConfiguration.authorizationConfig.iam",
                "volumes[*].efsVolumeConfiguration.authorizationConfig.accessPointId",
                "volumes[*].dockerVolumeConfiguration.scope", "volumes[*].dockerVolumeConfiguration.driver",
                "placementConstraints[*].type", "placementConstraints[*].expression", "proxyConfiguration.type",
                "proxyConfiguration.containerName", "ephemeralStorage.sizeInGiB", "runtimePlatform.cpuArchitecture",
                "runtimePlatform.operatingSystemFamily", "inferenceAccelerators[*].deviceName",
                "inferenceAccelerators[*].deviceType", "enableFaultInjection", "tags[*].key", "tags[*].value",
            ]
        case .container:
            return [
                "name", "image", "image.registry", "image.repository", "image.tag", "image.digest", "essential", "cpu",
                "memory", "memoryReservation", "portMappings[*].containerPort", "portMappings[*].hostPort",
                "portMappings[*].protocol", "portMappings[*].name", "portMappings[*].appProtocol",
                "portMappings[*].containerPortRange", "healthCheck.command[*]", "healthCheck.interval",
                "healthCheck.timeout", "healthCheck.retries", "healthCheck.startPeriod", "logConfiguration.logDriver",
                "logConfiguration.options.*", "logConfiguration.secretOptions[*].name",
                "logConfiguration.secretOptions[*].valueFrom", "environment[*].name", "environment[*].value",
                "environmentFiles[*].value", "environmentFiles[*].type", "secrets[*].name", "secrets[*].valueFrom",
                "dependsOn[*].containerName", "dependsOn[*].condition", "links[*]", "privileged", "user",
                "readonlyRootFilesystem", "workingDirectory", "entryPoint[*]", "command[*]",
                "linuxParameters.initProcessEnabled", "linuxParameters.capabilities.add[*]",
                "linuxParameters.capabilities.drop[*]", "linuxParameters.sharedMemorySize", "linuxParameters.maxSwap",
                "linuxParameters.swappiness", "linuxParameters.devices[*].hostPath",
                "linuxParameters.devices[*].containerPath", "linuxParameters.tmpfs[*].containerPath",
                "mountPoints[*].sourceVolume", "mountPoints[*].containerPath", "mountPoints[*].readOnly",
                "volumesFrom[*].sourceContainer", "volumesFrom[*].readOnly", "ulimits[*].name", "ulimits[*].softLimit",
                "ulimits[*].hardLimit", "dockerLabels.*", "dockerSecurityOptions[*]",
                "repositoryCredentials.credentialsParameter", "versionConsistency", "startTimeout", "stopTimeout",
                "interactive", "pseudoTerminal", "hostname", "disableNetworking", "dnsServers[*]",
                "dnsSearchDomains[*]", "extraHosts[*].hostname", "extraHosts[*].ipAddress",
                "systemControls[*].namespace", "systemControls[*].value", "firelensConfiguration.type",
                "firelensConfiguration.options.*", "restartPolicy.enabled", "restartPolicy.ignoredExitCodes[*]",
                "restartPolicy.restartAttemptPeriod", "resourceRequirements[*].type", "resourceRequirements[*].value",
            ]
        case .service:
            return [
                "name", "cluster", "taskDefinition", "desiredCount", "launchType", "platformVersion",
                "schedulingStrategy", "capacityProviderStrategy[*].capacityProvider",
                "capacityProviderStrategy[*].weight", "capacityProviderStrategy[*].base", "deploymentController.type",
                "deploymentConfiguration.maximumPercent", "deploymentConfiguration.minimumHealthyPercent",
                "deploymentConfiguration.deploymentCircuitBreaker.enable",
                "deploymentConfiguration.deploymentCircuitBreaker.rollback", "deploymentConfiguration.alarms.enable",
                "deploymentConfiguration.alarms.rollback", "deploymentConfiguration.alarms.alarmNames[*]",
                "loadBalancers[*].containerName", "loadBalancers[*].containerPort", "loadBalancers[*].targetGroupArn",
                "loadBalancers[*].loadBalancerName", "networkConfiguration.awsvpcConfiguration.assignPublicIp",
                "networkConfiguration.awsvpcConfiguration.subnets[*]",
                "networkConfiguration.awsvpcConfiguration.securityGroups[*]", "healthCheckGracePeriodSeconds",
                "enableExecuteCommand", "enableECSManagedTags", "propagateTags", "serviceRegistries[*].registryArn",
                "placementConstraints[*].type", "placementConstraints[*].expression", "placementStrategy[*].type",
                "placementStrategy[*].field", "availabilityZoneRebalancing", "tags[*].key", "tags[*].value",
            ]
        case .repository:
            return [
                "name", "repositoryName", "imageTagMutability", "imageTagMutabilityExclusionFilters[*].filter",
                "imageTagMutabilityExclusionFilters[*].filterType", "imageScanningConfiguration.scanOnPush",
                "encryptionConfiguration.encryptionType", "encryptionConfiguration.kmsKey", "emptyOnDelete",
                "forceDelete", "tags[*].key", "tags[*].value",
            ]
        case .lifecyclePolicy:
            return ["repositoryName"] + DeclarativeTarget.lifecycleRule.knownPaths.map { "rules[*]." + $0 }
        case .lifecycleRule:
            return [
                "rulePriority", "description", "selection.tagStatus", "selection.tagPrefixList[*]",
                "selection.tagPatternList[*]", "selection.countType", "selection.countUnit", "selection.countNumber",
                "selection.storageClass", "action.type", "action.targetStorageClass",
            ]
        case .image:
            return ["registry", "repository", "tag", "digest", "reference"]
        }
    }

    /// The message placeholders (besides `{value}`, `{path}` and `{option.X}`) this target fills.
    public var templateNames: [String] {
        switch self {
        case .taskDefinition: return ["family"]
        case .container, .image: return ["family", "container.name"]
        case .service: return ["service.name"]
        case .repository, .lifecyclePolicy, .lifecycleRule: return ["repository.name"]
        }
    }

    /// Paths whose values are never interpolated into messages.
    static let secretKeys: Set<String> = ["environment", "secrets", "secretOptions", "repositoryCredentials"]
}

/// One step of a rule path.
enum PathSegment: Sendable, Hashable {
    case key(String)
    /// `[*]`: every element.
    case elements
    /// `[3]`: one element.
    case index(Int)
}

/// A parsed, validated dotted path such as `portMappings[*].hostPort`.
struct RulePath: Sendable, Hashable, CustomStringConvertible {
    var text: String
    var segments: [PathSegment]

    var description: String { text }

    var isSecret: Bool {
        segments.contains { segment in
            if case .key(let name) = segment { return DeclarativeTarget.secretKeys.contains(name) }
            return false
        }
    }

    /// Parses `a.b[*].c[0]`; nil with a reason when malformed.
    static func parse(_ text: String) -> Result<RulePath, PathProblem> {
        // Nearly every path is ASCII: those are read straight from the bytes (start-up parses
        // every known path of every target and every path of the shipped rules).
        var utf8 = text
        let ascii = utf8.withUTF8 { bytes in
            bytes.allSatisfy { $0 < 0x80 }
                ? parse(text, scalars: bytes.lazy.map { Unicode.Scalar($0) }) { range in
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                }
                : nil
        }
        return ascii ?? parseScalars(text)
    }

    /// `parse` for any text, on its Unicode scalars (not Characters: grapheme breaking made
    /// parsing the shipped rules' paths a visible share of start-up, and every character a path
    /// allows is one scalar; combining marks are accepted on their own).
    static func parseScalars(_ text: String) -> Result<RulePath, PathProblem> {
        let scalars = Array(text.unicodeScalars)
        return parse(text, scalars: scalars) { range in String(String.UnicodeScalarView(scalars[range])) }
    }

    /// The parser itself. A key is always a run of name scalars, so `slice` cuts it, and the
    /// text inside brackets, from the input instead of building it a scalar at a time.
    private static func parse<Scalars: RandomAccessCollection>(
        _ text: String, scalars: Scalars, slice: (Range<Int>) -> String
    ) -> Result<RulePath, PathProblem> where Scalars.Element == Unicode.Scalar, Scalars.Index == Int {
        var segments: [PathSegment] = []
        var keyStart = 0
        var keyLength = 0
        var expectKey = true
        func flushKey() -> String? {
            if keyLength == 0 { return "an empty name" }
            segments.append(.key(slice(keyStart..<(keyStart + keyLength))))
            keyLength = 0
            return nil
        }
        if scalars.isEmpty { return .failure(PathProblem("the path is empty")) }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            switch scalar {
            case ".":
                if expectKey, let problem = flushKey() { return .failure(PathProblem("\(problem) before '.'")) }
                if !expectKey && keyLength > 0 { return .failure(PathProblem("unexpected '.'")) }
                expectKey = true
            case "[":
                if expectKey, let problem = flushKey() { return .failure(PathProblem("\(problem) before '['")) }
                guard let close = scalars[index...].firstIndex(of: "]") else {
                    return .failure(PathProblem("'[' without ']'"))
                }
                let inside = slice((index + 1)..<close)
                if inside == "*" {
                    segments.append(.elements)
                } else if let number = Int(inside), number >= 0 {
                    segments.append(.index(number))
                } else {
                    return .failure(PathProblem("'[\(inside)]' is neither '[*]' nor an index"))
                }
                index = close
                expectKey = false
            default:
                if !expectKey { return .failure(PathProblem("expected '.' or '[' after ']'")) }
                guard RulePath.isNameCharacter(scalar) else {
                    return .failure(PathProblem("unexpected character '\(scalar)'"))
                }
                if keyLength == 0 { keyStart = index }
                keyLength += 1
            }
            index += 1
        }
        if expectKey, let problem = flushKey() { return .failure(PathProblem("\(problem) at the end")) }
        return .success(RulePath(text: text, segments: segments))
    }

    /// Letters, digits, combining marks and `_ - @ / :`. ASCII is decided without Unicode
    /// property lookups.
    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            switch UInt8(scalar.value) {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "@"),
                UInt8(ascii: "/"), UInt8(ascii: ":"):
                return true
            default:
                return false
            }
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return properties.isAlphabetic || properties.numericType != nil
        }
    }

    /// Whether the path names a field listed for the target (or a prefix of one).
    func isKnown(in target: DeclarativeTarget) -> Bool {
        RulePath.knownPatterns(of: target).contains(where: { pattern in
            guard segments.count <= pattern.segments.count else { return false }
            for (mine, theirs) in zip(segments, pattern.segments) {
                switch (mine, theirs) {
                case (.key(let a), .key(let b)): if b != "__any__" && a != b { return false }
                case (.elements, .elements), (.index, .elements): break
                default: return false
                }
            }
            return true
        })
    }
}

extension RulePath {
    /// Each target's `knownPaths` parsed once, `*` keys spelled `__any__`: rule files are checked
    /// against them for every path they name, at every start-up. A target's list is parsed when a
    /// rule first names that target (the shipped rules name three of the seven).
    static func knownPatterns(of target: DeclarativeTarget) -> [RulePath] {
        switch target {
        case .taskDefinition: return KnownPatterns.taskDefinition
        case .container: return KnownPatterns.container
        case .service: return KnownPatterns.service
        case .repository: return KnownPatterns.repository
        case .lifecyclePolicy: return KnownPatterns.lifecyclePolicy
        case .lifecycleRule: return KnownPatterns.lifecycleRule
        case .image: return KnownPatterns.image
        }
    }

    /// One lazily made list per target.
    private enum KnownPatterns {
        static let taskDefinition = parsed(.taskDefinition)
        static let container = parsed(.container)
        static let service = parsed(.service)
        static let repository = parsed(.repository)
        static let lifecyclePolicy = parsed(.lifecyclePolicy)
        static let lifecycleRule = parsed(.lifecycleRule)
        static let image = parsed(.image)

        static func parsed(_ target: DeclarativeTarget) -> [RulePath] {
            target.knownPaths.compactMap { known in
                guard case .success(let pattern) = RulePath.parse(anyKeyWildcards(known)) else { return nil }
                return pattern
            }
        }
    }

    /// `known.replacingOccurrences(of: ".*", with: ".__any__")` without Foundation.
    static func anyKeyWildcards(_ known: String) -> String {
        let bytes = Array(known.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                out.append(contentsOf: ".__any__".utf8)
                index += 2
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

struct PathProblem: Error {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
