import Linter
import LinterCore

/// A tiny hand-written argument reader: `--flag`, `--option value`, `--option=value`, positionals.
public struct ArgumentScanner: Sendable {
    public struct UsageError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
        public init(_ message: String) { self.message = message }
    }

    private var remaining: [String]
    public private(set) var positionals: [String] = []

    public init(_ arguments: [String]) {
        remaining = arguments
    }

    public var isEmpty: Bool { remaining.isEmpty }

    /// Takes the next raw argument, or nil at the end.
    public mutating func next() -> String? {
        remaining.isEmpty ? nil : remaining.removeFirst()
    }

    /// Splits `--name=value` into its parts.
    public static func split(_ argument: String) -> (name: String, inlineValue: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// The value of an option, from `--name=value` or the following argument.
    public mutating func value(for name: String, inline: String?) throws(UsageError) -> String {
        if let inline { return inline }
        guard let value = next() else { throw UsageError("option \(name) needs a value") }
        return value
    }
}
