/// What is known about a container's image: the field as written, and as much of the reference
/// (repository, tag, digest) as can be worked out without deploying.
public struct ContainerImage: Sendable {
    /// What the tag is known to be.
    public enum TagState: Sendable, Hashable {
        /// Written explicitly.
        case named(String)
        /// Neither tag nor digest: Docker resolves `latest`.
        case implicitLatest
        /// Pinned by digest only.
        case none
        /// Built from a placeholder or intrinsic that is not known statically.
        case unknown
    }

    public var field: Field<String>
    /// The full reference text when it is known (literal, or fully resolved).
    public var text: String?
    public var reference: ImageReference?
    /// Why the literal reference does not parse (a finding, never a crash).
    public var parseError: ImageReferenceError?
    public var tag: TagState
    public var digest: String?
    /// True when a digest is known to be part of the reference (even if the rest is symbolic).
    public var isDigestPinned: Bool
    /// The ECR repository name, when the image is known to live in ECR.
    public var repositoryName: String?
    /// The CloudFormation `AWS::ECR::Repository` the image is built from, in the same template.
    public var repositoryLogicalId: String?
    /// Whether the registry is ECR private: nil when unknown.
    public var isECR: Bool?
    /// The reference with its unknown parts written as `${…}`, when it is not fully known.
    public var symbolicText: String?
    /// Template parameter defaults the reference was resolved with.
    public var assumptions: [SymbolicString.Assumption] = []

    /// The reference for messages: its text, or the expression it is built from.
    public var displayText: String? { text ?? symbolicText ?? field.value }

    /// ` (assuming parameter ImageTag keeps its default 'latest')`, or nothing: findings about a
    /// tag taken from a parameter's default hold only if the deployment does not override it.
    public var assumptionClause: String {
        guard !assumptions.isEmpty else { return "" }
        let each = assumptions.map(\.clause)
        return " (assuming " + each.joined(separator: " and ") + ")"
    }

    public var location: Location { field.location }

    public static func absent(in parent: Location) -> ContainerImage {
        ContainerImage(
            field: .absent(in: parent), text: nil, reference: nil, parseError: nil, tag: .unknown, digest: nil,
            isDigestPinned: false, repositoryName: nil, repositoryLogicalId: nil, isECR: nil)
    }

    /// The tag the image resolves to when pulled (`latest` when implicit), if known.
    public var effectiveTag: String? {
        switch tag {
        case .named(let name): return name
        case .implicitLatest: return "latest"
        case .none, .unknown: return nil
        }
    }

    /// Builds the image facts from the field and its symbolic value.
    public static func make(field: Field<String>, value: SymbolicString?) -> ContainerImage {
        var image = ContainerImage.absent(in: field.location)
        image.field = field
        guard let value else { return image }
        image.assumptions = value.assumptions
        if let text = value.literalText, DeployTimePlaceholders.isWholePlaceholder(text) {
            // Filled in at deployment (`""`, `REPLACE_ME`, `[your image]`): as unknown as an
            // unresolved parameter.
            image.symbolicText = text.isEmpty ? "${…}" : text
            image.analyzeSymbolic(.unknown)
            return image
        }
        if let text = value.literalText {
            image.text = text
            switch ImageReference.parse(text) {
            case .success(let reference):
                image.reference = reference
                image.digest = reference.digest
                image.isDigestPinned = reference.digest != nil
                if let tag = reference.tag {
                    image.tag = .named(tag)
                } else {
                    image.tag = reference.digest == nil ? .implicitLatest : .none
                }
                image.isECR = reference.ecr != nil
                image.repositoryName = reference.ecr?.repositoryName
            case .failure(let error):
                image.parseError = error
            }
            return image
        }
        image.symbolicText = value.displayText
        image.analyzeSymbolic(value)
        return image
    }

    /// Finds the repository and tag in a partly unknown reference. Only conclusions that hold for
    /// every possible value of the unknown parts are drawn.
    mutating func analyzeSymbolic(_ value: SymbolicString) {
        // Characters with provenance: a known character, or a marker for an unknown run.
        enum Unit: Equatable { case character(Character), unknown, pseudo, repository(String) }
        var units: [Unit] = []
        for part in value.parts {
            switch part {
            case .literal(let text): units += text.map { .character($0) }
            case .unknown: units.append(.unknown)
            case .pseudo: units.append(.pseudo)
            case .repositoryName(let id): units.append(.repository(id))
            case .repositoryUri(let id):
                units.append(.pseudo)
                units += ".dkr.ecr.".map { .character($0) }
                units.append(.pseudo)
                units += ".amazonaws.com/".map { .character($0) }
                units.append(.repository(id))
            case .ecrRepositoryURL(let name, _):
                units.append(.pseudo)
                units += ".dkr.ecr.".map { .character($0) }
                units.append(.pseudo)
                units += ".amazonaws.com/".map { .character($0) }
                units += name.map { .character($0) }
            }
        }
        let lastSlash = units.lastIndex(of: .character("/"))
        let tailStart = lastSlash.map { $0 + 1 } ?? 0
        let tail = units[tailStart...]
        let at = tail.firstIndex(of: .character("@"))
        let colon = tail[..<(at ?? units.endIndex)].firstIndex(of: .character(":"))
        func text(_ slice: ArraySlice<Unit>) -> String? {
            var result = ""
            for unit in slice {
                guard case .character(let character) = unit else { return nil }
                result.append(character)
            }
            return result
        }
        if let at {
            isDigestPinned = true
            digest = text(units[(at + 1)...])
        }
        if let colon {
            let tagEnd = at ?? units.endIndex
            if let tagText = text(units[(colon + 1)..<tagEnd]) {
                tag = .named(tagText)
            } else {
                tag = .unknown
            }
        } else if at != nil {
            tag = .none
        } else if let last = units.last, case .repository = last {
            tag = .implicitLatest
        } else if let last = units.last, case .character = last, !tail.contains(.unknown), !tail.contains(.pseudo) {
            // Unknown text before the last literal '/' (a registry placeholder) cannot hold a tag.
            tag = .implicitLatest
        } else {
            tag = .unknown
        }
        let nameEnd = colon ?? at ?? units.endIndex
        let name = units[..<nameEnd]
        if let repositoryUnit = name.last, case .repository(let id) = repositoryUnit {
            let before = text(name.dropLast()) ?? ""
            let hostKnown = name.dropLast().contains(.character("/")) || name.count == 1
            if hostKnown || before.isEmpty {
                repositoryLogicalId = id
                isECR = true
            }
            return
        }
        // Registry host parts may be unknown (pseudo parameters). The repository name is only
        // reported when its path is fully known; an ECR host is enough to know the registry
        // (CDK asset images live in `cdk-…-container-assets-${AWS::AccountId}-${AWS::Region}`).
        guard let firstSlash = name.firstIndex(of: .character("/")) else { return }
        let path = text(name[(firstSlash + 1)...])
        let host = name[..<firstSlash]
        let hostText = host.map { unit -> String in
            if case .character(let character) = unit { return String(character) }
            return "*"
        }.joined()
        if hostText.contains(".dkr.ecr") || hostText.contains(".dkr-ecr") {
            isECR = true
            repositoryName = path
        } else if !host.contains(.unknown), path != nil {
            isECR = false
        }
    }
}
