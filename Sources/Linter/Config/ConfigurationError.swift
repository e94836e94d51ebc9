import LinterCore

/// A problem in `.ecslint.json` (or a rules.d file): positioned, with a suggestion when one helps.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var position: SourcePosition?
    public var message: String

    public init(path: String, position: SourcePosition?, message: String) {
        self.path = path
        self.position = position
        self.message = message
    }

    public init(file: SourceFile, offset: Int, message: String) {
        self.init(path: file.path, position: file.position(of: offset), message: message)
    }

    public var description: String {
        if let position { return "\(path):\(position.line):\(position.column): error: \(message)" }
        return "\(path): error: \(message)"
    }
}
