import LinterCore

/// `lifecycle-policy-invalid`: everything ECR rejects when the policy is put.
public struct LifecyclePolicyInvalidRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS201", name: "lifecycle-policy-invalid",
        summary: "The lifecycle policy breaks a constraint that makes ECR reject it.",
        rationale: """
            `PutLifecyclePolicy` validates the whole document and fails the deployment (or the Terraform apply, \
            or the CloudFormation stack update) on the first problem, with a message such as "instance failed \
            to match exactly one schema". ecslint reports every problem at once, each at the exact field: \
            duplicate or non-positive priorities, an `any` rule that is not last for its storage class, `tagged` \
            rules without exactly one tag list, more than four wildcards in a pattern, `countUnit` with the \
            wrong count type, `sinceImagePulled` with `expire`, archive rules with the wrong storage class, \
            more than one `untagged` rule, identical prefix sets, unknown enum values or keys, `null` values, \
            more than 50 rules, and policy text outside 100–30,720 characters.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["ecr", "lifecycle-policy"],
        references: [
            "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
            "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
        ],
        examples: [
            .invalid(
                "policy.json",
                """
                {
                  "rules": [
                    {"rulePriority": 1, "description": "old builds",
                     "selection": {"tagStatus": ↓⟨error: a 'tagged' rule needs a 'tagPatternList' or a 'tagPrefixList'⟩"tagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30},
                     "action": {"type": "expire"}},
                    {"rulePriority": ↓⟨error: rulePriority 1 is already used by rule 'old builds'⟩1, "description": "archive idle images",
                     "selection": {"tagStatus": "any", ↓⟨error: 'sinceImagePulled' needs "countUnit": "days"⟩"countType": "sinceImagePulled", "countNumber": 90},
                     "action": {"type": ↓⟨error: can only transition images to archive, not expire them⟩"expire"}}
                  ]
                }
                """,
                fixed: """
                    {
                      "rules": [
                        {"rulePriority": 1, "description": "old builds",
                         "selection": {"tagStatus": ↓"tagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30},
                         "action": {"type": "expire"}},
                        {"rulePriority": ↓1, "description": "archive idle images",
                         "selection": {"tagStatus": "any", "countType": "sinceImagePulled", "countNumber": 90, "countUnit": "days"},
                         "action": {"type": ↓"expire"}}
                      ]
                    }
                    """,
                caption: "A tagged rule without a tag list, a duplicate priority, a missing `countUnit` (fixed) and `sinceImagePulled` with `expire`."),
            .invalid(
                "template.yaml",
                """
                Resources:
                  Repository:
                    Type: AWS::ECR::Repository
                    Properties:
                      LifecyclePolicy:
                        LifecyclePolicyText: |
                          {"rules": [
                            {"rulePriority": 1, "selection": {"tagStatus": ↓"any", "countType": "imageCountMoreThan", "countNumber": 50},
                             "action": {"type": "expire"}},
                            {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPatternList": [↓"*a*b*c*d*e"],
                             "countType": "imageCountMoreThan", "countUnit": ↓"days", "countNumber": ↓0}, "action": {"type": "expire"}}
                          ]}
                """,
                fixed: """
                    Resources:
                      Repository:
                        Type: AWS::ECR::Repository
                        Properties:
                          LifecyclePolicy:
                            LifecyclePolicyText: |
                              {"rules": [
                                {"rulePriority": 1, "selection": {"tagStatus": ↓"any", "countType": "imageCountMoreThan", "countNumber": 50},
                                 "action": {"type": "expire"}},
                                {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPatternList": [↓"*a*b*c*d*e"],
                                 "countType": "imageCountMoreThan", "countNumber": ↓0}, "action": {"type": "expire"}}
                              ]}
                    """,
                caption: "Inside a CloudFormation block scalar: an `any` rule before another rule, five wildcards, `countUnit` with a count rule (fixed inside the block) and a zero count."),
            .invalid(
                "get-lifecycle-policy.json",
                #"""
                {
                  "registryId": "123456789012",
                  "repositoryName": "web",
                  "lifecyclePolicyText": "{\"rules\":[{\"rulePriority\":↓⟨error: 'rulePriority' must be a number, not a string⟩\"1\",\"description\":\"old images\",\"selection\":{\"tagStatus\":↓⟨error: (did you mean 'untagged'?)⟩\"Untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":↓\"Days\",\"countNumber\":14},\"action\":{\"type\":\"expire\",↓\"targetStorageClass\":\"archive\"}}]}"
                }
                """#,
                fixed: #"""
                    {
                      "registryId": "123456789012",
                      "repositoryName": "web",
                      "lifecyclePolicyText": "{\"rules\":[{\"rulePriority\":1,\"description\":\"old images\",\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}"
                    }
                    """#,
                caption: "`aws ecr get-lifecycle-policy` output: the fixes are written back into the escaped string."),
            .valid(
                "policy.json",
                """
                {
                  "rules": [
                    {"rulePriority": 1, "description": "keep releases",
                     "selection": {"tagStatus": "tagged", "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 200},
                     "action": {"type": "expire"}},
                    {"rulePriority": 2, "description": "archive idle images",
                     "selection": {"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days", "countNumber": 90},
                     "action": {"type": "transition", "targetStorageClass": "archive"}},
                    {"rulePriority": 3, "description": "delete archived images",
                     "selection": {"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 180},
                     "action": {"type": "expire"}}
                  ]
                }
                """),
        ], fixes: [.safe])

    public init() {}

    static let ruleKeys = ["rulePriority", "description", "selection", "action"]
    static let selectionKeys = ["tagStatus", "tagPatternList", "tagPrefixList", "storageClass", "countType", "countUnit", "countNumber"]
    static let actionKeys = ["type", "targetStorageClass"]
    static let tagStatuses = ["tagged", "untagged", "any"]
    static let countTypes = ["imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned"]

    public func check(_ context: RuleContext) -> [Violation] {
        context.project.lifecyclePolicies.flatMap { PolicyValidation(policy: $0).run() }
    }
}

/// Collects every problem of one policy.
struct PolicyValidation {
    let policy: LifecyclePolicy
    var problems: [Violation] = []

    init(policy: LifecyclePolicy) {
        self.policy = policy
    }

    mutating func report(_ message: String, _ location: Location, fix: Fix? = nil) {
        problems.append(Violation(message + "; ECR rejects the policy", at: location, fix: fix))
    }

    /// Sets fields of a policy object; safe: ECR rejects the policy as written, and the value
    /// written is the only one it accepts there.
    func setting(_ reader: ObjectReader?, _ path: String, to value: FixValue, title: String) -> Fix? {
        guard let reader else { return nil }
        var patch = ObjectPatch(reader)
        patch.set(path, to: value)
        return Fix(title, safety: .safe, edits: patch.edits)
    }

    /// Removes the last entry named `key` of a policy object (the one that counts).
    func removing(_ key: String, from object: Node?, title: String) -> Fix? {
        guard let entries = object?.entries, let object, let index = entries.lastIndex(where: { $0.name == key }) else { return nil }
        return Fix(title, safety: .safe, edits: [FixEdit(path: policy.path, .removeEntry(at: index, of: object))])
    }

    /// A number written as a string, written as the number.
    func unquoting(_ field: Field<Int>, name: String) -> Fix? {
        guard let node = field.node, let value = field.value else { return nil }
        return Fix("Write \(name) as the number \(value)", safety: .safe, edits: [.replace(node, with: .int(value), in: policy.path)])
    }

    func run() -> [Violation] {
        var validation = self
        validation.validate()
        return validation.problems
    }

    mutating func validate() {
        checkTextLength()
        checkNulls(policy.reader.node)
        checkKeys(policy.reader.node, allowed: ["rules"], what: "the policy")
        guard let rulesNode = policy.rulesField.node, !policy.rulesField.isUnresolved else {
            if policy.rulesField.isAbsent { report("the policy has no 'rules' list", policy.location) }
            return
        }
        guard let elements = rulesNode.elements else {
            report("'rules' must be a list of rules", policy.rulesField.location)
            return
        }
        if elements.isEmpty { report("'rules' must hold at least 1 rule", policy.rulesField.location) }
        if elements.count > 50 {
            report("the policy has \(elements.count) rules, more than the limit of 50", policy.rulesField.keyLocation ?? policy.rulesField.location)
        }
        var priorities: [Int: LifecycleRule] = [:]
        var untaggedRules: [String: LifecycleRule] = [:]
        var prefixSets: [String: LifecycleRule] = [:]
        for rule in policy.rules {
            checkRule(rule)
            if let priority = rule.rulePriority.value, rule.rulePriority.node?.numberLexeme != nil {
                if let first = priorities[priority] {
                    report("rulePriority \(priority) is already used by \(first.description.value.map { "rule '\($0)'" } ?? "another rule"); priorities must be unique", rule.rulePriority.location)
                } else {
                    priorities[priority] = rule
                }
            }
            let storage = rule.storageClass.value ?? "standard"
            if rule.tagStatus.value == "untagged" {
                if untaggedRules[storage] != nil {
                    report("only one rule per storage class may select untagged images", rule.tagStatus.location)
                } else {
                    untaggedRules[storage] = rule
                }
            }
            if let prefixes = rule.tagPrefixList.value {
                let key = storage + "|" + prefixes.sorted().joined(separator: "\u{0}")
                if prefixSets[key] != nil {
                    report("another rule already selects the same tag prefixes; prefix sets must be unique per storage class", rule.tagPrefixList.location)
                } else {
                    prefixSets[key] = rule
                }
            }
        }
        checkAnyRulesLast()
    }

    mutating func checkTextLength() {
        let length: Int
        let location: Location
        if let text = policy.embeddingText {
            // Text that is not known (built from unknown values) has no length to judge.
            guard let value = text.value else { return }
            length = value.count
            location = text.location
        } else {
            length = policy.reader.node.range.length
            location = policy.location
        }
        if length < 100 {
            report("the policy text is \(length) characters; ECR requires 100 to 30,720", location)
        } else if length > 30_720 {
            report("the policy text is \(length) characters, more than the limit of 30,720", location)
        }
    }

    mutating func checkNulls(_ node: Node) {
        var nulls: [ByteRange] = []
        node.forEachNode { child in
            if child.isNull { nulls.append(child.range) }
        }
        guard !nulls.isEmpty else { return }
        // A null entry of an object goes with its key; one in a list is the author's to resolve.
        var removals: [ByteRange: Fix] = [:]
        node.forEachNode { child in
            for (index, entry) in (child.entries ?? []).enumerated() where entry.value.isNull {
                removals[entry.value.range] = Fix(
                    "Remove the null '\(entry.name ?? "")'", safety: .safe,
                    edits: [FixEdit(path: policy.path, .removeEntry(at: index, of: child))])
            }
        }
        for null in nulls {
            problems.append(
                Violation(
                    "a null value is not allowed in a lifecycle policy; remove the key instead; ECR rejects the policy",
                    at: Location(path: policy.path, range: null), fix: removals[null]))
        }
    }

    mutating func checkKeys(_ node: Node, allowed: [String], what: String) {
        for entry in node.entries ?? [] {
            guard let name = entry.name, !allowed.contains(name) else { continue }
            report("unknown key '\(name)' in \(what)" + Suggestion.didYouMean(name, allowed), Location(path: policy.path, range: entry.key.range))
        }
    }

    mutating func checkEnum(_ field: Field<String>, _ allowed: [String], name: String) {
        guard let value = field.value, field.node?.string != nil || field.node?.tag != nil else {
            if field.isPresent || (field.node != nil && !field.isUnresolved && field.node?.isNull == false) {
                report("'\(name)' must be a string, one of \(allowed.joined(separator: ", "))", field.location)
            }
            return
        }
        if !allowed.contains(value) {
            // The right word in another case is what was meant.
            let intended = allowed.first { $0.lowercased() == value.lowercased() }
            let fix = intended.flatMap { intended in
                field.node.map { Fix("Write '\(intended)'", safety: .safe, edits: [.replace($0, with: .string(intended), in: policy.path)]) }
            }
            report(
                "'\(name)' is '\(value)'; it must be one of \(allowed.joined(separator: ", "))" + Suggestion.didYouMean(value, allowed),
                field.location, fix: fix)
        }
    }

    mutating func checkRule(_ rule: LifecycleRule) {
        checkKeys(rule.reader.node, allowed: LifecyclePolicyInvalidRule.ruleKeys, what: "a lifecycle rule")
        switch rule.rulePriority.state {
        case .absent: report("the rule has no 'rulePriority'", rule.location)
        case .unresolved: break
        case .present(let priority):
            if rule.rulePriority.node?.numberLexeme == nil {
                report(
                    "'rulePriority' must be a number, not a string", rule.rulePriority.location,
                    fix: unquoting(rule.rulePriority, name: "rulePriority"))
            } else if priority < 1 {
                report("'rulePriority' is \(priority); it must be at least 1", rule.rulePriority.location)
            }
        }
        guard let selection = rule.selection else {
            if rule.selectionField.isAbsent { report("the rule has no 'selection'", rule.location) }
            return
        }
        checkKeys(selection.node, allowed: LifecyclePolicyInvalidRule.selectionKeys, what: "a rule's selection")
        if rule.tagStatus.isAbsent {
            report("the selection has no 'tagStatus' (tagged, untagged or any)", selection.location)
        }
        checkEnum(rule.tagStatus, LifecyclePolicyInvalidRule.tagStatuses, name: "tagStatus")
        let hasPrefixes = !rule.tagPrefixList.isAbsent
        let hasPatterns = !rule.tagPatternList.isAbsent
        switch rule.tagStatus.value {
        case "tagged":
            if !hasPrefixes && !hasPatterns {
                report("a 'tagged' rule needs a 'tagPatternList' or a 'tagPrefixList'", rule.tagStatus.location)
            }
        case "untagged", "any":
            for field in [rule.tagPrefixList, rule.tagPatternList] where !field.isAbsent {
                report("a '\(rule.tagStatus.value ?? "")' rule must not have a tag list", field.keyLocation ?? field.location)
            }
        default:
            break
        }
        if hasPrefixes && hasPatterns {
            report("a rule may have 'tagPatternList' or 'tagPrefixList', not both", rule.tagPrefixList.keyLocation ?? rule.tagPrefixList.location)
        }
        for field in [rule.tagPrefixList, rule.tagPatternList] {
            guard let node = field.node, !field.isUnresolved, !field.isAbsent else { continue }
            guard let elements = node.elements else {
                report("a tag list must be a list of strings", field.location)
                continue
            }
            if elements.isEmpty { report("a tag list must not be empty", field.location) }
        }
        if let patterns = rule.tagPatternList.node?.elements {
            for pattern in patterns {
                guard let text = pattern.string else { continue }
                let stars = text.filter { $0 == "*" }.count
                if stars > 4 {
                    report("the tag pattern '\(text)' has \(stars) wildcards; at most 4 are allowed", Location(path: policy.path, range: pattern.range))
                }
            }
        }
        checkEnum(rule.storageClass, ["standard", "archive"], name: "storageClass")
        if rule.countType.isAbsent { report("the selection has no 'countType'", selection.location) }
        checkEnum(rule.countType, LifecyclePolicyInvalidRule.countTypes, name: "countType")
        let countType = rule.countType.value
        if countType == "imageCountMoreThan" {
            if !rule.countUnit.isAbsent {
                report(
                    "'countUnit' is not allowed with imageCountMoreThan", rule.countUnit.location,
                    fix: removing("countUnit", from: selection.node, title: "Remove countUnit, which a count rule does not take"))
            }
        } else if countType != nil && LifecyclePolicyInvalidRule.countTypes.contains(countType ?? "") {
            if rule.countUnit.isAbsent {
                report(
                    "'\(countType ?? "")' needs \"countUnit\": \"days\"", rule.countType.keyLocation ?? rule.countType.location,
                    fix: setting(selection, "countUnit", to: .string("days"), title: "Add \"countUnit\": \"days\""))
            } else if let unit = rule.countUnit.value, unit != "days" {
                // `day` or `Days` meant days; another unit (hours, weeks) would change the age.
                let fix = ["day", "days"].contains(unit.lowercased())
                    ? setting(selection, "countUnit", to: .string("days"), title: "Write countUnit as 'days'") : nil
                report("'countUnit' is '\(unit)'; the only unit is 'days'", rule.countUnit.location, fix: fix)
            }
        }
        switch rule.countNumber.state {
        case .absent: report("the selection has no 'countNumber'", selection.location)
        case .unresolved: break
        case .present(let number):
            if rule.countNumber.node?.numberLexeme == nil {
                report(
                    "'countNumber' must be a number, not a string", rule.countNumber.location,
                    fix: unquoting(rule.countNumber, name: "countNumber"))
            } else if number < 1 {
                report("'countNumber' is \(number); it must be at least 1", rule.countNumber.location)
            } else if countType == "sinceImageTransitioned" && number < 90 {
                report("archived images must stay at least 90 days; 'countNumber' is \(number)", rule.countNumber.location)
            }
        }
        if rule.countNumber.isUnresolved, let lexeme = rule.countNumber.node?.numberLexeme, Int(lexeme) == nil {
            report("'countNumber' must be a whole number, not \(lexeme)", rule.countNumber.location)
        }
        let storage = rule.storageClass.value ?? "standard"
        if countType == "sinceImageTransitioned" && storage != "archive" {
            let fix = rule.storageClass.isAbsent
                ? setting(selection, "storageClass", to: .string("archive"), title: "Add \"storageClass\": \"archive\"") : nil
            report(
                "'sinceImageTransitioned' selects archived images: add \"storageClass\": \"archive\"", rule.countType.location, fix: fix)
        }
        if storage == "archive", let countType, countType != "sinceImageTransitioned" {
            report("archive-class rules only support 'sinceImageTransitioned', not '\(countType)'", rule.storageClass.location)
        }
        guard let action = rule.action else {
            if rule.actionField.isAbsent { report("the rule has no 'action'", rule.location) }
            return
        }
        checkKeys(action.node, allowed: LifecyclePolicyInvalidRule.actionKeys, what: "a rule's action")
        if rule.actionType.isAbsent { report("the action has no 'type' (expire or transition)", action.location) }
        checkEnum(rule.actionType, ["expire", "transition"], name: "type")
        checkEnum(rule.targetStorageClass, ["archive"], name: "targetStorageClass")
        switch rule.actionType.value {
        case "transition":
            if rule.targetStorageClass.isAbsent {
                report(
                    "a 'transition' action needs \"targetStorageClass\": \"archive\"", rule.actionType.location,
                    fix: setting(action, "targetStorageClass", to: .string("archive"), title: "Add \"targetStorageClass\": \"archive\""))
            }
            if countType == "sinceImageTransitioned" {
                report("'sinceImageTransitioned' rules can only expire", rule.actionType.location)
            }
        case "expire":
            if countType == "sinceImagePulled" {
                report("'sinceImagePulled' can only transition images to archive, not expire them", rule.actionType.location)
            }
            if !rule.targetStorageClass.isAbsent {
                report(
                    "'targetStorageClass' only goes with a 'transition' action",
                    rule.targetStorageClass.keyLocation ?? rule.targetStorageClass.location,
                    fix: removing("targetStorageClass", from: action.node, title: "Remove targetStorageClass, which an expire action does not take"))
            }
        default:
            break
        }
    }

    /// An `any` rule must have the highest priority among the rules of its storage class.
    mutating func checkAnyRulesLast() {
        var highest: [String: Int] = [:]
        for rule in policy.rules {
            guard let priority = rule.rulePriority.value else { continue }
            let storage = rule.storageClass.value ?? "standard"
            highest[storage] = max(highest[storage] ?? priority, priority)
        }
        for rule in policy.rules where rule.tagStatus.value == "any" {
            guard let priority = rule.rulePriority.value else { continue }
            let storage = rule.storageClass.value ?? "standard"
            if let top = highest[storage], priority < top {
                report("an 'any' rule must have the highest rulePriority of its storage class (\(top) is higher), so it is evaluated last", rule.tagStatus.location)
            }
        }
    }
}
