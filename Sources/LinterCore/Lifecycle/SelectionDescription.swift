/// Plain-words description of the images a rule selects, for diagnostics:
/// "any image (tagged or untagged)", "untagged images",
/// "images carrying tags matching all of [dev-*]", "images carrying tags starting with all of [prod]".
/// Archive-class rules get " in archive storage" appended.
public func describeSelection(_ rule: LifecycleRuleSpec) -> String {
    let base: String
    switch rule.tagStatus {
    case .any:
        base = "any image (tagged or untagged)"
    case .untagged:
        base = "untagged images"
    case .tagged:
        if let prefixes = rule.tagPrefixes {
            base = "images carrying tags starting with all of [\(prefixes.joined(separator: ", "))]"
        } else if let patterns = rule.tagPatterns {
            base = "images carrying tags matching all of [\(patterns.joined(separator: ", "))]"
        } else {
            base = "tagged images"
        }
    }
    return rule.storageClass == .archive ? base + " in archive storage" : base
}

/// Shorter noun phrase used inside sentences such as "once 5 newer <phrase> are pushed".
public func describeSelectionForCount(_ rule: LifecycleRuleSpec) -> String {
    switch rule.tagStatus {
    case .any: return rule.storageClass == .archive ? "archived images of any kind" : "images of any kind"
    case .untagged, .tagged: return describeSelection(rule)
    }
}
