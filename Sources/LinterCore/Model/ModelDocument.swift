/// The resources found in one parsed document.
public struct ModelDocument: Sendable {
    public var path: String
    /// Which document of a multi-document YAML file.
    public var documentIndex: Int
    public var kind: DocumentKind
    public var root: Node
    public var taskDefinitions: [TaskDefinition] = []
    public var services: [Service] = []
    public var repositories: [Repository] = []
    public var lifecyclePolicies: [LifecyclePolicy] = []
    public var scalableTargets: [ScalableTarget] = []
    public var ecspressoConfig: EcspressoConfig?
    /// Problems found while building the model, such as embedded JSON that does not parse.
    public var problems: [ModelProblem] = []
    /// CloudFormation `Metadata: {ecslint: {ignore: [...]}}` per resource.
    public var metadataSuppressions: [MetadataSuppression] = []
    /// Places where a Terraform registry module's defaults stand for what a call does not write.
    public var moduleDefaultNotes: [ModuleDefaultNote] = []
    /// Values of Terraform source that stayed unknown where the model needs them (an image's tag,
    /// `container_definitions`, a policy), with why: what `dump --model` and the resolution
    /// table report. Rules do not read them.
    public var unresolved: [UnresolvedValue] = []
    /// Read from a template with its placeholders made unknown (`TemplatePlaceholders`): both
    /// branches of a conditional may be present, so the text is not what AWS will read.
    public var isRenderedTemplate = false

    public init(path: String, documentIndex: Int, kind: DocumentKind, root: Node) {
        self.path = path
        self.documentIndex = documentIndex
        self.kind = kind
        self.root = root
    }

    /// Appends what `part`, built from later resources of the same document, found.
    mutating func append(contentsOf part: ModelDocument) {
        taskDefinitions += part.taskDefinitions
        services += part.services
        repositories += part.repositories
        lifecyclePolicies += part.lifecyclePolicies
        scalableTargets += part.scalableTargets
        problems += part.problems
        metadataSuppressions += part.metadataSuppressions
        moduleDefaultNotes += part.moduleDefaultNotes
    }

    public var isEmpty: Bool {
        taskDefinitions.isEmpty && services.isEmpty && repositories.isEmpty && lifecyclePolicies.isEmpty
            && scalableTargets.isEmpty && ecspressoConfig == nil
    }
}

public struct ModelProblem: Sendable {
    public var message: String
    public var location: Location

    public init(message: String, location: Location) {
        self.message = message
        self.location = location
    }
}

/// A CloudFormation resource's own ignore list: it silences the listed rules inside the resource.
public struct MetadataSuppression: Sendable {
    public var resourceRange: ByteRange
    public var rules: [String]
    /// Each listed id's own location, for unused-suppression reports.
    public var ruleLocations: [ByteRange]
}

/// The place (a module call's `source`) where values a Terraform registry module supplies by
/// default are put, so that a finding about one says it is the module's choice, not a line of
/// the call.
public struct ModuleDefaultNote: Sendable, Hashable {
    public var range: ByteRange
    /// `terraform-aws-modules/ecs/aws//modules/service sets this by default; the call does not`.
    public var note: String

    public init(range: ByteRange, note: String) {
        self.range = range
        self.note = note
    }
}

/// A value the model needed but could not know statically.
public struct UnresolvedValue: Sendable {
    /// The resource (`aws_ecs_task_definition.app`) and its attribute (`container_definitions`,
    /// `image of container 'web'`).
    public var resource: String
    public var attribute: String
    /// The expression as written, and why it is unknown.
    public var expression: String
    public var reason: String
    public var location: Location

    public init(resource: String, attribute: String, expression: String, reason: String, location: Location) {
        self.resource = resource
        self.attribute = attribute
        self.expression = expression
        self.reason = reason
        self.location = location
    }
}
