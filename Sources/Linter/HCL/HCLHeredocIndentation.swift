/// The indentation rule of `<<-` heredocs: the smallest indentation (spaces and tabs, one each) of
/// the lines that hold anything is removed from the start of every line.
///
/// A line's indentation ends where its first other character, interpolation or directive starts;
/// lines holding only whitespace do not count. Runs are split where indentation is removed, so
/// each keeps mapping to its own bytes.
enum HCLHeredocIndentation {
    struct Walk {
        var atLineStart = true
        var indentation = 0
        var minimum = Int.max

        mutating func content() {
            if atLineStart {
                minimum = min(minimum, indentation)
                atLineStart = false
            }
        }
    }

    static func removeIndentation(_ parts: [HCLTemplatePart]) -> [HCLTemplatePart] {
        var walk = Walk()
        measure(parts, &walk)
        guard walk.minimum != Int.max, walk.minimum > 0 else { return parts }
        var trim = Walk()
        return remove(walk.minimum, from: parts, &trim)
    }

    static func isIndentation(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    static func measure(_ parts: [HCLTemplatePart], _ walk: inout Walk) {
        for part in parts {
            switch part {
            case .literal(let literal):
                guard literal.isVerbatim else {
                    walk.content()
                    continue
                }
                for byte in literal.text.utf8 {
                    if byte == 0x0A {
                        walk.atLineStart = true
                        walk.indentation = 0
                    } else if walk.atLineStart && isIndentation(byte) {
                        walk.indentation += 1
                    } else if byte != 0x0D {
                        walk.content()
                    }
                }
            case .interpolation:
                walk.content()
            case .conditional(_, let thenParts, let elseParts, _):
                walk.content()
                measure(thenParts, &walk)
                measure(elseParts, &walk)
            case .loop(_, _, _, let body, _):
                walk.content()
                measure(body, &walk)
            }
        }
    }

    static func remove(_ amount: Int, from parts: [HCLTemplatePart], _ walk: inout Walk) -> [HCLTemplatePart] {
        var result: [HCLTemplatePart] = []
        for part in parts {
            switch part {
            case .literal(let literal):
                guard literal.isVerbatim else {
                    walk.atLineStart = false
                    result.append(part)
                    continue
                }
                let bytes = Array(literal.text.utf8)
                var segmentStart = 0
                var position = 0
                while position < bytes.count {
                    if walk.atLineStart {
                        var cut = position
                        while cut < bytes.count && cut - position < amount - walk.indentation && isIndentation(bytes[cut]) { cut += 1 }
                        walk.indentation += cut - position
                        if cut > position {
                            append(bytes, segmentStart..<position, of: literal, to: &result)
                            segmentStart = cut
                            position = cut
                        }
                        if position < bytes.count { walk.atLineStart = false }
                        continue
                    }
                    if bytes[position] == 0x0A {
                        walk.atLineStart = true
                        walk.indentation = 0
                    }
                    position += 1
                }
                append(bytes, segmentStart..<bytes.count, of: literal, to: &result)
            case .interpolation:
                walk.atLineStart = false
                result.append(part)
            case .conditional(let condition, let thenParts, let elseParts, let range):
                walk.atLineStart = false
                let newThen = remove(amount, from: thenParts, &walk)
                let newElse = remove(amount, from: elseParts, &walk)
                result.append(.conditional(condition: condition, then: newThen, else: newElse, range: range))
            case .loop(let key, let value, let collection, let body, let range):
                walk.atLineStart = false
                result.append(.loop(keyVariable: key, valueVariable: value, collection: collection,
                    body: remove(amount, from: body, &walk), range: range))
            }
        }
        return result
    }

    static func append(_ bytes: [UInt8], _ segment: Range<Int>, of literal: HCLTemplateLiteral, to result: inout [HCLTemplatePart]) {
        guard !segment.isEmpty else { return }
        let range = ByteRange(start: literal.range.start + segment.lowerBound, end: literal.range.start + segment.upperBound)
        result.append(.literal(HCLTemplateLiteral(text: String(decoding: bytes[segment], as: UTF8.self), range: range)))
    }
}
