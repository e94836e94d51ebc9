import LinterCore

/// Root-relative paths, as findings and reports show them, made once per path: findings repeat
/// the same few paths.
struct RelativePaths: Sendable {
    let root: String
    private let known: [String: String]

    init(root: String, paths: some Sequence<String>) {
        self.root = root
        var known: [String: String] = [:]
        for path in paths { known[path] = RelativePaths.relative(path, to: root) }
        self.known = known
    }

    func relative(_ path: String) -> String { known[path] ?? RelativePaths.relative(path, to: root) }

    static func relative(_ path: String, to root: String) -> String {
        path.hasPrefix("/") ? FilePath.relative(path, to: root) : path
    }
}
