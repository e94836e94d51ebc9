import LinterCore

/// `image-expirable`: outage 1 — the lifecycle policy can delete or archive an image that a task
/// definition still references by its tag.
public struct ImageExpirableRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS103", name: "image-expirable",
        summary: "The repository's lifecycle policy can expire or archive an image that a task definition still runs.",
        rationale: """
            ECR lifecycle rules never check whether an image is in use. A shared repository that keeps \
            "the last N images" pushes a rarely deployed service's image out as other services push theirs; \
            a day-based rule deletes an image that has simply been running for a long time; a \
            `sinceImagePulled` rule archives the image of a healthy service, because running tasks do not pull. \
            Nothing breaks until ECS starts a task again — a scale-out, a crash, or the \
            `AWS_ECS_TASK_PATCHING_RETIREMENT` maintenance event — and then every launch fails with \
            `CannotPullContainerError` and the service drops to zero tasks.

            ecslint simulates the policy exactly as ECR evaluates it (rules in `rulePriority` order, the first \
            selecting rule owns the image, count rules rank every matching image including ones protected by \
            higher rules) for the tag the container references. The finding names the owning rule as a related \
            location. Severity follows the risk: an error for a count rule keeping fewer than `safeCount` \
            images, a day rule under `safeDays`, or any pull-time archive; a note for a generous rule, so you \
            still see the condition.

            Fix: add a higher-priority rule that selects your release tags (for example `tagPatternList: \
            ["v*"]` with a large `imageCountMoreThan`), or deploy images with tags no expiring rule selects.

            An image pulled from another account or region than the linted repository of its name \
            (`registryId`, `repositoryUri` or `repositoryArn` in describe output, Terraform `registry_id`) \
            is not in that repository: its policy is unresolved, and a note says so instead of judging \
            the image by a policy that does not govern it.
            """,
        defaultSeverity: .error, category: .reliability, tags: ["image", "ecr", "lifecycle-policy", "outage"],
        references: [
            "https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html",
            "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html",
        ],
        options: [
            RuleOptionDoc(
                name: "safeCount", type: "integer", defaultValue: "100",
                description: "A count rule keeping at least this many images is reported as a note, not an error."),
            RuleOptionDoc(
                name: "safeDays", type: "integer", defaultValue: "365",
                description: "A day rule of at least this many days is reported as a note, not an error."),
        ],
        examples: ImageExpirableExamples.all)

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        let safeCount = context.options.int("safeCount", default: 100)
        let safeDays = context.options.int("safeDays", default: 365)
        var violations: [Violation] = []
        for use in context.imageUses {
            if use.policy == nil, let elsewhere = use.repositoryElsewhere, let location = use.image.reference?.ecr {
                violations.append(Self.unresolved(use, location: location, repository: elsewhere))
                continue
            }
            guard let fate = use.fate(settings: context.settings) else { continue }
            // Phase A, and phase C when reached from A (docs/aws-semantics.md §1.6); phase B
            // belongs to image-digest-expirable.
            // A digest reference's verdicts are already the worst case over its possible tag sets.
            let tagged = use.image.isDigestPinned
                ? fate.verdicts : Array(fate.verdicts.prefix { $0.phase != .afterTagMoved })
            guard let verdict = tagged.first(where: { $0.outcome.losesImage }) else { continue }
            let severity: Severity
            switch verdict.outcome {
            case .expiredByCount(let count), .archivedByCount(let count):
                severity = count < safeCount ? .error : .note
            case .expiredByAge(let days), .archivedByAge(let days):
                severity = days < safeDays ? .error : .note
            case .archivedAfterNoPull, .deletedAfterArchive, .keptInArchive:
                severity = .error
            case .neverExpired:
                continue
            }
            let reference = use.displayReference
            let repository = use.target.repositoryName.map { " of repository '\($0)'" } ?? ""
            let fix = severity == .error
                ? "; protect the deployed tags with a higher-priority rule that keeps them (a generous count, or no rule at all for release tags), or deploy tags that no expiring rule selects"
                : ""
            violations.append(
                Violation(
                    "image '\(reference)'\(use.image.assumptionClause) of container '\(use.container.displayName)' can be removed by the lifecycle policy\(repository) while the task definition still uses it: \(verdict.explanation); then new tasks fail with CannotPullContainerError\(fix)",
                    at: use.image.location, related: use.relatedRule(verdict), severity: severity))
        }
        return violations.notingImagesDeployedElsewhere(context)
    }

    /// The image's registry differs from the linted repository's: which policy governs it is
    /// not known.
    static func unresolved(_ use: ImageUse, location: ECRLocation, repository: Repository) -> Violation {
        let name = location.repositoryName
        let registry = ECRRegistry(accountId: location.accountId, region: location.region).description
        let other = repository.registry?.description ?? "another registry"
        return Violation(
            "image '\(use.displayReference)' of container '\(use.container.displayName)' is pulled from \(registry), but the linted repository '\(name)' is in \(other): its lifecycle policy does not govern this image, so whether the image can expire is unresolved; lint the repository and lifecycle policy of \(registry) too (its describe-repositories and get-lifecycle-policy output)",
            at: use.image.location,
            related: [RelatedLocation(repository.location, "repository '\(name)' of \(other)")],
            severity: .note)
    }
}
