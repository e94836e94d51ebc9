/// An ECR repository, normalized from any input shape.
@dynamicMemberLookup
public struct Repository: CopyOnWriteFields, Sendable {
    public struct Fields: Sendable {
        public var reader: ObjectReader
        public var origin: ResourceOrigin
        public var name: Field<String>
        public var tagMutability: Field<String>
        public var exclusionFilters: [Field<String>]
        public var scanOnPush: Field<Bool>
        /// A lifecycle policy written inside the repository (CloudFormation `LifecyclePolicy`).
        public var lifecyclePolicy: LifecyclePolicy?
        /// The account and region, when the input names them (describe output, Terraform state).
        public var registry: ECRRegistry? = nil
    }

    public var storage: CopyOnWrite<Fields>

    init(_ fields: Fields) { storage = CopyOnWrite(fields) }

    public var location: Location { self.reader.location }
    public var path: String { self.reader.path }

    public var displayName: String { self.origin.displayName(named: self.name.value, path: path) }

    /// The mutability setting as the simulator understands it; nil when unresolved or unknown.
    public var mutability: TagMutability? {
        guard let mode = self.tagMutability.value(default: "MUTABLE") else { return nil }
        guard let parsed = TagMutabilityMode(rawValue: mode.uppercased()) else { return nil }
        let filters = self.exclusionFilters.compactMap(\.value)
        if filters.count != self.exclusionFilters.count { return nil }
        return TagMutability(mode: parsed, exclusionFilters: filters)
    }
}
