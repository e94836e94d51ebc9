import LinterCore

/// `duplicate-key`: a key written twice in one JSON or YAML object.
public struct DuplicateKeyRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS004", name: "duplicate-key",
        summary: "A key is written twice in one object: CloudFormation rejects the template, and other readers silently keep one of the values.",
        rationale: """
            JSON and YAML parsers disagree about a repeated key. CloudFormation rejects a template that \
            repeats a key in one mapping (cfn-lint reports it as E0000), so the finding is an error in \
            templates. The AWS CLI, ecspresso and most other readers keep the **last** value without a \
            word, so the first one, which a reviewer may be reading, never takes effect: a warning \
            elsewhere. JSON embedded in a string (a lifecycle policy's `lifecyclePolicyText`, a \
            Terraform plan's `container_definitions`) is checked too.

            Keep one of the two entries. The finding points at the repeated key and names the first \
            one. Templates read with their placeholders made unknown (Go templates, whose conditional \
            branches may each set the key) are not checked.
            """,
        defaultSeverity: .warning, category: .correctness, tags: ["json", "yaml", "cloudformation"],
        references: [
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html",
            "https://www.rfc-editor.org/rfc/rfc8259#section-4",
        ],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"name": "app", "image": "app:1.0", ↓"image": "app:2.0"}
                  ]
                }
                """, caption: "A warning: the AWS CLI registers app:2.0."),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      Cpu: 256
                      ↓Cpu: 512
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                """, caption: "An error: CloudFormation rejects the template."),
            .valid(
                "template.yaml",
                """
                Mappings:
                  Base: &base
                    Cpu: 256
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      <<: *base
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                """, caption: "A YAML merge key is not a repetition."),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        var reported: Set<Location> = []
        for document in context.project.documents where document.kind != .unknown && !document.isRenderedTemplate {
            let inTemplate = document.kind == .cloudFormation
            Self.findDuplicates(in: document.root, path: document.path, inTemplate: inTemplate, into: &violations, reported: &reported)
            for policy in document.lifecyclePolicies where policy.embeddingText != nil {
                Self.findDuplicates(in: policy.reader.node, path: policy.reader.path, inTemplate: false, into: &violations, reported: &reported)
            }
            for taskDefinition in document.taskDefinitions {
                guard case .terraform = taskDefinition.origin else { continue }
                for container in taskDefinition.containers {
                    Self.findDuplicates(
                        in: container.reader.node, path: container.reader.path, inTemplate: false, into: &violations,
                        reported: &reported)
                }
            }
        }
        return violations
    }

    /// Every repeated key under `node`. A mapping reached through several YAML aliases is the
    /// same text, reported once.
    static func findDuplicates(
        in node: Node, path: String, inTemplate: Bool, into violations: inout [Violation], reported: inout Set<Location>
    ) {
        switch node.kind {
        case .object(let entries):
            // Most objects hold a handful of keys: they are compared directly, and only large
            // ones are indexed, so that a 5 MB template is not one dictionary per mapping.
            var first: [String: Entry] = [:]
            for (position, entry) in entries.enumerated() {
                guard let name = entry.name else { continue }
                let earlier: Entry?
                if entries.count <= 16 {
                    earlier = entries[..<position].first { $0.name == name }
                } else {
                    earlier = first[name]
                    if earlier == nil { first[name] = entry }
                }
                if let original = earlier {
                    let location = Location(path: path, range: entry.key.range)
                    if reported.insert(location).inserted {
                        let consequence = inTemplate
                            ? "CloudFormation rejects a template that repeats a key"
                            : "the last value silently wins (as the AWS CLI reads it) and the first is ignored"
                        violations.append(
                            Violation(
                                "key '\(name)' is written twice in this object: \(consequence); keep one of the two",
                                at: location, related: [RelatedLocation(Location(path: path, range: original.key.range), "first written here")],
                                severity: inTemplate ? .error : nil))
                    }
                }
                findDuplicates(in: entry.value, path: path, inTemplate: inTemplate, into: &violations, reported: &reported)
            }
        case .array(let elements):
            for element in elements {
                findDuplicates(in: element, path: path, inTemplate: inTemplate, into: &violations, reported: &reported)
            }
        case .tagged(_, let inner):
            findDuplicates(in: inner, path: path, inTemplate: inTemplate, into: &violations, reported: &reported)
        default:
            break
        }
    }
}
