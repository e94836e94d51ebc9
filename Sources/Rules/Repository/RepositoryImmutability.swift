import LinterCore

/// The fix that makes a repository's tags immutable. The rule reporting the repository offers it,
/// and so do the rules reporting an image whose tag the repository lets anyone overwrite, when
/// the fix makes that tag immutable: one edit answers them all.
enum RepositoryImmutability {
    /// IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION for `latest` when a task definition of the project
    /// runs that tag from the repository (its next push must still move it). Unsafe: pushes that
    /// overwrite any other tag start to fail. Not offered when exclusion filters are written
    /// already, whose meaning the mode change would turn around.
    /// `runningLatest`: the repositories whose `latest` a container of the project runs
    /// (`repositoriesRunningLatest`), worked out once per rule run.
    static func fix(repositoryAt position: Int, in project: ProjectModel, runningLatest: Set<Int>) -> Fix? {
        guard project.repositories.indices.contains(position) else { return nil }
        let repository = project.repositories[position]
        guard repository.exclusionFilters.isEmpty else { return nil }
        var patch = ObjectPatch(repository.reader)
        guard runningLatest.contains(position) else {
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

    /// The positions of the repositories whose `latest` tag, named or implied, a container of
    /// the project runs.
    static func repositoriesRunningLatest(in project: ProjectModel) -> Set<Int> {
        var positions: Set<Int> = []
        for taskDefinition in project.taskDefinitions {
            for container in taskDefinition.containers {
                for image in container.images {
                    switch image.tag {
                    case .named("latest"), .implicitLatest:
                        if let position = project.index.target(of: image, in: taskDefinition, model: project).repository {
                            positions.insert(position)
                        }
                    default:
                        break
                    }
                }
            }
        }
        return positions
    }

    /// The repository's fix for a finding about `tag` of an image whose repository is `target`:
    /// when the repository is MUTABLE and the fix freezes the tag (it keeps `latest` movable).
    static func fix(
        forTag tag: String, target: ProjectIndex.ImageTarget, in project: ProjectModel, runningLatest: Set<Int>
    ) -> Fix? {
        guard tag != "latest", let position = target.repository, project.repositories.indices.contains(position),
            project.repositories[position].tagMutability.value(default: "MUTABLE")?.uppercased() == "MUTABLE"
        else { return nil }
        return fix(repositoryAt: position, in: project, runningLatest: runningLatest)
    }
}

/// The repository fix for the image findings of one rule run: the project is scanned for the
/// repositories whose `latest` it runs once, when a finding first needs it.
struct ImageTagFixes {
    let project: ProjectModel
    private var runningLatest: Set<Int>?

    init(_ project: ProjectModel) {
        self.project = project
    }

    mutating func fix(forTag tag: String, target: ProjectIndex.ImageTarget) -> Fix? {
        let latest = runningLatest ?? RepositoryImmutability.repositoriesRunningLatest(in: project)
        runningLatest = latest
        return RepositoryImmutability.fix(forTag: tag, target: target, in: project, runningLatest: latest)
    }
}
