/// cloudposse/ecr: a repository per name of `image_names` (or one named by the label,
/// `use_fullname` choosing its id or its name), IMMUTABLE and scanned on push by default, each
/// with the lifecycle policy the module builds (when `enable_lifecycle_policy`, the default):
/// a rule per `protected_tags` entry keeping `protected_tags_keep_count` images, then
/// `custom_lifecycle_rules`, the untagged rule (keep one untagged image; left out when a custom
/// rule selects untagged images) and the rule that keeps `max_image_count` images of any kind
/// (or expires them after that many days with `time_based_rotation`); rules selecting any tag
/// status go last, and priorities follow that order.
enum CloudPosseECR: TerraformRegistryModule {
    static func matches(_ source: TerraformRegistrySource) -> Bool {
        source.module == "cloudposse/ecr/aws" && source.subdirectory.isEmpty
    }

    static func resources(of call: TerraformModuleCall) -> [TerraformModuleResource] {
        guard call.flag("enabled", default: true) != false else { return [] }
        let names = imageNames(call)
        let policy = call.flag("enable_lifecycle_policy", default: true) != false ? lifecyclePolicy(call) : nil
        var result: [TerraformModuleResource] = []
        for name in names {
            let key = name.string.map { "[" + NodeJSONWriter.quoted($0) + "]" } ?? ""
            var repository = [
                call.member("name", name, argument: call.input("image_names") == nil ? "name" : "image_names"),
                call.member("image_tag_mutability", call.input("image_tag_mutability", default: .string("IMMUTABLE")), argument: "image_tag_mutability"),
                call.member("image_scanning_configuration", call.block([
                    call.member("scan_on_push", call.input("scan_images_on_push", default: .bool(true)), argument: "scan_images_on_push"),
                ])),
            ]
            if let filters = call.input("image_tag_mutability_exclusion_filter") {
                repository.append(call.member("image_tag_mutability_exclusion_filter", filters, argument: "image_tag_mutability_exclusion_filter"))
            }
            result.append(TerraformModuleResource(type: "aws_ecr_repository", address: "aws_ecr_repository.name" + key, arguments: repository))
            if let policy {
                result.append(TerraformModuleResource(type: "aws_ecr_lifecycle_policy", address: "aws_ecr_lifecycle_policy.name" + key, arguments: [
                    call.member("repository", name.string != nil ? name : call.reference(to: "aws_ecr_repository", "name", attribute: "name")),
                    call.member("policy", policy),
                ]))
            }
        }
        return result
    }

    static func output(_ name: String, of call: TerraformModuleCall) -> HCLValue? {
        guard call.flag("enabled", default: true) == true, let first = imageNames(call).first else { return nil }
        switch name {
        case "repository_url": return call.reference(to: "aws_ecr_repository", "name", attribute: "repository_url", output: name)
        case "repository_name": return first.string != nil ? first : call.reference(to: "aws_ecr_repository", "name", attribute: "name")
        default: return nil
        }
    }

    /// `image_names`, else the label's id (or name, without `use_fullname`); one unknown name
    /// when they are not known.
    static func imageNames(_ call: TerraformModuleCall) -> [HCLValue] {
        if let given = call.input("image_names") {
            if let elements = given.elements, !elements.isEmpty { return elements }
            if !given.isKnown { return [call.unknown("image_names", reason: "the repository names are not known", span: given.span)] }
        }
        let fullName = call.flag("use_fullname", default: true)
        let label = fullName == true ? CloudPosseLabel.id(of: call) : fullName == false ? CloudPosseLabel.name(of: call) : nil
        let span = call.input("name")?.span ?? call.defaultSpan
        guard let label else { return [call.unknown("name", reason: "the name cloudposse/label/null gives the repository is not known", span: span)] }
        return [.string(label, span: span)]
    }

    // MARK: Lifecycle policy

