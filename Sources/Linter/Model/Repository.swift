/// An ECR repository, normalized from any input shape.
public struct Repository: Sendable {
    public var reader: ObjectReader
    public var origin: ResourceOrigin
    public var name: Field<String>
    public var tagMutability: Field<String>
    public var exclusionFilters: [Field<String>]
    public var scanOnPush: Field<Bool>
    /// A lifecycle policy written inside the repository (CloudFormation `LifecyclePolicy`).
    public var lifecyclePolicy: LifecyclePolicy?

    public var location: Location { reader.location }
    public var path: String { reader.path }

    public var displayName: String {
        if let name = name.value { return name }
        if let id = origin.cloudFormationLogicalId { return id }
        return path
    }

    /// The mutability setting as the simulator understands it; nil when unresolved or unknown.
    public var mutability: TagMutability? {
        guard let mode = tagMutability.value(default: "MUTABLE") else { return nil }
        guard let parsed = TagMutabilityMode(rawValue: mode.uppercased()) else { return nil }
        let filters = exclusionFilters.compactMap(\.value)
        if filters.count != exclusionFilters.count { return nil }
        return TagMutability(mode: parsed, exclusionFilters: filters)
    }
}
