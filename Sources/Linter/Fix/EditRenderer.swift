import LinterCore

/// Turns one `FixEdit` operation into byte edits of one text (a file, or JSON decoded from a
/// string of one). Edits change only the bytes they must: an inserted entry takes the
/// separators, line break and indentation of its neighbours, a replaced string keeps its quotes.
struct EditRenderer {
    /// A replacement of `range` by `text`, in this renderer's text.
    struct RawEdit: Sendable, Hashable {
        var range: ByteRange
        var text: String
    }

    let layout: TextLayout
    let syntax: SourceFormat
    /// The documents of the text, to tell flow context from block context.
    let roots: [Node]
    let writer: ValueWriter

    init(bytes: [UInt8], syntax: SourceFormat, roots: [Node]) {
        layout = TextLayout(bytes)
        self.syntax = syntax
        self.roots = roots
        // Line breaks and the indentation step are those around each edit (`writer(near:)`).
        writer = ValueWriter(syntax: syntax, newline: "\n", step: "  ")
    }

    func render(_ operation: FixEdit.Operation) -> [RawEdit]? {
        switch operation {
        case .replace(let node, let value):
            return replace(node.range, like: node, with: value).map { [$0] }
        case .replaceSpan(let first, let last, let value):
            return replace(ByteRange(start: first.range.start, end: last.range.end), like: first, with: value).map { [$0] }
        case .insertEntries(let members, let object):
            return insertEntries(members, into: object).map { [$0] }
        case .removeEntry(let index, let object):
            return removeEntry(at: index, of: object).map { [$0] }
        case .insertElements(let values, let index, let array):
            return insertElements(values, at: index, into: array).map { [$0] }
        case .replaceInString(let node, let text, let replacement):
            return replaceInString(node, text, with: replacement)
        case .removeComment(let range):
            return removeComment(range).map { [$0] }
        }
    }

    // MARK: Context

    /// Whether `node` starts with the opening bracket of a flow collection (every JSON one).
    func isFlow(_ node: Node) -> Bool {
        guard node.range.start < layout.bytes.count else { return syntax == .json }
        let byte = layout.bytes[node.range.start]
        return byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
    }

    /// Whether `range` lies inside a flow collection, where `,[]{}` end a plain scalar.
    func isInFlow(_ range: ByteRange) -> Bool {
        if syntax == .json { return true }
        return NodeLocator.containers(of: range, in: roots).contains { ($0.entries != nil || $0.elements != nil) && isFlow($0) }
    }

    /// The writer for an edit at `offset`, with the line break and indentation step there.
    func writer(near offset: Int) -> ValueWriter {
        var writer = self.writer
        writer.newline = layout.newline(near: offset)
        writer.step = layout.indentationStep(near: offset)
        return writer
    }

    // MARK: Replace

    func replace(_ range: ByteRange, like node: Node, with value: FixValue) -> RawEdit? {
        let inFlow = isInFlow(range)
        var text: String?
        if case .string(_, let style) = ObjectReader.unwrapCoreTag(node).kind, value.isScalar {
            text = writer.scalar(value, inFlow: inFlow, style: syntax == .yaml ? style : nil)
        } else if syntax == .json, !layout.sameLine(range.start, range.end) {
            text = writer(near: range.start).multilineJSON(value, indent: layout.indentation(ofLineAt: range.start))
        } else {
            text = writer.inline(value, inFlow: inFlow)
        }
        return text.map { RawEdit(range: range, text: $0) }
    }

    /// Separators seen between items of a flow collection on one line, when they are a comma
    /// and blanks; `fallback` otherwise.
    func separator(between end: Int, and start: Int, fallback: String) -> String {
        let text = layout.text(end, start)
        guard text.first == ",", text.dropFirst().allSatisfy({ $0 == " " || $0 == "\t" }) else { return fallback }
        return text
    }

