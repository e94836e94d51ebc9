/// The image a task definition references, described for the static simulator
/// (docs/aws-semantics.md §1.6).
public struct ImageFateQuery: Sendable, Hashable {
    /// The referenced tag `T`. Nil with `digestPinned == false` means "no tag written": Docker's `latest`.
    public var tag: String?
    /// The reference pins a digest (`repo@sha256:…` or `repo:tag@sha256:…`): the tag set is unknown.
    public var digestPinned: Bool
    /// Tags `E` pushed together with the image (for example `sha-abc`, `latest`). An entry containing
    /// `*` is a pattern and stands for one representative tag matching it (`TagPattern.representativeTag`).
    public var coTags: [String]
    /// Tag mutability of the repository; nil when the repository is unknown.
    public var mutability: TagMutability?
    /// The consumer is an ECS service with `versionConsistency` enabled (the default).
    public var versionConsistencyEnabled: Bool

    public init(
        tag: String?,
        digestPinned: Bool = false,
        coTags: [String] = [],
        mutability: TagMutability? = nil,
        versionConsistencyEnabled: Bool = true
    ) {
        self.tag = tag
        self.digestPinned = digestPinned
        self.coTags = coTags
        self.mutability = mutability
        self.versionConsistencyEnabled = versionConsistencyEnabled
    }
}

/// What the policy does to the image in one phase.
public struct ImageVerdict: Sendable, Hashable {
    /// The states the referenced image passes through, phases A, B and C of
    /// docs/aws-semantics.md §1.6.
    public enum Phase: Sendable, Hashable {
        /// A: the image carries its tags.
        case tagged
        /// B: `T` was re-pushed and moved to a newer image; this image keeps only the co-tags (maybe none).
        case afterTagMoved
        /// C: a transition rule archived the image; it cannot be pulled (HTTP 404).
        case archived
    }

    public enum Outcome: Sendable, Hashable {
        /// Deleted once N newer images matching the owner's selection exist.
        case expiredByCount(Int)
        /// Archived once N newer images matching the owner's selection exist.
        case archivedByCount(Int)
        /// Deleted N..N+1 days after the original push (`sinceImagePushed`).
        case expiredByAge(days: Int)
        /// Archived N..N+1 days after the original push (`sinceImagePushed` + transition).
        case archivedByAge(days: Int)
        /// Archived after N days without a pull (`sinceImagePulled`).
        case archivedAfterNoPull(days: Int)
        /// Deleted N days after archival (`sinceImageTransitioned`).
        case deletedAfterArchive(days: Int)
        /// No rule acts on the image in this phase (either none selects it, or the owner never can).
        case neverExpired
        /// Phase C only: no archive rule deletes it; it stays archived and unpullable.
        case keptInArchive

        /// The image stops being pullable (deleted or archived).
        public var losesImage: Bool {
            switch self {
            case .neverExpired: return false
            case .keptInArchive: return true
            default: return true
            }
        }

        public var isArchival: Bool {
            switch self {
            case .archivedByCount, .archivedByAge, .archivedAfterNoPull: return true
            default: return false
            }
        }

        /// Ordering used for "worst case": never < count-based < time-based; deletion is worse than
        /// archival of the same kind; a smaller N is worse.
        var severity: (Int, Int) {
            switch self {
            case .neverExpired, .keptInArchive: return (0, 0)
            case .archivedByCount(let n): return (1, -n)
            case .expiredByCount(let n): return (2, -n)
            case .archivedByAge(let d), .archivedAfterNoPull(let d): return (3, -d)
            case .expiredByAge(let d), .deletedAfterArchive(let d): return (4, -d)
            }
        }
    }

    public var phase: Phase
    /// The tag set evaluated in this phase, as written (patterns shown as patterns). Empty = untagged.
    public var tags: [String]
    /// `LifecycleRuleSpec.index` of the owning rule; nil when no rule selects the image.
    public var ruleIndex: Int?
    public var rulePriority: Int?
    public var outcome: Outcome
    /// Phase B reported although the repository's mutability is unknown ("if `T` is mutable").
    public var assumesMutableTag: Bool
    /// Digest-only reference: this verdict is the worst case over the declared tags and the untagged state.
    public var isWorstCaseOfUnknownTags: Bool
    /// Plain-words explanation for the diagnostic.
    public var explanation: String
}

public struct ImageFate: Sendable, Hashable {
    /// In order of the phases of docs/aws-semantics.md §1.6: A, C after A (if A archives), B, C
    /// after B (if B archives).
    public var verdicts: [ImageVerdict]

    /// True when some phase deletes or archives the image.
    public var canLoseImage: Bool { verdicts.contains { $0.outcome.losesImage } }

    public func verdicts(in phase: ImageVerdict.Phase) -> [ImageVerdict] {
        verdicts.filter { $0.phase == phase }
    }
}

