import LinterCore

/// Rewrites the absolute paths of linted files that appear in finding messages as paths relative
/// to the project root, so that no message shows where a machine keeps the checkout.
///
/// Rules name a resource by its file when nothing else names it (an ecspresso service definition
/// without `serviceName`); the model knows files by absolute path, and only the engine knows the
/// root that reports are relative to.
struct MessagePaths: Sendable {
    /// Absolute path → what messages show instead, longest first so that a path is never
    /// rewritten through a shorter one that prefixes it.
    private let replacements: [(absolute: String, shown: String)]
    private let rootPrefix: String

    init(root: String, paths: some Sequence<String>) {
        let normalizedRoot = FilePath.normalize(root)
        rootPrefix = normalizedRoot == "/" ? "/" : normalizedRoot + "/"
        var replacements: [(String, String)] = []
        for path in paths where path.hasPrefix("/") && !path.hasPrefix(rootPrefix) {
            replacements.append((path, FilePath.relative(path, to: normalizedRoot)))
        }
        self.replacements = replacements.sorted { $0.0.utf8.count > $1.0.utf8.count }
    }

    func relativize(_ message: String) -> String {
        guard ByteSearch.contains(message, "/") else { return message }
        var text = message
        for (absolute, shown) in replacements where ByteSearch.contains(text, absolute) {
            text = text.replacing(absolute, with: shown)
        }
        if ByteSearch.contains(text, rootPrefix), rootPrefix != "/" {
            text = text.replacing(rootPrefix, with: "")
        }
        return text
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