    func keySeparator(of entry: Entry) -> String {
        let text = layout.text(entry.key.range.end, entry.value.range.start)
        guard text.contains(":"), text.allSatisfy({ $0 == ":" || $0 == " " || $0 == "\t" }) else { return ": " }
        return text
    }

    /// Whether `node` is the value of an entry written without a blank after its colon
    /// (`"command":[…]`, as minified JSON is): a list with one element shows no separator of its
    /// own, and this is the nearest one written.
    func isCompact(_ node: Node) -> Bool {
        guard let parent = NodeLocator.containers(of: node.range, in: roots).last?.entries,
            let entry = parent.first(where: { $0.value.range == node.range })
        else { return false }
        return keySeparator(of: entry) == ":"
    }

    // MARK: Insert entries

    func insertEntries(_ members: [FixMember], into object: Node) -> RawEdit? {
        guard let entries = object.entries, !members.isEmpty else { return nil }
        if isFlow(object) { return insertFlowEntries(members, into: object, entries: entries) }
        guard let last = entries.last, !keepsTrailingLines(last.value) else { return nil }
        // Keys after a `- ` are indented as far as the dash and its blank.
        let indent = layout.indentation(at: entries[0].key.range.start)
        let writer = writer(near: last.value.range.end)
        guard let lines = writer.blockMapping(members, indent: indent) else { return nil }
        return insertLines(lines, after: last.value.range.end, newline: writer.newline)
    }

    /// Whether `node` is a block scalar that keeps its trailing blank lines (`|+`, `>+`): lines
    /// inserted after its last line of text would take those blank lines from it.
    func keepsTrailingLines(_ node: Node) -> Bool {
        let scalar = ObjectReader.unwrapCoreTag(node)
        guard case .string(_, let style) = scalar.kind, style == .literal || style == .folded else { return false }
        // The range starts at the `|` or `>`; the header's indicators follow it.
        var index = scalar.range.start + 1
        while index < layout.bytes.count && !layout.isLineBreak(layout.bytes[index]) && !layout.isBlank(layout.bytes[index]) {
            if layout.bytes[index] == UInt8(ascii: "+") { return true }
            index += 1
        }
        return false
    }

    /// Whole lines inserted after the line holding `offset`; before them a line break when that
    /// line is the last and has none, so a file without a final line break keeps having none.
    func insertLines(_ lines: String, after offset: Int, newline: String) -> RawEdit {
        let position = layout.nextLineStart(after: offset)
        if position == layout.lineEnd(of: offset) {
            return RawEdit(range: .point(position), text: newline + lines)
        }
        return RawEdit(range: .point(position), text: lines + newline)
    }

    func insertFlowEntries(_ members: [FixMember], into object: Node, entries: [Entry]) -> RawEdit? {
        var writer = writer(near: object.range.start)
        guard let last = entries.last else {
            // `{}`: the entries go inside, on their own lines when the braces are on two.
            let open = object.range.start + 1
            if layout.sameLine(object.range.start, object.range.end) {
                guard let text = flowMembers(members, writer: writer, indent: nil) else { return nil }
                return RawEdit(range: .point(open), text: text)
            }
            let indent = layout.indentation(ofLineAt: object.range.start) + writer.step
            guard let text = flowMembers(members, writer: writer, indent: indent) else { return nil }
            return RawEdit(range: .point(open), text: writer.newline + text)
        }
        writer.keySeparator = keySeparator(of: last)
        let multiline = !layout.sameLine(object.range.start, last.key.range.start)
            || (entries.count >= 2 && !layout.sameLine(entries[entries.count - 2].value.range.end, last.key.range.start))
        if multiline {
            let indent = layout.indentation(at: last.key.range.start)
            guard let text = flowMembers(members, writer: writer, indent: indent) else { return nil }
            return RawEdit(range: .point(last.value.range.end), text: "," + writer.newline + text)
        }
        let fallback = writer.keySeparator == ":" ? "," : ", "
        writer.itemSeparator = entries.count >= 2
            ? separator(between: entries[entries.count - 2].value.range.end, and: last.key.range.start, fallback: fallback)
            : fallback
        guard let text = flowMembers(members, writer: writer, indent: nil) else { return nil }
        return RawEdit(range: .point(last.value.range.end), text: writer.itemSeparator + text)
    }

