/// `selection.tagStatus` (docs/aws-semantics.md §1.2).
public enum LifecycleTagStatus: String, Sendable, Hashable, CaseIterable {
    case tagged, untagged, any
}

/// `selection.countType` (docs/aws-semantics.md §1.2).
public enum LifecycleCountType: String, Sendable, Hashable, CaseIterable {
    case imageCountMoreThan, sinceImagePushed, sinceImagePulled, sinceImageTransitioned
}

/// `selection.storageClass`; also the storage class an image currently lives in.
public enum LifecycleStorageClass: String, Sendable, Hashable, CaseIterable {
    case standard, archive
}

/// `action.type`. `transition` always targets the archive storage class.
public enum LifecycleAction: String, Sendable, Hashable, CaseIterable {
    case expire, transition
}

/// One rule of an ECR lifecycle policy, already mapped out of its source document.
/// No validation happens here; the evaluator applies whatever it is given (see `selects`).
public struct LifecycleRuleSpec: Sendable, Hashable {
    /// Position in the policy's `rules` array, so callers can point at the rule.
    public var index: Int
    /// `rulePriority`: lower number = applied first.
    public var priority: Int
    public var tagStatus: LifecycleTagStatus
    /// `tagPrefixList`.
    public var tagPrefixes: [String]?
    /// `tagPatternList`.
    public var tagPatterns: [String]?
    /// `selection.storageClass`; `standard` when omitted.
    public var storageClass: LifecycleStorageClass
    public var countType: LifecycleCountType
    public var countNumber: Int
    public var action: LifecycleAction
    public var description: String?

    public init(
        index: Int,
        priority: Int,
        tagStatus: LifecycleTagStatus,
        tagPrefixes: [String]? = nil,
        tagPatterns: [String]? = nil,
        storageClass: LifecycleStorageClass = .standard,
        countType: LifecycleCountType,
        countNumber: Int,
        action: LifecycleAction = .expire,
        description: String? = nil
    ) {
        self.index = index
        self.priority = priority
        self.tagStatus = tagStatus
        self.tagPrefixes = tagPrefixes
        self.tagPatterns = tagPatterns
        self.storageClass = storageClass
        self.countType = countType
        self.countNumber = countNumber
        self.action = action
        self.description = description
    }

    /// `selects(rule, tags, storage)` of docs/aws-semantics.md §1.6.
    ///
    /// * `tagged`: the image needs at least one tag, and every list entry must match at least one of
    ///   the image's tags (AND over entries, OR over tags: docs/aws-semantics.md §1.3 item 7).
    ///   When both lists are given (AWS rejects that) the prefix list is used. When neither is
    ///   given (AWS rejects that too) every tagged image is selected: the widest reading.
    /// * `untagged`: no tags. `any`: every image. Lists given with `untagged`/`any` are ignored.
    public func selects<Tags: Collection<String>>(tags: Tags, storageClass: LifecycleStorageClass) -> Bool {
        guard storageClass == self.storageClass else { return false }
        switch tagStatus {
        case .any:
            return true
        case .untagged:
            return tags.isEmpty
        case .tagged:
            if tags.isEmpty { return false }
            if let prefixes = tagPrefixes {
                return prefixes.allSatisfy { prefix in tags.contains { $0.hasPrefix(prefix) } }
            }
            if let patterns = tagPatterns {
                return patterns.allSatisfy { pattern in
                    let glob = TagPattern(pattern)
                    return tags.contains { glob.matches($0) }
                }
            }
            return true
        }
    }

    /// What the rule does to an image it fires on. `sinceImagePulled` always archives and
    /// `sinceImageTransitioned` always deletes (docs/aws-semantics.md §1.3 items 11–12); AWS
    /// rejects any other pairing, so the declared `action` only matters for the count and
    /// push-age types.
    public var effectiveAction: LifecycleAction {
        switch countType {
        case .sinceImagePulled: return .transition
        case .sinceImageTransitioned: return .expire
        case .imageCountMoreThan, .sinceImagePushed: return action
        }
    }

    /// The selection's tag list as `TagPattern`s (prefix `p` becomes `p*`), or nil when the rule is
    /// not `tagged`, has no usable list, or a prefix contains a literal `*` (which would be ambiguous).
    var tagRequirementPatterns: [TagPattern]? {
        guard tagStatus == .tagged else { return nil }
        if let prefixes = tagPrefixes {
            guard !prefixes.isEmpty, !prefixes.contains(where: { $0.unicodeScalars.contains("*") }) else { return nil }
            return prefixes.map { TagPattern($0 + "*") }
        }
        if let patterns = tagPatterns, !patterns.isEmpty {
            return patterns.map(TagPattern.init)
        }
        return nil
    }
}

/// An ECR lifecycle policy: its rules in array order.
public struct LifecyclePolicySpec: Sendable, Hashable {
    public var rules: [LifecycleRuleSpec]

    public init(rules: [LifecycleRuleSpec]) {
        self.rules = rules
    }

    /// Rules sorted by `rulePriority` (array order is irrelevant: docs/aws-semantics.md §1.2), ties
    /// broken by array index so the result is deterministic even for invalid duplicate priorities.
    public var rulesInPriorityOrder: [LifecycleRuleSpec] {
        rules.sorted { ($0.priority, $0.index) < ($1.priority, $1.index) }
    }

    /// `owner` of docs/aws-semantics.md §1.6: the first rule, in priority order, whose selection
    /// matches the image. That rule alone may expire or archive it, even if it never does
    /// (docs/aws-semantics.md §1.3 item 3). Found as the selecting rule with the least
    /// (priority, index), without sorting and copying the rules on every call: the image rules
    /// ask this for every image and tag state.
    public func owner<Tags: Collection<String>>(tags: Tags, storageClass: LifecycleStorageClass) -> LifecycleRuleSpec? {
        var owner: Int?
        for position in rules.indices where rules[position].selects(tags: tags, storageClass: storageClass) {
            if let current = owner,
                (rules[current].priority, rules[current].index) <= (rules[position].priority, rules[position].index)
            {
                continue
            }
            owner = position
        }
        return owner.map { rules[$0] }
    }
}
