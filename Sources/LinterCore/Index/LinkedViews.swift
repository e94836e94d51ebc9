/// A service with the resources the index links it to. Rules read the links from here instead of
/// joining the model's arrays through positions; a link the index could not establish is nil or
/// empty, never a guess.
public struct ServiceView: Sendable {
    public let service: Service
    /// The task definition the service runs, when exactly one is linked.
    public let taskDefinition: TaskDefinition?
    /// When the service's family matches several task definitions that nothing tells apart, those
    /// candidates (so that a message can say the link is ambiguous rather than missing).
    public let ambiguousTaskDefinitions: [TaskDefinition]
    /// The Application Auto Scaling targets that scale the service.
    public let scalableTargets: [ScalableTarget]
}

/// A task definition with the services that run it.
public struct TaskDefinitionView: Sendable {
    public let taskDefinition: TaskDefinition
    public let services: [Service]
}

extension ProjectModel {
    /// Every service with its links, in the model's order. Built lazily, one view per step, so a
    /// rule that skips most services pays only for those it reads.
    public var serviceViews: LazyMapSequence<Range<Int>, ServiceView> {
        services.indices.lazy.map { position in
            ServiceView(
                service: services[position],
                taskDefinition: index.taskDefinition(ofService: position).flatMap { linked in
                    taskDefinitions.indices.contains(linked) ? taskDefinitions[linked] : nil
                },
                ambiguousTaskDefinitions: index.ambiguousTaskDefinitions(ofService: position).compactMap { candidate in
                    taskDefinitions.indices.contains(candidate) ? taskDefinitions[candidate] : nil
                },
                scalableTargets: index.scalableTargets(ofService: position).compactMap { target in
                    scalableTargets.indices.contains(target) ? scalableTargets[target] : nil
                })
        }
    }

    /// Every task definition with the services that run it, in the model's order.
    public var taskDefinitionViews: LazyMapSequence<Range<Int>, TaskDefinitionView> {
        taskDefinitions.indices.lazy.map { position in
            TaskDefinitionView(
                taskDefinition: taskDefinitions[position],
                services: index.services(ofTaskDefinition: position).compactMap { linked in
                    services.indices.contains(linked) ? services[linked] : nil
                })
        }
    }
}

/// A repository with what the project's containers run from it.
public struct RepositoryView: Sendable {
    public let repository: Repository
    /// Whether a container of the project runs the repository's `latest` tag, written or implied
    /// (`image: api`): a fix that freezes the repository's tags must leave that one movable.
    public let runsLatest: Bool
}

extension ProjectModel {
    /// Every repository with its links, in the model's order. The images are scanned once, when
    /// the views are asked for, not once per repository.
    public var repositoryViews: LazyMapSequence<Range<Int>, RepositoryView> {
        let runningLatest = repositoriesRunningLatest()
        let repositories = repositories
        return repositories.indices.lazy.map { position in
            RepositoryView(repository: repositories[position], runsLatest: runningLatest.contains(position))
        }
    }

    /// The positions of the repositories whose `latest` tag, named or implied, a container runs.
    private func repositoriesRunningLatest() -> Set<Int> {
        var positions: Set<Int> = []
        guard !repositories.isEmpty else { return positions }
        for taskDefinition in taskDefinitions {
            for container in taskDefinition.containers {
                for image in container.images {
                    switch image.tag {
                    case .named("latest"), .implicitLatest:
                        if let position = index.target(of: image, in: taskDefinition, model: self).repository {
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
}
