/// A CloudFormation template's parts that the model needs: resources by logical id, parameters
/// with defaults, and mappings; plus the symbolic evaluator for string expressions.
public struct CloudFormationTemplate: Sendable {
    public struct Resource: Sendable {
        public var logicalId: String
        public var type: String
        public var node: Node
        public var keyRange: ByteRange
        public var properties: Node?
        public var metadata: Node?
    }

    public var root: Node
    public var resources: [Resource]
    public var resourcesById: [String: Int]
    public var parameters: [String: Node]
    public var mappings: Node?

    public init(root: Node) {
        self.root = root
        var resources: [Resource] = []
        var byId: [String: Int] = [:]
        for entry in root["Resources"]?.entries ?? [] {
            guard let id = entry.name, let type = entry.value["Type"].flatMap(ObjectReader.stringValue) else { continue }
            byId[id] = resources.count
            resources.append(
                Resource(
                    logicalId: id, type: type, node: entry.value, keyRange: entry.key.range,
                    properties: entry.value["Properties"], metadata: entry.value["Metadata"]))
        }
        self.resources = resources
        self.resourcesById = byId
        var parameters: [String: Node] = [:]
        for entry in root["Parameters"]?.entries ?? [] {
            if let name = entry.name { parameters[name] = entry.value }
        }
        self.parameters = parameters
        self.mappings = root["Mappings"]
    }

    /// The type of the resource named `logicalId`, read in place: copying the whole resource
    /// retained its nodes, which every thread building the model shares.
    public func resourceType(_ logicalId: String) -> String? {
        resourcesById[logicalId].map { resources[$0].type }
    }

    public func resources(ofType type: String) -> [Resource] {
        resources.filter { $0.type == type }
    }

    /// The logical id a `Ref` or `GetAtt` in `node` points at, if it names a resource here.
    public func referencedResource(_ node: Node) -> (logicalId: String, attribute: String?)? {
        guard let intrinsic = Intrinsic(node) else { return nil }
        if let target = intrinsic.refTarget, resourcesById[target] != nil { return (target, nil) }
        if let target = intrinsic.getAttTarget, resourcesById[target.logicalId] != nil { return target }
        return nil
    }

    static let maxAlternatives = 8
    static let maxDepth = 24

    /// Evaluates a string expression to its possible values (several for `Fn::If`).
    public func evaluate(_ node: Node) -> [SymbolicString] {
        evaluate(node, variables: [:], depth: 0)
    }

    func evaluate(_ node: Node, variables: [String: Node], depth: Int) -> [SymbolicString] {
        guard depth < CloudFormationTemplate.maxDepth else { return [.unknown] }
        guard let intrinsic = Intrinsic(node) else {
            if let text = ObjectReader.stringValue(node) { return [SymbolicString.parsingPlaceholders(text)] }
            return [.unknown]
        }
        switch intrinsic.name {
        case "Ref":
            guard let target = intrinsic.refTarget else { return [.unknown] }
            return [reference(target, depth: depth)]
        case "Fn::GetAtt":
            guard let (id, attribute) = intrinsic.getAttTarget else { return [.unknown] }
            return [getAtt(id, attribute)]
        case "Fn::Sub":
            return substitute(intrinsic.argument, depth: depth)
        case "Fn::Join":
            guard let arguments = intrinsic.argument.elements, arguments.count == 2,
                let delimiter = ObjectReader.stringValue(arguments[0])
            else { return [.unknown] }
            guard let items = arguments[1].elements else { return [.unknown] }
            var results: [SymbolicString] = [SymbolicString([])]
            for (position, item) in items.enumerated() {
                let options = evaluate(item, variables: variables, depth: depth + 1)
                results = combine(results, options, separator: position > 0 ? delimiter : "")
            }
            return results
        case "Fn::Select":
            return select(intrinsic.argument, depth: depth)
        case "Fn::If":
            guard let arguments = intrinsic.argument.elements, arguments.count == 3 else { return [.unknown] }
            let options = evaluate(arguments[1], variables: variables, depth: depth + 1)
                + evaluate(arguments[2], variables: variables, depth: depth + 1)
            return Array(options.prefix(CloudFormationTemplate.maxAlternatives))
        case "Fn::FindInMap":
            return findInMap(intrinsic.argument, depth: depth)
        default:
            return [.unknown]
        }
    }