    /// Members of a flow mapping: one per line at `indent`, or on one line when `indent` is nil.
    func flowMembers(_ members: [FixMember], writer: ValueWriter, indent: String?) -> String? {
        var parts: [String] = []
        for member in members {
            let value: String?
            if let indent, syntax == .json {
                value = writer.multilineJSON(member.value, indent: indent)
            } else {
                value = writer.inline(member.value)
            }
            guard let value else { return nil }
            parts.append((indent ?? "") + writer.key(member.key, inFlow: true) + writer.keySeparator + value)
        }
        return parts.joined(separator: indent == nil ? writer.itemSeparator : "," + writer.newline)
    }

    // MARK: Remove an entry

    func removeEntry(at index: Int, of object: Node) -> RawEdit? {
        guard let entries = object.entries, entries.indices.contains(index) else { return nil }
        let entry = entries[index]
        if isFlow(object) {
            if index + 1 < entries.count {
                return RawEdit(range: ByteRange(start: entry.key.range.start, end: entries[index + 1].key.range.start), text: "")
            }
            if index > 0 {
                return RawEdit(range: ByteRange(start: entries[index - 1].value.range.end, end: entry.value.range.end), text: "")
            }
            // The only entry: the object becomes empty, on the lines it had.
            var start = entry.key.range.start
            while start > object.range.start + 1 && layout.isBlank(layout.bytes[start - 1]) { start -= 1 }
            return RawEdit(range: ByteRange(start: start, end: entry.value.range.end), text: "")
        }
        // A block mapping loses the entry's lines; an entry sharing its line with a `- ` or
        // another key, or a mapping left empty, is not a mechanical edit.
        guard entries.count > 1, layout.startsLine(entry.key.range.start),
            layout.endsLine(entry.value.range.end, commentsAllowed: true)
        else { return nil }
        let start = layout.lineStart(of: entry.key.range.start)
        let end = layout.nextLineStart(after: entry.value.range.end)
        if end == layout.lineEnd(of: entry.value.range.end) {
            // The last line of a file without a final line break: the break before it goes.
            return RawEdit(range: ByteRange(start: layout.lineBreakStart(before: start), end: end), text: "")
        }
        return RawEdit(range: ByteRange(start: start, end: end), text: "")
    }

    // MARK: Insert elements

    func insertElements(_ values: [FixValue], at index: Int, into array: Node) -> RawEdit? {
        guard let elements = array.elements, index >= 0, index <= elements.count, !values.isEmpty else { return nil }
        if isFlow(array) { return insertFlowElements(values, at: index, into: array, elements: elements) }
        guard let first = elements.first else { return nil }
        // The dash of a block sequence item is not a node: the sequence's range starts at the first.
        let dashIndent = layout.indentation(at: array.range.start)
        let writer = writer(near: array.range.start)
        var items: [String] = []
        for value in values {
            let style: ScalarStyle?
            if case .string(_, let written) = first.kind { style = written } else { style = nil }
            guard let item = value.isScalar && style != nil
                ? writer.scalar(value, inFlow: false, style: style).map({ dashIndent + "- " + $0 })
                : writer.blockSequenceItem(value, dashIndent: dashIndent)
            else { return nil }
            items.append(item)
        }
        let lines = items.joined(separator: writer.newline)
        if index == elements.count, let last = elements.last {
            guard !keepsTrailingLines(last) else { return nil }
            return insertLines(lines, after: last.range.end, newline: writer.newline)
        }
        // The new items go on their own lines before the item now at `index`, whose dash must
        // start its line.
        guard let dash = index == 0 ? array.range.start : dashOffset(before: elements[index]), layout.startsLine(dash),
            first.range.start > array.range.start
        else { return nil }
        return RawEdit(range: .point(layout.lineStart(of: dash)), text: lines + writer.newline)
    }

