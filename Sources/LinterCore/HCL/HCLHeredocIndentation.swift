/// The indentation rule of `<<-` heredocs: the smallest indentation (white space characters other
/// than line breaks, Unicode spaces included, one each) of the lines that hold anything is
/// removed from the start of every line.
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

    static func isIndentation(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n" && scalar != "\r" && (scalar == " " || scalar == "\t" || scalar.properties.isWhitespace)
    }

    static func measure(_ parts: [HCLTemplatePart], _ walk: inout Walk) {
        for part in parts {
            switch part {
            case .literal(let literal):
                guard literal.isVerbatim else {
                    walk.content()
                    continue
                }
                for scalar in literal.text.unicodeScalars {
                    if scalar == "\n" {
                        walk.atLineStart = true
                        walk.indentation = 0
                    } else if walk.atLineStart && isIndentation(scalar) {
                        walk.indentation += 1
                    } else if scalar != "\r" {
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
                let scalars = Array(literal.text.unicodeScalars)
                var segmentStart = 0
                var position = 0
                var offset = 0
                while position < scalars.count {
                    if walk.atLineStart {
                        let lineStart = offset
                        while position < scalars.count && walk.indentation < amount && isIndentation(scalars[position]) {
                            offset += UTF8.width(scalars[position])
                            position += 1
                            walk.indentation += 1
                        }
                        if offset > lineStart {
                            append(bytes, segmentStart..<lineStart, of: literal, to: &result)
                            segmentStart = offset
                        }
                        if position < scalars.count { walk.atLineStart = false }
                        continue
                    }
                    if scalars[position] == "\n" {
                        walk.atLineStart = true
                        walk.indentation = 0
                    }
                    offset += UTF8.width(scalars[position])
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
