#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import LinterCore

/// `ecslint dump --model PATH...`: the normalized model and its cross-file links, as JSON.
struct ModelDumpCommand {
    static func run(paths: [String], console: Console, context: CommandContext) -> ExitCode {
        let root = ConfigurationLoader.projectRoot(from: console.workingDirectory)
        // Directories are expanded as a lint expands them (Terraform modules are directories).
        let discovery = FileDiscovery(root: root, include: [], exclude: [])
        var files: [String] = []
        for path in paths {
            // Files in the order given, each directory's files in order.
            let discovered = discovery.discover([path], workingDirectory: console.workingDirectory)
            for missing in discovered.missing { console.writeError("\(missing): error: cannot read file\n") }
            guard discovered.missing.isEmpty else { return .failure }
            files += discovered.files.filter { !files.contains($0) }
        }
        var analyses: [FileAnalysis] = []
        for path in files {
            guard let data = FileSystem.contents(atPath: path) else {
                console.writeError("\(FilePath.relative(path, to: console.workingDirectory)): error: cannot read file\n")
                return .failure
            }
            let source = SourceFile(path: path, bytes: data)
            let analysis = FileAnalysis.analyze(source, limits: context.limits)
            if let error = analysis.parseError {
                console.writeError(error.formatted(in: SourceFile(path: FilePath.relative(source.path, to: console.workingDirectory), bytes: source.bytes)) + "\n")
            }
            analyses.append(analysis)
        }
        TerraformStage.apply(to: &analyses, configuration: Configuration(rootDirectory: root, limits: context.limits))
        var filesByPath: [String: SourceFile] = [:]
        for analysis in analyses { filesByPath[analysis.source.path] = analysis.source }
        let model = ProjectModel(documents: analyses.flatMap(\.documents))
        let describer = ModelDescriber(files: filesByPath, workingDirectory: console.workingDirectory)
        console.writeOut(describer.describe(model).pretty + "\n")
        return .clean
    }
}

/// Renders model resources as JSON for `dump --model`.
struct ModelDescriber {
    var files: [String: SourceFile]
    var workingDirectory: String

    func place(_ location: Location) -> JSONValue {
        let path = FilePath.relative(location.path, to: workingDirectory)
        guard let file = files[location.path] else { return .string(path) }
        return .string("\(path):\(file.range(of: location.range))")
    }

    func field<T>(_ field: Field<T>, _ render: (T) -> JSONValue) -> JSONValue {
        switch field.state {
        case .present(let value): return render(value)
        case .unresolved: return .string("<unresolved>")
        case .absent: return .null
        }
    }

