/// Fields whose values the ECS and ECR APIs take from a fixed list (`networkMode`, `launchType`,
/// `pidMode`, …), by their camelCase name.
///
/// An empty string in such a field means "not set", for every rule alike: the AWS SDK for Go v2,
/// which ecspresso uses, drops empty enum values before it calls the API, and `ecspresso init`
/// writes `"ipcMode": ""` and `"pidMode": ""` for fields the service does not set. An empty string
/// elsewhere (an `image`, a `user`) keeps its meaning.
public enum EnumeratedFields {
    public static let names: Set<String> = [
        // Task definitions and containers.
        "networkMode", "pidMode", "ipcMode", "requiresCompatibilities", "versionConsistency", "condition",
        "logDriver", "protocol", "appProtocol", "cpuArchitecture", "operatingSystemFamily", "scope",
        "transitEncryption", "iam", "type",
        // Services.
        "launchType", "schedulingStrategy", "propagateTags", "assignPublicIp", "availabilityZoneRebalancing",
        "strategy",
        // ECR.
        "imageTagMutability", "encryptionType", "scanType", "tagStatus", "countType", "countUnit",
    ]

    /// Whether `value`, written for the field `camelName`, stands for an unset field.
    @inline(__always)
    public static func isEmptyEnumValue(_ value: Node, field camelName: String) -> Bool {
        guard case .string(let text, _) = value.kind, text.isEmpty else { return false }
        return names.contains(camelName)
    }
}