/// The simulator of docs/aws-semantics.md §1.6: what can the lifecycle `policy` do to the image
/// `query` references?
///
/// * Tag reference `T` (nil means `latest`): phase A with tags `{T} ∪ E`; if an owner transitions it,
///   phase C with the archive-class rules. Phase B (tags `E`, untagged if empty) is reported whenever
///   `T` is mutable or the mutability is unknown (`assumesMutableTag`), even when nothing happens in it.
/// * Digest reference: tags unknown. Both the declared tags (`T` if written, plus `E`) and the empty
///   set are evaluated; the worst one is reported (phase A if it came from the declared tags, phase B
///   if from the untagged state), followed by its phase C if it archives. Phase B proper does not apply.
/// * Rules are always taken in `rulePriority` order.
public func simulateImageFate(policy: LifecyclePolicySpec, query: ImageFateQuery) -> ImageFate {
    let simulator = FateSimulator(policy: policy, query: query)
    return ImageFate(verdicts: query.digestPinned ? simulator.digestPinned() : simulator.tagReference())
}

private struct FateSimulator {
    let policy: LifecyclePolicySpec
    let query: ImageFateQuery

    /// Tag as displayed plus the concrete tag used for matching, each without repeats. An image
    /// carries its tag and the few co-tags of the settings, so repeats are found by looking
    /// through the list: building two hash sets per tag set costs more than the rest of it.
    struct TagSet {
        var display: [String]
        var concrete: [String]
        var isEmpty: Bool { display.isEmpty }

        init(_ tags: [String]) {
            display = []
            for tag in tags where !display.contains(tag) { display.append(tag) }
            concrete = []
            for tag in display {
                let representative = TagPattern(tag).representativeTag
                if !concrete.contains(representative) { concrete.append(representative) }
            }
        }

        var listed: String { display.map { "`\($0)`" }.joined(separator: ", ") }
    }

    func tagReference() -> [ImageVerdict] {
        let t = query.tag ?? "latest"
        let tagsA = TagSet([t] + query.coTags)
        var out: [ImageVerdict] = []
        out += phase(.tagged, tags: tagsA, context: .tagged(t), assumed: false, worstCase: false)

        let mutable = query.mutability?.isMutable(tag: t)
        if mutable != false {
            let tagsB = TagSet(query.coTags.filter { $0 != t })
            out += phase(.afterTagMoved, tags: tagsB, context: .moved(t), assumed: mutable == nil, worstCase: false)
        }
        return out
    }

    func digestPinned() -> [ImageVerdict] {
        let declared = TagSet((query.tag.map { [$0] } ?? []) + query.coTags)
        var candidates: [[ImageVerdict]] = []
        if !declared.isEmpty {
            candidates.append(phase(.tagged, tags: declared, context: .digestTagged, assumed: false, worstCase: true))
        }
        // A written tag that the repository makes immutable can never move off this digest, so the
        // image never becomes untagged.
        let tagIsFrozen = query.tag.map { query.mutability?.isMutable(tag: $0) == false } ?? false
        if !tagIsFrozen || candidates.isEmpty {
            candidates.append(phase(.afterTagMoved, tags: TagSet([]), context: .digestUntagged, assumed: false, worstCase: true))
        }
        // Worst case by the first (owner) verdict; ties keep the declared tags.
        var worst = candidates[0]
        for candidate in candidates.dropFirst() {
            if let w = worst.first, let c = candidate.first, c.outcome.severity > w.outcome.severity {
                worst = candidate
            }
        }
        return worst
    }

    enum Context {
        case tagged(String)
        case moved(String)
        case digestTagged
        case digestUntagged
    }

    /// Verdict for one tag state in standard storage, plus the archive phase if the owner transitions.
    func phase(_ phase: ImageVerdict.Phase, tags: TagSet, context: Context, assumed: Bool, worstCase: Bool) -> [ImageVerdict] {
        let lead = leadIn(context, tags: tags, assumed: assumed)
        guard let rule = policy.owner(tags: tags.concrete, storageClass: .standard) else {
            let none = tags.isEmpty
                ? "no rule selects untagged images, so it is never expired in this state"
                : "no rule selects images tagged \(tags.listed), so it is never expired in this state"
            return [ImageVerdict(
                phase: phase, tags: tags.display, ruleIndex: nil, rulePriority: nil, outcome: .neverExpired,
                assumesMutableTag: assumed, isWorstCaseOfUnknownTags: worstCase,
                explanation: lead + none)]
        }
        let (outcome, text) = verdict(rule, context: context)
        var explanation = lead + text + " (rule priority \(rule.priority))"
        if case .moved = context, query.versionConsistencyEnabled, outcome.losesImage {
            explanation += "; " + versionConsistencyNote
        }
        var out = [ImageVerdict(
            phase: phase, tags: tags.display, ruleIndex: rule.index, rulePriority: rule.priority, outcome: outcome,
            assumesMutableTag: assumed, isWorstCaseOfUnknownTags: worstCase, explanation: explanation)]
        if outcome.isArchival {
            out.append(archivePhase(tags: tags, after: context, assumed: assumed, worstCase: worstCase))
        }
        return out
    }

