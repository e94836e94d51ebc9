import LinterCore

/// `path:line:col: severity: message [ID name]`, one line per finding, which editors and CI
/// problem matchers parse; optionally followed by a code frame.
public enum TextReporter {
    public static func render(_ context: ReportContext) -> String {
        // Pieces are formatted as UTF-8 bytes, then copied once into a string of exactly their
        // size: growing one String piece by piece costs hundreds of instructions a piece.
        var parts: [[UInt8]] = []
        write(context) { parts.append($0) }
        let length = parts.reduce(0) { $0 + $1.count }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var written = 0
            for part in parts {
                part.withUnsafeBufferPointer { bytes in
                    guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
                    (target + written).initialize(from: source, count: bytes.count)
                    written += bytes.count
                }
            }
            return written
        }
    }

    /// The report in order, in pieces of UTF-8 handed to `emit` as they are formatted.
    ///
    /// Chunks of findings are formatted on the run's threads a few per thread at a time, and
    /// each is emitted and dropped before the next group starts: a report of 70,000 findings is
    /// ~17 MB, and holding it whole, then again as the string written, would put 33 MB on top of
    /// the run's peak of memory.
    public static func write(_ context: ReportContext, to emit: ([UInt8]) -> Void) {
        let findings = context.findings
        let chunks = ParallelMap.chunks(of: findings.count, size: chunkSize)
        let groupSize = context.workers * chunksPerWorker
        for groupStart in stride(from: 0, to: chunks.count, by: groupSize) {
            let group = Array(chunks[groupStart..<min(groupStart + groupSize, chunks.count)])
            for part in ParallelMap.map(group, workers: context.workers, { chunk in render(findings[chunk], context) }) {
                emit(part)
            }
        }
    }

    /// Findings per formatted piece (about 128 KB of text).
    static let chunkSize = 512
    /// Pieces formatted per thread before they are emitted.
    static let chunksPerWorker = 4

    private static func render(_ findings: ArraySlice<Finding>, _ context: ReportContext) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(findings.count * 256)
        func write(_ text: String) { output.append(contentsOf: text.utf8) }
        // Findings come sorted by path: look each display path up once per run of equal paths.
        var lastPath: String?
        var lastDisplayPath = ""
        func writePosition(_ path: String, _ position: SourcePosition) {
            if path != lastPath {
                lastPath = path
                lastDisplayPath = context.displayPath(path)
            }
            write(lastDisplayPath)
            output.append(UInt8(ascii: ":"))
            write(String(position.line))
            output.append(UInt8(ascii: ":"))
            write(String(position.column))
        }
        for finding in findings {
            if context.color { write("\u{1B}[1m") }
            writePosition(finding.path, finding.range.start)
            if context.color { write("\u{1B}[0m") }
            write(": ")
            write(paint(finding.severity.rawValue, color(for: finding.severity), context.color))
            write(": ")
            write(finding.message)
            write(" [")
            write(finding.ruleId)
            output.append(UInt8(ascii: " "))
            write(finding.ruleName)
            write("]\n")
            if context.showSource, let source = context.outcome.sources[finding.path] {
                write(codeFrame(finding.range, source, color: context.color, secrets: context.outcome.secretRanges[finding.path] ?? []))
            }
            for related in finding.related {
                write("  ")
                writePosition(related.path, related.range.start)
                write(": note: ")
                write(related.message)
                output.append(0x0A)
            }
        }
        return output
    }

    static func color(for severity: Severity) -> String {
        switch severity {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .note: return "1;36"
        }
    }

    static func paint(_ text: String, _ code: String, _ enabled: Bool) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Lines longer than this many bytes (minified JSON) are shown as a window around the finding,
    /// so a code frame costs O(window), not O(line), and the report stays small.
    static let maxFrameBytes = 240

    /// What a secret's text is shown as in a code frame: always the same, so not even its length
    /// is told.
    static let secretMask = "********"

    /// The source line with a caret underline under the finding's range (first line only). Long
    /// lines are cut to a window around the finding, with `…` where they were cut. The text of
    /// every range in `secrets` is replaced by `secretMask` (quotes kept), and the underline
    /// follows the text as shown.
    static func codeFrame(_ range: SourceRange, _ source: SourceFile, color: Bool, secrets: [ByteRange] = []) -> String {
        let line = range.start.line
        guard line >= 1 && line <= source.lineCount else { return "" }
        let bytes = source.bytes
        let lineStart = source.lineStart(line)
        let lineEnd = line < source.lineCount ? source.lineStart(line + 1) : bytes.count
        var contentEnd = lineEnd
        while contentEnd > lineStart && (bytes[contentEnd - 1] == 0x0A || bytes[contentEnd - 1] == 0x0D) { contentEnd -= 1 }
        let offset = max(lineStart, min(range.start.offset, contentEnd))
        var first = lineStart
        var last = contentEnd
        if lineEnd - lineStart > maxFrameBytes {
            first = max(lineStart, offset - maxFrameBytes / 4)
            while first > lineStart && bytes[first] & 0xC0 == 0x80 { first -= 1 }  // not inside a UTF-8 sequence
            last = min(contentEnd, first + maxFrameBytes)
            while last < contentEnd && bytes[last] & 0xC0 == 0x80 { last += 1 }
        }
        let shown = MaskedText(bytes, from: first, to: last, secrets: secrets)
        let head = first > lineStart ? "…" : ""
        let tail = last < contentEnd ? "…" : ""
        let text = head + shown.text + tail
        let endOffset = range.end.line == range.start.line ? max(offset, min(range.end.offset, last)) : last
        let startColumn = head.utf16.count + shown.column(at: offset) + 1
        let width = max(1, shown.column(at: endOffset) - shown.column(at: offset))
        let gutter = String(line)
        let padding = String(repeating: " ", count: gutter.count)
        let underline = String(repeating: " ", count: startColumn - 1) + "^" + String(repeating: "~", count: max(0, width - 1))
        return "\(padding) |\n\(gutter) | \(text)\n\(padding) | \(paint(underline, "1;31", color))\n"
    }
}

