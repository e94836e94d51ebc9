/// A resource a registry module creates, as the call's inputs describe it: what the module's own
/// `resource` block would hold, in a plan's shape, with the spans of the call's arguments.
struct TerraformModuleResource {
    /// `aws_ecs_task_definition`, …
    var type: String
    /// The resource's address in the module, with its instance key (`aws_ecs_task_definition.this[0]`).
    var address: String
    /// The arguments by name; nested blocks are lists of objects (`TerraformModuleCall.block`).
    var arguments: [HCLMember]
    /// What the module's `lifecycle { ignore_changes }` leaves to others.
    var ignoredChanges: Set<String> = []

    init(type: String, address: String, arguments: [HCLMember], ignoredChanges: Set<String> = []) {
        self.type = type
        self.address = address
        self.arguments = arguments
        self.ignoredChanges = ignoredChanges
    }

    /// The plan-shaped node, with ranges in the call's file.
    func node(of call: TerraformModuleCall) -> Node {
        HCLValue.object(arguments, span: HCLSpan(file: call.file, range: call.block.range)).node(inFile: call.file, fallback: call.block.range)
    }

    var argumentValues: [String: HCLValue] {
        Dictionary(arguments.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
