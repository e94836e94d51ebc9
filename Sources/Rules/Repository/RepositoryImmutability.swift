import Linter

/// The fix that makes a repository's tags immutable. The rule reporting the repository offers it,
/// and so do the rules reporting an image whose tag the repository lets anyone overwrite, when
/// the fix makes that tag immutable: one edit answers them all.
enum RepositoryImmutability {
    /// IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION for `latest` when a task definition of the project
    /// runs that tag from the repository (its next push must still move it). Unsafe: pushes that
    /// overwrite any other tag start to fail. Not offered when exclusion filters are written
    /// already, whose meaning the mode change would turn around.
    static func fix(repositoryAt position: Int, in project: ProjectModel) -> Fix? {
        guard project.repositories.indices.contains(position) else { return nil }
        let repository = project.repositories[position]
        guard repository.exclusionFilters.isEmpty else { return nil }
        var patch = ObjectPatch(repository.reader)
        guard usesLatest(position, in: project) else {
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

    /// Whether a container of the project runs the repository's `latest` tag, named or implied.
    static func usesLatest(_ position: Int, in project: ProjectModel) -> Bool {
        project.taskDefinitions.contains { taskDefinition in
            taskDefinition.containers.contains { container in
                container.images.contains { image in
                    switch image.tag {
                    case .named("latest"), .implicitLatest:
                        return project.index.target(of: image, in: taskDefinition, model: project).repository == position
                    default:
                        return false
                    }
                }
            }
        }
    }

    /// The repository's fix for a finding about `tag` of an image whose repository is `target`:
    /// when the repository is MUTABLE and the fix freezes the tag (it keeps `latest` movable).
    static func fix(forTag tag: String, target: ProjectIndex.ImageTarget, in project: ProjectModel) -> Fix? {
        guard tag != "latest", let position = target.repository, project.repositories.indices.contains(position),
            project.repositories[position].tagMutability.value(default: "MUTABLE")?.uppercased() == "MUTABLE"
        else { return nil }
        return fix(repositoryAt: position, in: project)
    }
}
