/// The evaluated arguments and nested blocks of one resource instance, in the shape a Terraform
/// plan gives them (`values` with snake_case keys, nested blocks as lists of objects), so the
/// model reads Terraform source as it reads a plan.
///
/// `dynamic` blocks are expanded when their `for_each` is known. When it is not, the block may
/// or may not exist: its type is kept as an unknown value, never as absent, so that no rule
/// reports it missing.
struct TerraformBlockValues {
    var file: Int
    var range: ByteRange
    var attributes: [(attribute: HCLAttribute, value: HCLValue)] = []
    var blocks: [(type: String, typeRange: ByteRange, values: TerraformBlockValues)] = []
    /// Block types written as `dynamic` blocks whose `for_each` is unknown, with the block's range.
    var unknownBlocks: [(type: String, range: ByteRange)] = []

    /// Arguments Terraform reads itself, which are not the resource's.
    static let metaArguments: Set<String> = ["count", "for_each", "depends_on", "provider"]
    static let metaBlocks: Set<String> = ["lifecycle", "provisioner", "connection"]

    static func evaluate(
        _ body: HCLBody, range: ByteRange, file: Int, context: HCLContext, evaluator: inout HCLEvaluator, depth: Int = 0
    ) -> TerraformBlockValues {
        var values = TerraformBlockValues(file: file, range: range)
        for item in body.items {
            switch item {
            case .attribute(let attribute):
                guard depth > 0 || !metaArguments.contains(attribute.name) else { continue }
                values.attributes.append((attribute, evaluator.evaluate(attribute.expression, inFile: file, context: context)))
            case .block(let block):
                guard depth > 0 || !metaBlocks.contains(block.type), depth < 16 else { continue }
                if block.type == "dynamic" {
                    values.expandDynamic(block, file: file, context: context, evaluator: &evaluator, depth: depth)
                } else {
                    values.blocks.append((block.type, block.typeRange, evaluate(
                        block.body, range: block.range, file: file, context: context, evaluator: &evaluator, depth: depth + 1)))
                }
            }
        }
        return values
    }

    /// `dynamic "TYPE" { for_each = …, iterator = name, content { … } }`: one `TYPE` block per
    /// element, with `TYPE.key`/`TYPE.value` (or the iterator's name) in scope.
    private mutating func expandDynamic(_ block: HCLBlock, file: Int, context: HCLContext, evaluator: inout HCLEvaluator, depth: Int) {
        guard let type = block.labels.first?.value else { return }
        guard let forEach = block.body.attribute("for_each"), let content = block.body.blocks(ofType: "content").first else {
            unknownBlocks.append((type, block.range))
            return
        }
        let collection = evaluator.evaluate(forEach.expression, inFile: file, context: context)
        var entries: [(key: HCLValue, value: HCLValue)] = []
        if let members = collection.members {
            entries = members.map { (.string($0.key, span: $0.keySpan), $0.value) }
        } else if let elements = collection.elements {
            entries = elements.enumerated().map { (.number(Double($0.offset), span: $0.element.span), $0.element) }
        } else {
            unknownBlocks.append((type, block.range))
            return
        }
        guard entries.count <= TerraformInstances.maxInstances else {
            unknownBlocks.append((type, block.range))
            return
        }
        var iterator = type
        if let name = block.body.attribute("iterator"), let traversal = name.expression.staticTraversal, traversal.steps.isEmpty {
            iterator = traversal.root
        }
        for (key, value) in entries {
            var inner = context
            inner.names[iterator] = .object([
                HCLMember(key: "key", keySpan: nil, value: key), HCLMember(key: "value", keySpan: nil, value: value),
            ], span: value.span)
            blocks.append((type, block.labels.first?.range ?? block.typeRange, TerraformBlockValues.evaluate(
                content.body, range: content.range, file: file, context: inner, evaluator: &evaluator, depth: depth + 1)))
        }
    }

    /// The argument `name`'s value.
    func value(_ name: String) -> HCLValue? {
        attributes.last { $0.attribute.name == name }?.value
    }

    func attribute(_ name: String) -> HCLAttribute? {
        attributes.last { $0.attribute.name == name }?.attribute
    }

    /// The nested blocks of `type`.
    func blocks(ofType type: String) -> [TerraformBlockValues] {
        blocks.filter { $0.type == type }.map(\.values)
    }

    /// The values as a plan would hold them, with ranges in this block's file.
    func node() -> Node {
        var entries: [Entry] = []
        for (attribute, value) in attributes {
            entries.append(Entry(
                key: Node(.string(attribute.name, .plain), range: attribute.nameRange),
                value: value.node(inFile: file, fallback: attribute.expression.range)))
        }
        var seenTypes: Set<String> = []
        for (type, typeRange, _) in blocks where seenTypes.insert(type).inserted {
            if let unknown = unknownBlocks.first(where: { $0.type == type }) {
                entries.append(Entry(key: Node(.string(type, .plain), range: typeRange), value: TerraformBlockValues.unknownNode(type, unknown.range)))
                continue
            }
            let nodes = blocks.filter { $0.type == type }.map { $0.values.node() }
            entries.append(Entry(
                key: Node(.string(type, .plain), range: typeRange),
                value: Node(.array(nodes), range: nodes.first?.range ?? typeRange)))
        }
        for (type, range) in unknownBlocks where !seenTypes.contains(type) && seenTypes.insert(type).inserted {
            entries.append(Entry(key: Node(.string(type, .plain), range: range), value: TerraformBlockValues.unknownNode(type, range)))
        }
        return Node(.object(entries), range: range)
    }

    /// `lifecycle { ignore_changes = [a, b] }` of a resource block, as written (bare names, or `all`).
    static func ignoredChanges(of block: HCLBlock) -> Set<String> {
        guard let lifecycle = block.body.blocks(ofType: "lifecycle").first,
            let attribute = lifecycle.body.attribute("ignore_changes")
        else { return [] }
        if let traversal = attribute.expression.staticTraversal { return [traversal.root] }
        guard case .tuple(let elements) = attribute.expression.kind else { return [] }
        var names: Set<String> = []
        for element in elements {
            if let traversal = element.staticTraversal {
                names.insert(traversal.root)
            } else if case .template(let template) = element.kind, let text = template.literalText {
                names.insert(text)
            }
        }
        return names
    }

    /// Each argument's value by name (a later one of the same name wins, as `value(_:)` reads).
    var argumentValues: [String: HCLValue] {
        Dictionary(attributes.map { ($0.attribute.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    static func unknownNode(_ type: String, _ range: ByteRange) -> Node {
        Node(.tagged(HCLValue.unknownTag, Node(.string("dynamic \"\(type)\"", .doubleQuoted), range: range)), range: range)
    }
}
