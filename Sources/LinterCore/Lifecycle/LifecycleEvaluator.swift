/// One image of a concrete repository state, for `evaluateLifecyclePolicy`.
/// Times are "days ago" at the moment of evaluation (fractions allowed).
public struct LifecycleImage: Sendable, Hashable {
    /// Caller's name for the image (digest, letter in a test, ...). Only echoed back.
    public var id: String
    public var tags: [String]
    /// `imagePushedAt`, in days before now.
    public var pushedDaysAgo: Double
    /// `lastRecordedPullTime`; nil when never pulled.
    public var lastPulledDaysAgo: Double?
    /// `lastActivatedAt`: when the image was restored from archive; nil when never restored.
    public var lastActivatedDaysAgo: Double?
    public var storageClass: LifecycleStorageClass
    /// `lastArchivedAt`, for images in archive storage. Nil means unknown: no `sinceImageTransitioned` rule fires.
    public var archivedDaysAgo: Double?
    /// Referenced by a manifest list (multi-arch index): never expired or archived while it is
    /// (docs/aws-semantics.md §1.3 item 6).
    public var referencedByManifestList: Bool

    public init(
        id: String,
        tags: [String] = [],
        pushedDaysAgo: Double,
        lastPulledDaysAgo: Double? = nil,
        lastActivatedDaysAgo: Double? = nil,
        storageClass: LifecycleStorageClass = .standard,
        archivedDaysAgo: Double? = nil,
        referencedByManifestList: Bool = false
    ) {
        self.id = id
        self.tags = tags
        self.pushedDaysAgo = pushedDaysAgo
        self.lastPulledDaysAgo = lastPulledDaysAgo
        self.lastActivatedDaysAgo = lastActivatedDaysAgo
        self.storageClass = storageClass
        self.archivedDaysAgo = archivedDaysAgo
        self.referencedByManifestList = referencedByManifestList
    }

    /// Time used to rank images for `imageCountMoreThan`: push time, replaced by the restore time for
    /// an image restored from archive (docs/aws-semantics.md §1.3 item 13).
    var rankingDaysAgo: Double { lastActivatedDaysAgo ?? pushedDaysAgo }

    /// Reference time for `sinceImagePulled` (docs/aws-semantics.md §1.3 item 11): the last pull,
    /// or the restore time if the image was restored and not pulled since, or the push time if
    /// neither happened. All three are "last activity", so the most recent one (fewest days ago)
    /// wins.
    var lastActivityDaysAgo: Double {
        [pushedDaysAgo, lastPulledDaysAgo, lastActivatedDaysAgo].compactMap { $0 }.min() ?? pushedDaysAgo
    }
}

/// What one rule does to one image in one evaluation.
public struct LifecycleDecision: Sendable, Hashable {
    public var imageID: String
    /// Position of the image in the input array.
    public var imagePosition: Int
    public var action: LifecycleAction
    public var ruleIndex: Int
    public var rulePriority: Int
}

public struct LifecycleEvaluation: Sendable, Hashable {
    /// Images acted on, in input order. At most one decision per image
    /// (docs/aws-semantics.md §1.3 item 2).
    public var decisions: [LifecycleDecision]
    /// For each input position, the `index` of the rule owning the image (the first rule in priority
    /// order whose selection matches it), or nil when no rule selects it.
    public var ownerRuleIndexByPosition: [Int?]

    public var expiredImageIDs: [String] { decisions.filter { $0.action == .expire }.map(\.imageID) }
    public var transitionedImageIDs: [String] { decisions.filter { $0.action == .transition }.map(\.imageID) }

    public func decision(forImageID id: String) -> LifecycleDecision? {
        decisions.first { $0.imageID == id }
    }
}

/// One evaluation pass of `policy` over a repository state, as the lifecycle preview would report it
/// (docs/aws-semantics.md §1.3):
///
/// * rules are taken in `rulePriority` order, never array order;
/// * the first rule whose selection matches an image owns it; only the owner may act on it, even if
///   the owner leaves it alone;
/// * `imageCountMoreThan N` ranks **every** image its selection matches, including images owned by
///   higher-priority rules, newest first (ties: later in the input array = pushed later), and acts on
///   the images beyond the first N that it owns;
/// * `sinceImagePushed N`: owned images pushed more than N days ago;
/// * `sinceImagePulled N`: owned images with no activity (pull, restore, or push) for more than N days
///   are archived;
/// * `sinceImageTransitioned N`: owned archived images archived more than N days ago are deleted.
///
/// Day rules report *eligibility*: AWS acts within 24 hours after that, so in real time an N-day rule
/// fires between N and N+1 days. Images referenced by a manifest list are ranked but never acted on.
/// One pass only: an image archived in this pass is not also considered by archive rules.
public func evaluateLifecyclePolicy(_ policy: LifecyclePolicySpec, images: [LifecycleImage]) -> LifecycleEvaluation {
    let rules = policy.rulesInPriorityOrder
    let tagSets = images.map { Set($0.tags) }

    // Owner per image: position in `rules`.
    let owners: [Int?] = images.indices.map { i in
        rules.firstIndex { $0.selects(tags: tagSets[i], storageClass: images[i].storageClass) }
    }

    var marked: [Int: LifecycleDecision] = [:]
    for (ruleSlot, rule) in rules.enumerated() {
        let owned = images.indices.filter { owners[$0] == ruleSlot && !images[$0].referencedByManifestList }
        let threshold = Double(rule.countNumber)
        var hits: [Int] = []
        switch rule.countType {
        case .imageCountMoreThan:
            let seen = images.indices.filter { rule.selects(tags: tagSets[$0], storageClass: images[$0].storageClass) }
            let newestFirst = seen.sorted { a, b in
                let (ta, tb) = (images[a].rankingDaysAgo, images[b].rankingDaysAgo)
                return ta != tb ? ta < tb : a > b
            }
            let beyond = Set(newestFirst.dropFirst(max(0, rule.countNumber)))
            hits = owned.filter { beyond.contains($0) }
        case .sinceImagePushed:
            hits = owned.filter { images[$0].pushedDaysAgo > threshold }
        case .sinceImagePulled:
            hits = owned.filter { images[$0].lastActivityDaysAgo > threshold }
        case .sinceImageTransitioned:
            hits = owned.filter { i in
                guard images[i].storageClass == .archive, let archived = images[i].archivedDaysAgo else { return false }
                return archived > threshold
            }
        }
        for i in hits where marked[i] == nil {
            marked[i] = LifecycleDecision(
                imageID: images[i].id, imagePosition: i, action: rule.effectiveAction,
                ruleIndex: rule.index, rulePriority: rule.priority)
        }
    }

    return LifecycleEvaluation(
        decisions: marked.keys.sorted().compactMap { marked[$0] },
        ownerRuleIndexByPosition: owners.map { slot in slot.map { rules[$0].index } })
}
