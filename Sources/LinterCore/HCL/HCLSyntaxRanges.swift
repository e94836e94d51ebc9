/// Every range a syntax tree holds, for checks that they lie inside the input (the tests and the
/// fuzz harnesses) and for tools that index a file.
extension HCLBody {
    public func forEachRange(_ body: (ByteRange) -> Void) {
        body(range)
        for item in items {
            switch item {
            case .attribute(let attribute):
                body(attribute.range)
                body(attribute.nameRange)
                attribute.expression.forEachRange(body)
            case .block(let block):
                body(block.range)
                body(block.typeRange)
                for label in block.labels { body(label.range) }
                block.body.forEachRange(body)
            }
        }
    }
}

extension HCLExpression {
    public func forEachRange(_ body: (ByteRange) -> Void) {
        body(range)
        switch kind {
        case .literal, .variable, .splatElement:
            break
        case .template(let template):
            HCLExpression.forEachRange(of: template.parts, body)
        case .getAttribute(let base, _, let nameRange):
            body(nameRange)
            base.forEachRange(body)
        case .index(let base, let key):
            base.forEachRange(body)
            key.forEachRange(body)
        case .splat(let source, let each, _):
            source.forEachRange(body)
            each.forEachRange(body)
        case .call(let call):
            body(call.nameRange)
            for argument in call.arguments { argument.forEachRange(body) }
        case .tuple(let elements):
            for element in elements { element.forEachRange(body) }
        case .object(let items):
            for item in items {
                item.key.forEachRange(body)
                item.value.forEachRange(body)
            }
        case .unary(_, let operand), .parenthesized(let operand):
            operand.forEachRange(body)
        case .binary(_, let left, let right):
            left.forEachRange(body)
            right.forEachRange(body)
        case .conditional(let condition, let whenTrue, let whenFalse):
            condition.forEachRange(body)
            whenTrue.forEachRange(body)
            whenFalse.forEachRange(body)
        case .forExpression(let loop):
            loop.collection.forEachRange(body)
            loop.keyExpression?.forEachRange(body)
            loop.valueExpression.forEachRange(body)
            loop.condition?.forEachRange(body)
        }
    }

    static func forEachRange(of parts: [HCLTemplatePart], _ body: (ByteRange) -> Void) {
        for part in parts {
            body(part.range)
            switch part {
            case .literal:
                break
            case .interpolation(let expression, _):
                expression.forEachRange(body)
            case .conditional(let condition, let thenParts, let elseParts, _):
                condition.forEachRange(body)
                forEachRange(of: thenParts, body)
                forEachRange(of: elseParts, body)
            case .loop(_, _, let collection, let loopBody, _):
                collection.forEachRange(body)
                forEachRange(of: loopBody, body)
            }
        }
    }
}
