import LinterCore

/// The fix that makes a repository's tags immutable. The rule reporting the repository offers it,
/// and so do the rules reporting an image whose tag the repository lets anyone overwrite, when
/// the fix makes that tag immutable: one edit answers them all.
enum RepositoryImmutability {
    /// IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION for `latest` when a container of the project runs
    /// that tag from the repository (its next push must still move it). Unsafe: pushes that
    /// overwrite any other tag start to fail. Not offered when exclusion filters are written
    /// already, whose meaning the mode change would turn around.
    static func fix(_ view: RepositoryView) -> Fix? {
        let repository = view.repository
        guard repository.exclusionFilters.isEmpty else { return nil }
        var patch = ObjectPatch(repository.reader)
        guard view.runsLatest else {
            patch.set("imageTagMutability", to: .string("IMMUTABLE"))
            return Fix("Make the repository's tags immutable (IMMUTABLE)", safety: .unsafe, edits: patch.edits)
        }
        let filter: FixValue
        switch repository.reader.style {
        case .camel: filter = .fields(["filterType": .string("WILDCARD"), "filter": .string("latest")])
        case .pascal:
            filter = .fields([
                "ImageTagMutabilityExclusionFilterType": .string("WILDCARD"),
                "ImageTagMutabilityExclusionFilterValue": .string("latest"),
            ])
        case .snake: return nil
        }
        patch.set("imageTagMutability", to: .string("IMMUTABLE_WITH_EXCLUSION"))
        patch.set("imageTagMutabilityExclusionFilters", to: .array([filter]))
        return Fix(
            "Make the repository's tags immutable except 'latest' (IMMUTABLE_WITH_EXCLUSION)", safety: .unsafe, edits: patch.edits)
    }

    /// The repository's fix for a finding about `tag` of an image in `repository`: when the
    /// repository is MUTABLE and the fix freezes the tag (it keeps `latest` movable).
    static func fix(forTag tag: String, in repository: RepositoryView) -> Fix? {
        guard tag != "latest", repository.repository.tagMutability.value(default: "MUTABLE")?.uppercased() == "MUTABLE"
        else { return nil }
        return fix(repository)
    }
}

/// The repository fix for the image findings of one rule run: the repository views (which scan
/// the project's images for `latest`) are made once, when a finding first needs them.
struct ImageTagFixes {
    let project: ProjectModel
    private var repositories: [RepositoryView]?

    init(_ project: ProjectModel) {
        self.project = project
    }

    mutating func fix(forTag tag: String, target: ProjectIndex.ImageTarget) -> Fix? {
        guard let position = target.repository else { return nil }
        let views = repositories ?? Array(project.repositoryViews)
        repositories = views
        guard views.indices.contains(position) else { return nil }
        return RepositoryImmutability.fix(forTag: tag, in: views[position])
    }
}
