import Foundation

/// Where the `rules.d` shipped with ecslint lives: next to the executable's package checkout.
public enum ShippedRules {
    /// The package's `rules.d`, found from this source file's location at build time, or from
    /// `ECSLINT_RULES_D` when set (installed copies).
    public static func directories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let override = environment["ECSLINT_RULES_D"] { return override.isEmpty ? [] : [override] }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directory = packageRoot.appendingPathComponent("rules.d").path
        return FileManager.default.fileExists(atPath: directory) ? [directory] : []
    }
}
