#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few environment variables ecslint reads, looked up one by one.
///
/// `ProcessInfo.processInfo.environment` decodes every variable of the process into a dictionary:
/// about a million instructions, a tenth of linting one task definition, to read two names.
public enum EnvironmentVariables {
    /// No colour on a terminal when set.
    public static let noColor = "NO_COLOR"
    /// Where an installed copy's shipped rules are.
    public static let shippedRulesDirectory = "ECSLINT_RULES_D"

    /// Every variable ecslint reads: a name read elsewhere but missing here would always read as
    /// unset, so readers use the constants above.
    public static let names = [noColor, shippedRulesDirectory]

    /// Those of `names` that are set, with their values.
    public static func current(reading value: (String) -> String? = processValue) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let found = value(name) { values[name] = found }
        }
        return values
    }

    /// One variable of this process.
    public static func processValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
