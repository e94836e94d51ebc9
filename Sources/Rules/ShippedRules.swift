#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter

/// Where the `rules.d` shipped with ecslint lives: next to the executable's package checkout.
public enum ShippedRules {
    /// The package's `rules.d`, found from this source file's location at build time, or from
    /// `ECSLINT_RULES_D` when set (installed copies).
    public static func directories(environment: [String: String] = EnvironmentVariables.current()) -> [String] {
        if let override = environment[EnvironmentVariables.shippedRulesDirectory] { return override.isEmpty ? [] : [override] }
        // Three components up from Sources/Rules/ShippedRules.swift, cut on the text: Foundation's
        // URL took a visible share of start-up for it.
        var packageRoot = Substring(#filePath)
        for _ in 0..<3 {
            guard let slash = packageRoot.lastIndex(of: "/") else { return [] }
            packageRoot = packageRoot[..<slash]
        }
        let directory = String(packageRoot) + "/rules.d"
        return FileSystem.exists(atPath: directory) ? [directory] : []
    }
}
