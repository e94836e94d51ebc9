/// An Application Auto Scaling scalable target for an ECS service's desired count.
@dynamicMemberLookup
public struct ScalableTarget: CopyOnWriteFields, Sendable {
    public struct Fields: Sendable {
        public var reader: ObjectReader
        public var origin: ResourceOrigin
        public var resourceId: Field<Node>
        public var serviceNamespace: Field<String>
        public var minCapacity: Field<Int>
        public var maxCapacity: Field<Int>
        /// The CloudFormation service the resource id refers to (by `Ref` or `GetAtt …Name`).
        public var serviceLogicalId: String?
        /// True when the service is referenced with `Ref` (its ARN) rather than `GetAtt Service.Name`.
        public var referencesServiceByRef: Bool
        /// The node that uses `Ref Service`, to anchor the finding.
        public var serviceRefLocation: Location?
        /// The `service/<cluster>/<service>` id, when written as a literal.
        public var literalServiceName: String?
    }

    public var storage: CopyOnWrite<Fields>

    init(_ fields: Fields) { storage = CopyOnWrite(fields) }

    public var location: Location { self.reader.location }
}
