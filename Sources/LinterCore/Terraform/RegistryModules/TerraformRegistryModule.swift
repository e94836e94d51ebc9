/// A registry module whose inputs ecslint maps onto the model when the module itself is not
/// present: which sources it answers for, the resources a call creates, and the outputs a
/// caller reads. What an input leaves unknown stays unknown; where the module has a default,
/// the default is used, placed at the call's `source`.
protocol TerraformRegistryModule {
    /// Whether `source` (module and subdirectory) is this module.
    static func matches(_ source: TerraformRegistrySource) -> Bool
    /// The resources `call` creates.
    static func resources(of call: TerraformModuleCall) -> [TerraformModuleResource]
    /// Output `name` of `call`, as the caller sees it; nil when ecslint does not know it.
    static func output(_ name: String, of call: TerraformModuleCall) -> HCLValue?
}

enum TerraformRegistryModules {
    // Computed, as a stored list of protocol metatypes is not Sendable global state.
    static var all: [any TerraformRegistryModule.Type] {
        [
            TerraformAWSModulesECSService.self, TerraformAWSModulesECSRoot.self,
            TerraformAWSModulesECSContainerDefinition.self, TerraformAWSModulesECR.self,
            CloudPosseContainerDefinition.self, CloudPosseECR.self,
        ]
    }

    /// The mapping for `source`, if ecslint knows the module.
    static func module(for source: TerraformRegistrySource) -> (any TerraformRegistryModule.Type)? {
        all.first { $0.matches(source) }
    }
}
