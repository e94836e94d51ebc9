/// A string whose parts may be unknown until deployment: the result of evaluating a CloudFormation
/// expression, or a literal holding template placeholders. Used to find an image's repository
/// and tag without guessing.
public struct SymbolicString: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case literal(String)
        /// Any value not known statically (a parameter without default, an import, a placeholder).
        case unknown
        /// A pseudo parameter such as `AWS::Region`: unknown, but known to be a plain host part.
        case pseudo(String)
        /// `Ref` to an `AWS::ECR::Repository`: its name.
        case repositoryName(logicalId: String)
        /// `GetAtt Repo.RepositoryUri`: `<account>.dkr.ecr.<region>.<suffix>/<name>`.
        case repositoryUri(logicalId: String)
        /// The URL of the ECR repository `name` in an account and region not known statically
        /// (a Terraform `data "aws_ecr_repository"`), shown as the expression it came from.
        case ecrRepositoryURL(name: String, expression: String)
    }

    /// A default that stands in for the value given at deployment, which may differ: a
    /// CloudFormation parameter's `Default` or a Terraform variable's `default`. Conclusions drawn
    /// from it are assumptions, and findings say so.
    public struct Assumption: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case parameter, variable
        }

        public var kind: Kind
        /// The parameter's or variable's name.
        public var parameter: String
        public var value: String
        /// A Terraform `sensitive` variable: its value is never shown.
        public var isSensitive: Bool

        public init(parameter: String, value: String, kind: Kind = .parameter, isSensitive: Bool = false) {
            self.kind = kind
            self.parameter = parameter
            self.value = value
            self.isSensitive = isSensitive
        }

        /// `parameter ImageTag keeps its default 'latest'`, or without the value when it is sensitive.
        public var clause: String {
            isSensitive
                ? "\(kind.rawValue) \(parameter) keeps its default"
                : "\(kind.rawValue) \(parameter) keeps its default '\(value)'"
        }
    }

    /// Never an empty literal, and never two literals in a row, so equal strings have equal parts.
    public private(set) var parts: [Part]
    /// The parameter defaults this value was built from, in order of first use.
    public private(set) var assumptions: [Assumption] = []

    public init(_ parts: [Part]) {
        self.parts = []
        self.parts.reserveCapacity(parts.count)
        for part in parts { append(part) }
    }

    /// Appends a part, joining a literal to a literal before it.
    public mutating func append(_ part: Part) {
        if case .literal(let text) = part {
            if text.isEmpty { return }
            if case .literal(var previous)? = parts.last {
                // The last part is emptied first so its text is uniquely held and grows in place.
                parts[parts.count - 1] = .unknown
                previous += text
                parts[parts.count - 1] = .literal(previous)
                return
            }
        }
        parts.append(part)
    }

    public mutating func append(_ other: SymbolicString) {
        for part in other.parts { append(part) }
        for assumption in other.assumptions { assume(assumption) }
    }

    /// Records that the value rests on a parameter's default.
    public mutating func assume(_ assumption: Assumption) {
        if !assumptions.contains(assumption) { assumptions.append(assumption) }
    }

    /// The value as a reader would write it: unknown parts as `${…}`, pseudo parameters and
    /// repositories by name (`${Repo.RepositoryUri}:v1`), for messages.
    public var displayText: String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .unknown: text += "${…}"
            case .pseudo(let name): text += "${\(name)}"
            // Terraform addresses (`aws_ecr_repository.app`) are shown with Terraform's attributes.
            case .repositoryName(let id): text += id.hasPrefix("aws_") || id.contains(".aws_") ? "${\(id).name}" : "${\(id)}"
            case .repositoryUri(let id):
                text += id.hasPrefix("aws_") || id.contains(".aws_") ? "${\(id).repository_url}" : "${\(id).RepositoryUri}"
            case .ecrRepositoryURL(_, let expression): text += "${\(expression)}"
            }
        }
        return text
    }

    public static func literal(_ text: String) -> SymbolicString { SymbolicString([.literal(text)]) }
    public static let unknown = SymbolicString([.unknown])

    /// The text when every part is a literal.
    public var literalText: String? {
        var text = ""
        for part in parts {
            guard case .literal(let literal) = part else { return nil }
            text += literal
        }
        return text
    }

    /// Splits a literal into its known text and the deploy-time placeholders it holds
    /// (`DeployTimePlaceholders`): `{{ … }}`, `<IMAGE1_NAME>`, `${TAG}`, `$TAG`, an empty value.
    public static func parsingPlaceholders(_ text: String) -> SymbolicString {
        SymbolicString(DeployTimePlaceholders.split(text))
    }

    static func + (lhs: SymbolicString, rhs: SymbolicString) -> SymbolicString {
        var joined = lhs
        joined.append(rhs)
        return joined
    }
}