    func reference(_ target: String, depth: Int) -> SymbolicString {
        if target.hasPrefix("AWS::") { return SymbolicString([.pseudo(target)]) }
        if let parameter = parameters[target] {
            // A NoEcho parameter holds a secret: its default is never read, so that no message
            // can echo it.
            if parameter["NoEcho"].flatMap(ObjectReader.boolValue) == true { return .unknown }
            if let value = parameter["Default"].flatMap(ObjectReader.stringValue) {
                var assumed = SymbolicString.parsingPlaceholders(value)
                assumed.assume(SymbolicString.Assumption(parameter: target, value: value))
                return assumed
            }
            return .unknown
        }
        if resourceType(target) == "AWS::ECR::Repository" {
            return SymbolicString([.repositoryName(logicalId: target)])
        }
        return .unknown
    }

    func getAtt(_ logicalId: String, _ attribute: String) -> SymbolicString {
        guard resourceType(logicalId) == "AWS::ECR::Repository" else { return .unknown }
        switch attribute {
        case "RepositoryUri": return SymbolicString([.repositoryUri(logicalId: logicalId)])
        default: return .unknown
        }
    }

    func combine(_ left: [SymbolicString], _ right: [SymbolicString], separator: String) -> [SymbolicString] {
        var results: [SymbolicString] = []
        for prefix in left {
            for suffix in right {
                var joined = prefix
                joined.append(SymbolicString.Part.literal(separator))
                joined.append(suffix)
                results.append(joined)
                if results.count >= CloudFormationTemplate.maxAlternatives { return results }
            }
        }
        return results
    }

    /// `combine(results, [value], separator: "")` without building new lists: one known value
    /// extends every alternative in place.
    func extend(_ results: inout [SymbolicString], with value: SymbolicString) {
        for index in results.indices { results[index].append(value) }
    }

    func extend(_ results: inout [SymbolicString], with part: SymbolicString.Part) {
        for index in results.indices { results[index].append(part) }
    }

    /// `Fn::Sub` in string and list forms; `${!Literal}` stays literal.
    func substitute(_ argument: Node, depth: Int) -> [SymbolicString] {
        var template: String?
        var variables: [String: Node] = [:]
        if let text = ObjectReader.stringValue(argument) {
            template = text
        } else if let elements = argument.elements, elements.count == 2 {
            template = ObjectReader.stringValue(elements[0])
            for entry in elements[1].entries ?? [] {
                if let name = entry.name { variables[name] = entry.value }
            }
        }
        guard let template else { return [.unknown] }
        var results: [SymbolicString] = [SymbolicString([])]
        let parsed = SubstitutionTemplate(template)
        for piece in parsed.pieces {
            let name = piece.name
            extend(&results, with: SymbolicString.Part.literal(piece.literal))
            if name.hasPrefix("!") {
                extend(&results, with: SymbolicString.Part.literal("${" + name.dropFirst() + "}"))
            } else if let variable = variables[name] {
                results = combine(results, evaluate(variable, variables: [:], depth: depth + 1), separator: "")
            } else if let dot = name.firstIndex(ofASCII: ".") {
                let id = String(name[..<dot])
                let attribute = String(name[name.index(after: dot)...])
                extend(&results, with: getAtt(id, attribute))
            } else {
                extend(&results, with: reference(name, depth: depth))
            }
        }
        extend(&results, with: SymbolicString.parsingPlaceholders(parsed.tail))
        return results
    }

    /// `Fn::Select [i, Fn::Split [":", GetAtt Repo.Arn]]` is how CDK writes an account or region.
    func select(_ argument: Node, depth: Int) -> [SymbolicString] {
        guard let arguments = argument.elements, arguments.count == 2,
            let index = ObjectReader.intValue(arguments[0])
        else { return [.unknown] }
        if let list = arguments[1].elements {
            guard index >= 0, index < list.count else { return [.unknown] }
            return evaluate(list[index], variables: [:], depth: depth + 1)
        }
        if let split = Intrinsic(arguments[1]), split.name == "Fn::Split",
            let splitArguments = split.argument.elements, splitArguments.count == 2,
            let getAtt = Intrinsic(splitArguments[1])?.getAttTarget, getAtt.attribute == "Arn"
        {
            switch index {
            case 3: return [SymbolicString([.pseudo("AWS::Region")])]
            case 4: return [SymbolicString([.pseudo("AWS::AccountId")])]
            default: return [.unknown]
            }
        }
        return [.unknown]
    }

    func findInMap(_ argument: Node, depth: Int) -> [SymbolicString] {
        guard let arguments = argument.elements, arguments.count >= 3, let mappings else { return [.unknown] }
        guard let mapName = ObjectReader.stringValue(arguments[0]), !ValueKind.isUnresolved(arguments[0]),
            let first = ObjectReader.stringValue(arguments[1]), !ValueKind.isUnresolved(arguments[1]),
            let second = ObjectReader.stringValue(arguments[2]), !ValueKind.isUnresolved(arguments[2]),
            let value = mappings[mapName]?[first]?[second]
        else { return [.unknown] }
        return evaluate(value, variables: [:], depth: depth + 1)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