    /// `jsonencode({rules = …})` as the module builds it, with each rule's span at what made it.
    static func lifecyclePolicy(_ call: TerraformModuleCall) -> HCLValue {
        let limit = call.caller.workspace.evaluationLimits.maxStringLength
        func number(_ value: Double) -> HCLValue { call.moduleDefault(.number(HCLNumber(value))) }
        func string(_ text: String) -> HCLValue { call.moduleDefault(.string(text)) }
        func expire(_ span: HCLSpan?) -> HCLValue { .object([HCLMember(key: "type", keySpan: nil, value: string("expire"))], span: span ?? call.defaultSpan) }
        func rule(_ description: HCLValue, _ selection: [HCLMember], span: HCLSpan?) -> [HCLMember] {
            [HCLMember(key: "description", keySpan: nil, value: description),
             HCLMember(key: "selection", keySpan: nil, value: .object(selection, span: span ?? call.defaultSpan)),
             HCLMember(key: "action", keySpan: nil, value: expire(span))]
        }
        let settings = call.input("default_lifecycle_rules_settings")
        func enabled(_ name: String) -> Bool? {
            guard let value = settings?[name] else { return true }
            if value.isNull { return true }
            guard let flag = value["enabled"] else { return value.isKnown ? true : nil }
            return flag.isNull ? true : flag.bool
        }
        let protectedTags = call.input("protected_tags") ?? call.moduleDefault(.tuple([]))
        let keepCount = call.input("protected_tags_keep_count") ?? number(999_999)
        let maxCount = call.input("max_image_count") ?? number(500)
        let custom = call.input("custom_lifecycle_rules") ?? call.moduleDefault(.tuple([]))
        guard let tags = protectedTags.elements, let customRules = custom.elements, let untaggedEnabled = enabled("untagged_image_rule"),
            let oldEnabled = enabled("remove_old_image_rule"), let timeBased = call.flag("time_based_rotation", default: false)
        else {
            return call.unknown("lifecycle_policy", reason: "an input the lifecycle policy is built from is not known")
        }
        var rules: [(members: [HCLMember], span: HCLSpan?, selectsAny: Bool?)] = []
        for tag in tags {
            guard let text = tag.string else { return call.unknown("lifecycle_policy", reason: "a protected tag is not known", span: tag.span) }
            let kind = text.contains("*") ? "wildcard" : "prefix"
            rules.append((rule(string("Protects images tagged with \(kind) \(text)"), [
                HCLMember(key: text.contains("*") ? "tagPatternList" : "tagPrefixList", keySpan: nil, value: .tuple([tag], span: tag.span)),
                HCLMember(key: "tagStatus", keySpan: nil, value: string("tagged")),
                HCLMember(key: "countType", keySpan: nil, value: string("imageCountMoreThan")),
                HCLMember(key: "countNumber", keySpan: nil, value: keepCount),
            ], span: tag.span), tag.span, false))
        }
        let customUntagged = customRules.contains { $0["selection"]?["tagStatus"]?.string == "untagged" }
        if untaggedEnabled && !customUntagged {
            rules.append((rule(string("Remove untagged images"), [
                HCLMember(key: "tagStatus", keySpan: nil, value: string("untagged")),
                HCLMember(key: "countType", keySpan: nil, value: string("imageCountMoreThan")),
                HCLMember(key: "countNumber", keySpan: nil, value: number(1)),
            ], span: nil), nil, false))
        }
        if oldEnabled {
            let count = maxCount.number.map { String(Int($0)) } ?? "${max_image_count}"
            var selection = [
                HCLMember(key: "tagStatus", keySpan: nil, value: string("any")),
                HCLMember(key: "countType", keySpan: nil, value: string(timeBased ? "sinceImagePushed" : "imageCountMoreThan")),
                HCLMember(key: "countNumber", keySpan: nil, value: maxCount),
            ]
            if timeBased { selection.append(HCLMember(key: "countUnit", keySpan: nil, value: string("days"))) }
            rules.append((rule(string(timeBased ? "Rotate images older than \(count) days old" : "Rotate images when reach \(count) images stored"),
                selection, span: maxCount.span), maxCount.span, true))
        }
        for custom in customRules {
            guard let members = custom.members else { return call.unknown("lifecycle_policy", reason: "a custom rule is not known", span: custom.span) }
            let status = custom["selection"]?["tagStatus"]
            rules.append((CloudPosseContainerDefinition.withoutNulls(.object(members, span: custom.span)).members ?? [], custom.span,
                status.map { $0.string.map { $0 == "any" } } ?? false))
        }
        // The module puts the custom rules after its own, then every rule selecting any tag status last.
        let ordered = rules.filter { $0.selectsAny == false } + rules.filter { $0.selectsAny == true }
        guard ordered.count == rules.count else {
            return call.unknown("lifecycle_policy", reason: "a custom rule's tagStatus is not known")
        }
        let structure = HCLValue.object([HCLMember(key: "rules", keySpan: nil, value: .tuple(ordered.enumerated().map { position, item in
            .object(item.members.filter { $0.key != "rulePriority" } + [
                HCLMember(key: "rulePriority", keySpan: nil, value: HCLValue(.number(HCLNumber(Double(position + 1))), span: item.span ?? call.defaultSpan)),
            ], span: item.span ?? call.defaultSpan)
        }, span: custom.span ?? call.defaultSpan))], span: call.defaultSpan)
        return call.jsonEncoded(structure, expression: call.address + " lifecycle policy", limit: limit)
    }
}
