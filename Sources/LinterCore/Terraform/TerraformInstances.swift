/// `count` and `for_each`: the instances of a resource or module block.
enum TerraformInstances {
    /// More instances than this from one block are not expanded: the block is evaluated as one
    /// symbolic instance, as when its `count` is unknown.
    static let maxInstances = 256

    /// The instance keys of `block`: `[nil]` without `count` and `for_each`, `[]` for a count of
    /// zero or an empty `for_each`, `.index` keys for `count`, `.key` keys for `for_each`; nil
    /// when they are not known.
    static func keys(of block: HCLBlock, file: Int, evaluator: inout HCLEvaluator) -> [HCLTraversal.Step?]? {
        if let count = block.body.attribute("count") {
            guard let number = evaluator.evaluate(count.expression, inFile: file).number,
                number >= 0, number == number.rounded(), number <= Double(maxInstances)
            else { return nil }
            return (0..<Int(number)).map { .index($0) }
        }
        if let forEach = block.body.attribute("for_each") {
            let value = evaluator.evaluate(forEach.expression, inFile: file)
            guard let entries = entries(of: value), entries.count <= maxInstances else { return nil }
            return entries.map { .key($0.key) }
        }
        return [nil]
    }

    /// `count.index` or `each` for instance `key` of `block`; nil when the key is not one of its
    /// instances.
    static func context(of block: HCLBlock, file: Int, key: HCLTraversal.Step, evaluator: inout HCLEvaluator) -> HCLContext? {
        switch key {
        case .index(let index):
            guard block.body.attribute("count") != nil else { return nil }
            return HCLContext(countIndex: index)
        case .key(let name):
            guard let forEach = block.body.attribute("for_each"),
                let entry = entries(of: evaluator.evaluate(forEach.expression, inFile: file))?.first(where: { $0.key == name })
            else { return nil }
            return HCLContext(each: HCLEach(key: .string(name, span: entry.value.span), value: entry.value))
        case .attribute:
            return nil
        }
    }

    /// The key and value of each element of a `for_each` collection: a map's members, or a set
    /// of strings whose elements are their own keys. Nil when unknown or of another shape.
    static func entries(of value: HCLValue) -> [(key: String, value: HCLValue)]? {
        if let members = value.members {
            return members.map { ($0.key, $0.value) }
        }
        if let elements = value.elements {
            var result: [(key: String, value: HCLValue)] = []
            for element in elements {
                guard let text = element.string else { return nil }
                result.append((text, element))
            }
            return result
        }
        return nil
    }
}
