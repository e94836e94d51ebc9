/// Rules that can never act on any image because every image they select is already owned by a
/// single higher-priority rule (docs/aws-semantics.md §1.3 item 3, §1.7 "unreachable rules").
///
/// Conservative by design: a rule is reported only when one higher-priority rule provably selects a
/// superset of its images. Returned pairs are in priority order of the shadowed rule; `shadowedBy` is
/// the highest-priority rule that proves it. Not reported (possible misses, never false positives):
///
/// * shadowing that needs the union of several higher rules (e.g. `untagged` + `tagged *`);
/// * rules whose priority equals another's (invalid, and "higher" is then undefined);
/// * malformed rules (`tagged` with no list, or a prefix containing a literal `*`) on either side;
/// * pattern inclusions the sound-but-incomplete check in `TagPattern.provablyCovers` cannot show.
///
/// A `tagged` rule R is covered by a `tagged` rule H when every entry of H's list covers at least one
/// entry of R's list (an image selected by R carries, for each R entry, a tag matching it; that tag
/// then matches the H entry). Prefix `p` is treated as the pattern `p*`.
public func unreachableRules(_ policy: LifecyclePolicySpec) -> [(rule: LifecycleRuleSpec, shadowedBy: LifecycleRuleSpec)] {
    let rules = policy.rulesInPriorityOrder
    var result: [(rule: LifecycleRuleSpec, shadowedBy: LifecycleRuleSpec)] = []
    for (slot, rule) in rules.enumerated() {
        let higher = rules[..<slot].filter { $0.priority < rule.priority }
        if let shadow = higher.first(where: { selectionProvablyCovers($0, rule) }) {
            result.append((rule: rule, shadowedBy: shadow))
        }
    }
    return result
}

/// True when every image `inner` selects is provably selected by `outer`.
func selectionProvablyCovers(_ outer: LifecycleRuleSpec, _ inner: LifecycleRuleSpec) -> Bool {
    guard outer.storageClass == inner.storageClass else { return false }
    switch (outer.tagStatus, inner.tagStatus) {
    case (.any, _):
        return true
    case (.untagged, .untagged):
        return true
    case (.untagged, _):
        return false
    case (.tagged, .tagged):
        guard let outerList = outer.tagRequirementPatterns,
              let innerList = inner.tagRequirementPatterns
        else { return false }
        return outerList.allSatisfy { o in innerList.contains { o.provablyCovers($0) } }
    case (.tagged, _):
        return false
    }
}