    func describe(_ model: ProjectModel) -> JSONValue {
        let index = model.index
        var documents: [JSONValue] = []
        for document in model.documents {
            documents.append(.object([
                ("file", .string(FilePath.relative(document.path, to: workingDirectory))),
                ("document", .int(document.documentIndex)),
                ("kind", .string(document.kind.rawValue)),
            ]))
        }
        var taskDefinitions: [JSONValue] = []
        for (position, task) in model.taskDefinitions.enumerated() {
            let containers: [JSONValue] = task.containers.map { describe($0, in: task, model: model) }
            let services: [JSONValue] = index.services(ofTaskDefinition: position).map { .int($0) }
            taskDefinitions.append(.object([
                ("origin", .string(task.origin.label)),
                ("at", place(task.location)),
                ("family", field(task.family) { .string($0) }),
                ("networkMode", field(task.networkMode) { .string($0) }),
                ("cpu", field(task.cpu) { .string($0) }),
                ("memory", field(task.memory) { .string($0) }),
                ("services", .array(services)),
                ("containers", .array(containers)),
            ]))
        }
        let services: [JSONValue] = model.services.enumerated().map { position, service in
            .object([
                ("origin", .string(service.origin.label)),
                ("at", place(service.location)),
                ("name", field(service.name) { .string($0) }),
                ("taskDefinition", field(service.taskDefinition) { .string($0) }),
                ("taskDefinitionLink", index.taskDefinition(ofService: position).map { place(model.taskDefinitions[$0].location) } ?? .string("unknown")),
                ("loadBalancers", .array(service.loadBalancers.map { lb in
                    .object([
                        ("containerName", field(lb.containerName) { .string($0) }),
                        ("containerPort", field(lb.containerPort) { .int($0) }),
                    ])
                })),
                ("scalableTargets", .array(index.scalableTargets(ofService: position).map { place(model.scalableTargets[$0].location) })),
            ])
        }
        let repositories: [JSONValue] = model.repositories.map { repository in
            .object([
                ("origin", .string(repository.origin.label)),
                ("at", place(repository.location)),
                ("name", field(repository.name) { .string($0) }),
                ("tagMutability", field(repository.tagMutability) { .string($0) }),
                ("exclusionFilters", .array(repository.exclusionFilters.map { self.field($0) { .string($0) } })),
                ("scanOnPush", field(repository.scanOnPush) { .bool($0) }),
            ])
        }
        let policies: [JSONValue] = model.lifecyclePolicies.map { policy in
            .object([
                ("origin", .string(policy.origin.label)),
                ("at", place(policy.location)),
                ("repositoryName", field(policy.repositoryName) { .string($0) }),
                ("repositoryResource", policy.repositoryLogicalId.map { .string($0) } ?? .null),
                ("rules", .array(policy.rules.map { rule in
                    .object([
                        ("at", place(rule.location)),
                        ("rulePriority", field(rule.rulePriority) { .int($0) }),
                        ("tagStatus", field(rule.tagStatus) { .string($0) }),
                        ("countType", field(rule.countType) { .string($0) }),
                        ("countNumber", field(rule.countNumber) { .int($0) }),
                        ("action", field(rule.actionType) { .string($0) }),
                        ("selects", rule.specification.map { .string(describeSelection($0)) } ?? .string("<invalid or unresolved>")),
                    ])
                })),
            ])
        }
        let targets: [JSONValue] = model.scalableTargets.map { target in
            .object([
                ("origin", .string(target.origin.label)),
                ("at", place(target.location)),
                ("minCapacity", field(target.minCapacity) { .int($0) }),
                ("maxCapacity", field(target.maxCapacity) { .int($0) }),
                ("service", target.serviceLogicalId.map { .string($0) } ?? target.literalServiceName.map { .string($0) } ?? .string("unknown")),
                ("referencesServiceByRef", .bool(target.referencesServiceByRef)),
            ])
        }
        return .object([
            ("documents", .array(documents)),
            ("taskDefinitions", .array(taskDefinitions)),
            ("services", .array(services)),
            ("repositories", .array(repositories)),
            ("lifecyclePolicies", .array(policies)),
            ("scalableTargets", .array(targets)),
            ("unresolved", .array(model.documents.flatMap(\.unresolved).map { value in
                .object([
                    ("resource", .string(value.resource)), ("attribute", .string(value.attribute)),
                    ("at", place(value.location)), ("expression", .string(value.expression)), ("reason", .string(value.reason)),
                ])
            })),
            ("ecspressoConfigs", .array(model.ecspressoConfigs.map { config in
                .object([
                    ("at", .string(FilePath.relative(config.path, to: workingDirectory))),
                    ("taskDefinition", field(config.taskDefinition) { .string(config.resolve($0)) }),
                    ("serviceDefinition", field(config.serviceDefinition) { .string(config.resolve($0)) }),
                ])
            })),
        ])
    }

    func describe(_ container: ContainerDefinition, in task: TaskDefinition, model: ProjectModel) -> JSONValue {
        let images: [JSONValue] = container.images.map { describe($0, in: task, model: model) }
        let essential: JSONValue = container.isEssential.map { .bool($0) } ?? .string("<unresolved>")
        return .object([
            ("name", field(container.name) { .string($0) }),
            ("at", place(container.location)),
            ("essential", essential),
            ("images", .array(images)),
        ])
    }

    func describe(_ image: ContainerImage, in task: TaskDefinition, model: ProjectModel) -> JSONValue {
        let target = model.index.target(of: image, in: task, model: model)
        let repositoryName: JSONValue = target.repositoryName.map { .string($0) } ?? .string("unknown")
        let repositoryResource: JSONValue = target.repository.map { place(model.repositories[$0].location) } ?? .string("unknown")
        let policy: JSONValue = target.lifecyclePolicy.map { place(model.lifecyclePolicies[$0].location) } ?? .string("unknown")
        let mutability: JSONValue = .string(target.mutability?.mode?.rawValue ?? "unknown")
        let ecr: JSONValue = image.isECR.map { .bool($0) } ?? .string("unknown")
        return .object([
            ("written", field(image.field) { .string($0) }),
            ("at", place(image.location)),
            ("reference", image.text.map { .string($0) } ?? .null),
            ("tag", .string(describe(image.tag))),
            ("digest", image.digest.map { .string($0) } ?? .null),
            ("ecr", ecr),
            ("repository", repositoryName),
            ("repositoryResource", repositoryResource),
            ("lifecyclePolicy", policy),
            ("tagMutability", mutability),
            ("parseError", image.parseError.map { .string($0.message) } ?? .null),
        ])
    }

    func describe(_ tag: ContainerImage.TagState) -> String {
        switch tag {
        case .named(let name): return name
        case .implicitLatest: return "latest (implicit)"
        case .none: return "<none: digest only>"
        case .unknown: return "<unknown>"
        }
    }
}