    /// The offset of the `-` that introduces a block sequence item, if it is on the item's line.
    func dashOffset(before element: Node) -> Int? {
        var index = element.range.start - 1
        while index >= 0 && layout.isBlank(layout.bytes[index]) { index -= 1 }
        return index >= 0 && layout.bytes[index] == UInt8(ascii: "-") ? index : nil
    }

    func insertFlowElements(_ values: [FixValue], at index: Int, into array: Node, elements: [Node]) -> RawEdit? {
        let writer = writer(near: array.range.start)
        guard !elements.isEmpty else {
            var parts: [String] = []
            for value in values {
                guard let text = writer.inline(value) else { return nil }
                parts.append(text)
            }
            return RawEdit(range: .point(array.range.start + 1), text: parts.joined(separator: writer.itemSeparator))
        }
        let multiline = !layout.sameLine(array.range.start, elements[0].range.start)
            || (elements.count >= 2 && !layout.sameLine(elements[0].range.end, elements[1].range.start))
        let anchor = elements[min(index, elements.count - 1)]
        let indent = layout.indentation(at: anchor.range.start)
        let separator: String
        let fallback = isCompact(array) ? "," : ", "
        if multiline {
            separator = "," + writer.newline + indent
        } else if elements.count >= 2 {
            separator = self.separator(between: elements[0].range.end, and: elements[1].range.start, fallback: fallback)
        } else {
            separator = fallback
        }
        var parts: [String] = []
        for value in values {
            let text: String?
            if case .string(_, let style) = anchor.kind, syntax == .yaml, value.isScalar {
                // A string among strings is quoted as they are.
                text = writer.scalar(value, inFlow: true, style: style)
            } else {
                text = multiline && syntax == .json ? writer.multilineJSON(value, indent: indent) : writer.inline(value)
            }
            guard let text else { return nil }
            parts.append(text)
        }
        let text = parts.joined(separator: separator)
        if index == elements.count, let last = elements.last {
            return RawEdit(range: .point(last.range.end), text: separator + text)
        }
        return RawEdit(range: .point(elements[index].range.start), text: text + separator)
    }

    // MARK: Text inside a string

    func replaceInString(_ node: Node, _ text: String, with replacement: String) -> [RawEdit]? {
        guard let value = ObjectReader.unwrapCoreTag(node).string, !text.isEmpty else { return nil }
        let wanted = value.split(separator: text, omittingEmptySubsequences: false).count - 1
        let source = layout.bytes[node.range.start..<min(node.range.end, layout.bytes.count)]
        let needle = Array(text.utf8)
        var found: [ByteRange] = []
        var index = source.startIndex
        while index + needle.count <= source.endIndex {
            if source[index..<(index + needle.count)].elementsEqual(needle) {
                found.append(ByteRange(start: index, end: index + needle.count))
                index += needle.count
            } else {
                index += 1
            }
        }
        guard wanted > 0, found.count == wanted else { return nil }
        return found.map { RawEdit(range: $0, text: replacement) }
    }

    // MARK: Comments

    func removeComment(_ range: ByteRange) -> RawEdit? {
        guard range.start < layout.bytes.count, layout.bytes[range.start] == UInt8(ascii: "#") else { return nil }
        if layout.startsLine(range.start) {
            let start = layout.lineStart(of: range.start)
            let end = layout.nextLineStart(after: range.start)
            if end == layout.lineEnd(of: range.start), start > layout.textStart {
                // The last line, without a final line break: the break before it goes instead.
                return RawEdit(range: ByteRange(start: layout.lineBreakStart(before: start), end: end), text: "")
            }
            return RawEdit(range: ByteRange(start: start, end: end), text: "")
        }
        var start = range.start
        while start > 0 && layout.isBlank(layout.bytes[start - 1]) { start -= 1 }
        return RawEdit(range: ByteRange(start: start, end: layout.lineEnd(of: range.start)), text: "")
    }
}
