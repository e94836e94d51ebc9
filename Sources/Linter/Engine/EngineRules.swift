import LinterCore

/// Rules the engine itself reports: they describe the run, not the resources.
public enum EngineRules {
    public static let parseError = EngineRule(
        RuleMetadata(
            id: "ECS000", name: "parse-error",
            summary: "The file, or JSON embedded in it, cannot be parsed.",
            rationale: """
                ecslint cannot check what it cannot read, and AWS would reject the document too. The finding \
                points at the exact byte where parsing stopped and says what was expected there. Fix the syntax; \
                the other files of the run are still linted.
                """,
            defaultSeverity: .error, category: .engine, tags: ["syntax"],
            examples: [
                .invalid("taskdef.json", "{\"family\": \"web\", ↓}"),
                .valid("taskdef.json", "{\"family\": \"web\", \"containerDefinitions\": []}"),
            ]))

    public static let internalError = EngineRule(
        RuleMetadata(
            id: "ECS001", name: "internal-error",
            summary: "A rule failed on this file; the other rules and files were still checked.",
            rationale: """
                A rule stopped with an error on unusual input. ecslint isolates the failure so that one odd file \
                never hides the findings of every other file. Please report it with the file that triggers it.
                """,
            defaultSeverity: .error, category: .engine, tags: ["engine"]))

    public static let unusedSuppression = EngineRule(
        RuleMetadata(
            id: "ECS002", name: "unused-suppression",
            summary: "A suppression comment or ignore entry silences nothing.",
            rationale: """
                Suppressions that no longer match anything hide future problems of the same kind and mislead \
                readers. Reported only with `--report-unused-suppressions`. Remove the directive: \
                `ecslint --fix --report-unused-suppressions` removes unused comments (the whole line when the \
                comment stands alone on it).
                """,
            defaultSeverity: .warning, category: .engine, tags: ["suppression"],
            examples: [
                .invalid(
                    "template.yaml",
                    """
                    Resources:
                      Repository:
                        Type: AWS::ECR::Repository
                        Properties:
                          ↓# ecslint-disable-next-line -- kept from an old finding
                          RepositoryName: web
                          ImageTagMutability: IMMUTABLE  ↓# ecslint-disable-line
                    """,
                    fixed: """
                        Resources:
                          Repository:
                            Type: AWS::ECR::Repository
                            Properties:
                              RepositoryName: web
                              ImageTagMutability: IMMUTABLE
                        """,
                    caption: "Directives without rule ids silence every rule, and here nothing is reported to silence."),
                .valid(
                    "template.yaml",
                    """
                    Resources:
                      Repository:
                        Type: AWS::ECR::Repository
                        Properties:
                          RepositoryName: web
                    """),
            ],
            fixes: [.safe]))

    public static let fileSkipped = EngineRule(
        RuleMetadata(
            id: "ECS003", name: "file-skipped",
            summary: "A file was not linted: unreadable, binary, too large, behind a symbolic link that is not followed, or a template that is not JSON or YAML until rendered.",
            rationale: """
                ecslint never silently drops a file it was asked to lint. The message says why the file was \
                skipped; raise `limits.maxFileSize`, fix the permissions, or exclude the path in `.ecslint.json`.

                A Go template (`{{ … }}`) that mentions ECS or ECR fields is read with its placeholders as \
                unknown values. When even that does not parse (an action inside a key, a `range` that builds \
                the YAML structure), the template is reported as a note, with the place the parser stopped: \
                ecslint cannot tell template syntax from a mistake there, so it says so instead of failing the \
                build. Lint the rendered output (`ecspresso render`, `copilot svc package`) to check it.
                """,
            defaultSeverity: .warning, category: .engine, tags: ["engine"]))

    public static let all: [any Rule] = [parseError, internalError, unusedSuppression, fileSkipped]
}

/// A rule whose findings the engine produces directly; `check` finds nothing by itself.
public struct EngineRule: Rule {
    public let metadata: RuleMetadata

    public init(_ metadata: RuleMetadata) {
        self.metadata = metadata
    }

    public func check(_ context: RuleContext) -> [Violation] { [] }
}
