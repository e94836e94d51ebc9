import LinterCore

/// `image-reference-invalid`: the image string is not a valid reference.
public struct ImageReferenceInvalidRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS105", name: "image-reference-invalid",
        summary: "A container's image is not a valid image reference.",
        rationale: """
            ECS rejects a task definition whose image does not follow the reference grammar \
            (`[registry[:port]/]repository[:tag][@sha256:digest]`, lower-case repository path, tags of at most \
            128 word characters, dots and dashes, a sha256 digest of 64 hex digits), or the task fails at launch \
            with an error pulling the image. The message says which part is malformed.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["image", "container"],
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html"],
        examples: [
            .invalid("taskdef.json", #"{"family": "api", "containerDefinitions": [{"name": "api", "image": ↓"Acme/API:1.0"}]}"#),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: api
                          Image: ↓"nginx:"
                """),
            .valid("taskdef.json", #"{"family": "api", "containerDefinitions": [{"name": "api", "image": "localhost:5000/acme/api:1.0"}]}"#),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            for container in taskDefinition.containers {
                for image in container.images {
                    guard let error = image.parseError else { continue }
                    violations.append(
                        Violation(
                            "container '\(container.displayName)' has an invalid image reference: \(error.message); write it as [registry[:port]/]repository[:tag][@sha256:digest]",
                            at: image.location))
                }
            }
        }
        return violations.notingImagesDeployedElsewhere(context)
    }
}