/// A slice of a line as a code frame shows it: tabs as spaces, secrets masked, with the column
/// (in UTF-16 units of the shown text) of any byte offset in the slice.
struct MaskedText {
    private(set) var text = ""
    private let bytes: [UInt8]
    /// The slice cut at the masks: each segment's byte range, the shown column it starts at, and
    /// whether it is masked.
    private var segments: [(start: Int, end: Int, column: Int, masked: Bool)] = []

    init(_ bytes: [UInt8], from first: Int, to last: Int, secrets: [ByteRange]) {
        self.bytes = bytes
        // The parts of secrets inside the slice (the inner text of a quoted value), in order.
        var masks: [Range<Int>] = []
        for secret in secrets.sorted() where secret.start < last && secret.end > first {
            var start = secret.start
            var end = secret.end
            if end - start >= 2, bytes[start] == bytes[end - 1], bytes[start] == 0x22 || bytes[start] == 0x27 {
                start += 1
                end -= 1
            }
            start = max(start, first, masks.last?.upperBound ?? first)
            end = min(end, last)
            if start < end { masks.append(start..<end) }
        }
        var position = first
        var column = 0
        func append(_ start: Int, _ end: Int, masked: Bool) {
            guard start < end else { return }
            segments.append((start, end, column, masked))
            let piece = masked
                ? TextReporter.secretMask
                : String(decoding: bytes[start..<end], as: UTF8.self).replacing("\t", with: " ")
            text += piece
            column += piece.utf16.count
        }
        for mask in masks {
            append(position, mask.lowerBound, masked: false)
            append(mask.lowerBound, mask.upperBound, masked: true)
            position = mask.upperBound
        }
        append(position, last, masked: false)
    }

    /// The shown column of `offset`: inside a masked run, the run's start; past the slice, its end.
    func column(at offset: Int) -> Int {
        for segment in segments where offset < segment.end {
            if offset <= segment.start || segment.masked { return segment.column }
            return segment.column + SourceFile.utf16Length(bytes, from: segment.start, to: offset)
        }
        return text.utf16.count
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
