/// terraform-aws-modules/ecr: a private repository `repository_name` (IMMUTABLE and scanned on
/// push unless the call says otherwise) and, when `create_lifecycle_policy` (the default) and
/// `repository_lifecycle_policy` is given, its lifecycle policy. A public repository
/// (`repository_type = "public"`) is not an ECR private repository: nothing is mapped.
enum TerraformAWSModulesECR: TerraformRegistryModule {
    static func matches(_ source: TerraformRegistrySource) -> Bool {
        source.module == "terraform-aws-modules/ecr/aws" && source.subdirectory.isEmpty
    }

    static func resources(of call: TerraformModuleCall) -> [TerraformModuleResource] {
        guard createsPrivateRepository(call) != false else { return [] }
        let name = call.input("repository_name", default: .string(""))
        var repository = [
            call.member("name", name, argument: "repository_name"),
            call.member("image_tag_mutability", call.input("repository_image_tag_mutability", default: .string("IMMUTABLE")),
                argument: "repository_image_tag_mutability"),
            call.member("image_scanning_configuration", call.block([
                call.member("scan_on_push", call.input("repository_image_scan_on_push", default: .bool(true)),
                    argument: "repository_image_scan_on_push"),
            ])),
        ]
        if let filters = call.input("repository_image_tag_mutability_exclusion_filter") {
            repository.append(call.member("image_tag_mutability_exclusion_filter", filters, argument: "repository_image_tag_mutability_exclusion_filter"))
        }
        var result = [TerraformModuleResource(type: "aws_ecr_repository", address: "aws_ecr_repository.this[0]", arguments: repository)]
        // The module's default policy is "": no policy ECR would accept, so none is mapped.
        if call.flag("create_lifecycle_policy", default: true) != false, let policy = call.input("repository_lifecycle_policy"),
            policy.string != ""
        {
            result.append(TerraformModuleResource(type: "aws_ecr_lifecycle_policy", address: "aws_ecr_lifecycle_policy.this[0]", arguments: [
                call.member("repository", repositoryReference(call, attribute: "name", name: name)),
                call.member("policy", policy, argument: "repository_lifecycle_policy"),
            ]))
        }
        return result
    }

    static func output(_ name: String, of call: TerraformModuleCall) -> HCLValue? {
        guard createsPrivateRepository(call) == true else { return nil }
        switch name {
        case "repository_url": return call.reference(to: "aws_ecr_repository", "this", attribute: "repository_url", output: name)
        case "repository_name": return repositoryReference(call, attribute: "name", name: call.input("repository_name", default: .string("")))
        default: return nil
        }
    }

    /// Nil when `create`, `create_repository` or `repository_type` is not known.
    private static func createsPrivateRepository(_ call: TerraformModuleCall) -> Bool? {
        guard let create = call.flag("create", default: true), let createRepository = call.flag("create_repository", default: true),
            let type = call.input("repository_type", default: .string("private")).string
        else { return nil }
        return create && createRepository && type == "private"
    }

    /// The repository's name: known from the input, and linked to the repository by address.
    private static func repositoryReference(_ call: TerraformModuleCall, attribute: String, name: HCLValue) -> HCLValue {
        guard name.string != nil else { return call.reference(to: "aws_ecr_repository", "this", attribute: attribute) }
        return name
    }
}