    func archivePhase(tags: TagSet, after context: Context, assumed: Bool, worstCase: Bool) -> ImageVerdict {
        let lead = "once archived (unpullable: HTTP 404 until restored), "
        var verdict: ImageVerdict
        if let rule = policy.owner(tags: tags.concrete, storageClass: .archive) {
            let (outcome, text) = self.verdict(rule, context: context)
            verdict = ImageVerdict(
                phase: .archived, tags: tags.display, ruleIndex: rule.index, rulePriority: rule.priority,
                outcome: outcome, assumesMutableTag: assumed, isWorstCaseOfUnknownTags: worstCase,
                explanation: lead + text + " (rule priority \(rule.priority))")
        } else {
            verdict = ImageVerdict(
                phase: .archived, tags: tags.display, ruleIndex: nil, rulePriority: nil, outcome: .keptInArchive,
                assumesMutableTag: assumed, isWorstCaseOfUnknownTags: worstCase,
                explanation: lead + "the archived image is never deleted by the policy, but it stays unpullable")
        }
        if case .moved = context, query.versionConsistencyEnabled {
            verdict.explanation += "; " + versionConsistencyNote
        }
        return verdict
    }

    func leadIn(_ context: Context, tags: TagSet, assumed: Bool) -> String {
        switch context {
        case .tagged(let t):
            return "while tagged `\(t)`: "
        case .moved(let t):
            let state = tags.isEmpty ? "the old image becomes untagged" : "the old image keeps only \(tags.listed)"
            let condition = assumed ? "if `\(t)` is mutable (repository settings unknown) and " : ""
            return "\(condition)after `\(t)` is re-pushed \(state): "
        case .digestTagged:
            return "digest reference, worst case while the image carries \(tags.listed): "
        case .digestUntagged:
            return "digest reference, worst case once the image is (or becomes) untagged: "
        }
    }

    func verdict(_ rule: LifecycleRuleSpec, context: Context) -> (ImageVerdict.Outcome, String) {
        let n = rule.countNumber
        switch rule.countType {
        case .imageCountMoreThan:
            let archive = rule.effectiveAction == .transition
            let verb = archive ? "archived (unpullable: HTTP 404)" : "expired"
            var text = "\(verb) once \(n) newer \(describeSelectionForCount(rule)) are pushed"
            if rule.tagStatus == .any { text += " (every later push counts, including untagged builds)" }
            let higher = policy.rules.filter {
                $0.priority < rule.priority && $0.storageClass == rule.storageClass
                    && (rule.tagStatus == .any || selectionProvablyCovers(rule, $0))
            }
            if !higher.isEmpty {
                let names = higher.sorted { ($0.priority, $0.index) < ($1.priority, $1.index) }
                    .map { describeSelection($0) }.joined(separator: "; ")
                text += "; images kept by higher-priority rules (\(names)) count too, so it may already be gone"
            }
            return (archive ? .archivedByCount(n) : .expiredByCount(n), text)
        case .sinceImagePushed:
            let archive = rule.effectiveAction == .transition
            let verb = archive ? "archived (unpullable: HTTP 404)" : "deleted"
            let text: String
            switch context {
            case .moved(let t):
                text = "\(verb) \(n)–\(n + 1) days after `\(t)` is re-pushed at the latest; the age counts from the "
                    + "original push, so an image already older than \(n) day\(n == 1 ? "" : "s") goes within 24 hours"
            default:
                text = "\(verb) \(n)–\(n + 1) days after the image was first pushed (re-tagging does not reset the "
                    + "clock); a long-running service breaks with no deploy at all"
            }
            return (archive ? .archivedByAge(days: n) : .expiredByAge(days: n), text)
        case .sinceImagePulled:
            return (.archivedAfterNoPull(days: n),
                    "archived after \(n) days without a pull; running tasks do not pull, so a healthy service "
                        + "triggers this (pull time is refreshed at most daily), and the next task launch fails "
                        + "with HTTP 404")
        case .sinceImageTransitioned:
            return (.deletedAfterArchive(days: n), "deleted \(n) days after archival")
        }
    }

    var versionConsistencyNote: String {
        "the ECS service (versionConsistency enabled) keeps launching the OLD digest, so once it is gone "
            + "scale-out, health-check replacement and AWS_ECS_TASK_PATCHING_RETIREMENT fail with "
            + "CannotPullContainerError and the service can no longer start tasks until a new deployment"
    }
}
