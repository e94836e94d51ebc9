import LinterCore

/// A unified diff (`diff -u`, three lines of context) between two versions of a file, for
/// `--diff`. Lines are compared with Myers' algorithm, whose cost grows with the number of
/// changed lines, not with the file: fixes change a few lines of files that may be megabytes.
public struct UnifiedDiff: Sendable {
    public var oldLabel: String
    public var newLabel: String
    /// Byte ranges of secret values in each version, shown as `********`.
    public var oldSecrets: [ByteRange] = []
    public var newSecrets: [ByteRange] = []

    public init(oldLabel: String, newLabel: String) {
        self.oldLabel = oldLabel
        self.newLabel = newLabel
    }

    static let context = 3

    /// A line: its bytes without the break, where it starts, and whether a break ends it.
    struct Line {
        var start: Int
        var end: Int
        var hasBreak: Bool
    }

    static func lines(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                var end = index
                if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                lines.append(Line(start: start, end: end, hasBreak: true))
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(Line(start: start, end: bytes.count, hasBreak: false)) }
        return lines
    }

    /// The diff, empty when the versions are equal.
    public func render(old: [UInt8], new: [UInt8]) -> String {
        guard old != new else { return "" }
        let oldLines = UnifiedDiff.lines(old)
        let newLines = UnifiedDiff.lines(new)
        func content(_ bytes: [UInt8], _ line: Line) -> ArraySlice<UInt8> { bytes[line.start..<line.end] }
        func same(_ a: Int, _ b: Int) -> Bool {
            oldLines[a].hasBreak == newLines[b].hasBreak && content(old, oldLines[a]) == content(new, newLines[b])
        }
        let script = UnifiedDiff.editScript(oldLines.count, newLines.count, same)
        var output = "--- a/\(oldLabel)\n+++ b/\(newLabel)\n"
        for hunk in UnifiedDiff.hunks(script, oldCount: oldLines.count, newCount: newLines.count) {
            let oldLength = hunk.filter { $0.kind != .insert }.count
            let newLength = hunk.filter { $0.kind != .delete }.count
            let oldStart = (hunk.first?.old ?? 0) + (oldLength == 0 ? 0 : 1)
            let newStart = (hunk.first?.new ?? 0) + (newLength == 0 ? 0 : 1)
            output += "@@ -\(oldStart),\(oldLength) +\(newStart),\(newLength) @@\n"
            for step in hunk {
                switch step.kind {
                case .keep: output += " " + text(old, oldLines[step.old], secrets: oldSecrets)
                case .delete: output += "-" + text(old, oldLines[step.old], secrets: oldSecrets)
                case .insert: output += "+" + text(new, newLines[step.new], secrets: newSecrets)
                }
            }
        }
        return output
    }

    /// A line for the diff, secrets masked, with the marker for a missing final line break.
    func text(_ bytes: [UInt8], _ line: Line, secrets: [ByteRange]) -> String {
        var shown: [UInt8] = []
        var index = line.start
        while index < line.end {
            if let secret = secrets.first(where: { $0.contains(index) }) {
                shown += Array("********".utf8)
                index = max(secret.end, index + 1)
                continue
            }
            shown.append(bytes[index])
            index += 1
        }
        return String(decoding: shown, as: UTF8.self) + (line.hasBreak ? "\n" : "\n\\ No newline at end of file\n")
    }

    enum Kind { case keep, delete, insert }

    struct Step {
        var kind: Kind
        /// Indices of the line in the old and new version (for an insert, `old` is where it goes).
        var old: Int
        var new: Int
    }

    /// The shortest edit script turning `n` old lines into `m` new ones (Myers 1986).
    static func editScript(_ n: Int, _ m: Int, _ same: (Int, Int) -> Bool) -> [Step] {
        let offset = n + m + 1
        var frontier = [Int](repeating: 0, count: 2 * offset + 1)
        var trace: [[Int]] = []
        search: for d in 0...(n + m) {
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                    x = frontier[offset + k + 1]
                } else {
                    x = frontier[offset + k - 1] + 1
                }
                var y = x - k
                while x < n && y < m && same(x, y) {
                    x += 1
                    y += 1
                }
                frontier[offset + k] = x
                if x >= n && y >= m { break search }
            }
        }
        // Walk back through the frontiers to recover the path.
        var steps: [Step] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let previous = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && previous[offset + k - 1] < previous[offset + k + 1])) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : previous[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1
                y -= 1
                steps.append(Step(kind: .keep, old: x, new: y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    steps.append(Step(kind: .insert, old: x, new: y))
                } else {
                    x -= 1
                    steps.append(Step(kind: .delete, old: x, new: y))
                }
            }
        }
        return steps.reversed()
    }

    /// The changes with their context, grouped into hunks.
    static func hunks(_ script: [Step], oldCount: Int, newCount: Int) -> [[Step]] {
        let changed = script.indices.filter { script[$0].kind != .keep }
        guard let first = changed.first else { return [] }
        var hunks: [[Step]] = []
        var start = max(0, first - context)
        var end = first
        for index in changed.dropFirst() {
            if index - end > 2 * context {
                hunks.append(Array(script[start...min(script.count - 1, end + context)]))
                start = index - context
            }
            end = index
        }
        hunks.append(Array(script[start...min(script.count - 1, end + context)]))
        return hunks
    }
}
