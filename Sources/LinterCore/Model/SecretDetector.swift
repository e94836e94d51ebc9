/// What counts as a plaintext credential in a container's `environment`. The rule
/// `secret-in-environment` reports them, and every report masks them in code frames whether
/// that rule runs or not.
public enum SecretDetector {
    public enum Kind: Sendable, Equatable { case accessKey, urlCredentials, sensitiveName }

    static let sensitiveWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY"]
    static let exactNames: Set<String> = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"]
    /// Name endings that describe where a secret is, or a property of it, not the secret itself.
    static let referenceSuffixes = [
        "_ARN", "_NAME", "_FILE", "_PATH", "_URL", "_URI", "_ENDPOINT", "_REGION", "_TTL", "_TTL_SECONDS",
        "_EXPIRY", "_EXPIRATION", "_LENGTH", "_HEADER", "_TYPE", "_ID", "_PARAMETER", "_PARAM", "_KEY_ID", "_ENABLED",
        "_DIR", "_LOCATION", "_VERSION", "_SECONDS", "_TIMEOUT", "_MODE", "_ALGORITHM", "_FIELD", "_PREFIX", "_STAGE",
    ]

    public static func classify(name: String?, value: String) -> Kind? {
        let trimmed = value.trimmingWhitespaceAndNewlines
        guard !trimmed.isEmpty else { return nil }
        if containsAccessKeyId(trimmed) { return .accessKey }
        if hasURLCredentials(trimmed) { return .urlCredentials }
        guard let name, isSensitiveName(name), !looksLikeReference(trimmed) else { return nil }
        return .sensitiveName
    }

    /// A variable name that says it holds a secret (`DB_PASSWORD`), not where one is (`DB_PASSWORD_ARN`).
    public static func isSensitiveName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return exactNames.contains(upper)
            || (sensitiveWords.contains { ByteSearch.contains(upper, $0) } && !referenceSuffixes.contains { upper.hasSuffix($0) })
    }

    /// ARNs, paths, numbers, booleans and shell-style variable references.
    static func looksLikeReference(_ value: String) -> Bool {
        let lower = value.lowercased()
        if lower.hasPrefix("arn:") || lower.hasPrefix("/") || lower.hasPrefix("$") { return true }
        if lower.hasPrefix("ssm:") || lower.hasPrefix("secretsmanager:") { return true }
        if Double(value) != nil { return true }
        return ["true", "false", "yes", "no", "on", "off", "none", "null", "enabled", "disabled"].contains(lower)
    }

    /// `AKIA` followed by 16 upper-case letters or digits.
    public static func containsAccessKeyId(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            var start = 0
            while start + 20 <= bytes.count {
                if bytes[start] == 0x41, bytes[start + 1] == 0x4B, bytes[start + 2] == 0x49, bytes[start + 3] == 0x41,
                    bytes[start + 4..<start + 20].allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) })
                {
                    return true
                }
                start += 1
            }
            return false
        }
    }

    /// `scheme://user:password@host` with a literal password.
    public static func hasURLCredentials(_ value: String) -> Bool {
        guard ByteSearch.contains(value, "://") else { return false }
        var searchStart = value.startIndex
        while let separator = value[searchStart...].firstRange(of: "://") {
            searchStart = separator.upperBound
            let scheme = value[value.startIndex..<separator.lowerBound].reversed().prefix {
                $0.isLetter || $0.isNumber || $0 == "+" || $0 == "." || $0 == "-"
            }
            guard !scheme.isEmpty else { continue }
            let rest = value[separator.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || $0.isWhitespace } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            guard let at = authority.lastIndex(of: "@") else { continue }
            let userInfo = authority[..<at]
            guard let colon = userInfo.firstIndex(of: ":") else { continue }
            let password = userInfo[userInfo.index(after: colon)...]
            guard !password.isEmpty else { continue }
            if password.hasPrefix("$") || password.hasPrefix("{") || password.hasPrefix("<") || password.hasPrefix("%") {
                continue
            }
            if password.allSatisfy({ $0 == "*" || $0 == "x" || $0 == "X" }) { continue }
            return true
        }
        return false
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SecretDetector {
    /// Where the project's files hold secret values: plaintext credentials in `environment`, the
    /// defaults of `NoEcho` CloudFormation parameters, and the defaults of parameters that set a
    /// secret-like variable. Reports never show the text at these places, in any code frame.
    public static func secretLocations(in project: ProjectModel) -> [Location] {
        var locations: [Location] = []
        var parametersBySecret: [String: Set<String>] = [:]
        for taskDefinition in project.taskDefinitions {
            for container in taskDefinition.containers {
                for variable in container.environment {
                    if let value = variable.value.value, classify(name: variable.name.value, value: value) != nil {
                        locations.append(variable.value.location)
                    } else if variable.value.isUnresolved, let node = variable.value.node,
                        let name = variable.name.value, isSensitiveName(name),
                        let parameter = Intrinsic(node)?.wholeReference
                    {
                        parametersBySecret[variable.value.location.path, default: []].insert(parameter)
                    }
                }
            }
        }
        for document in project.documents where document.kind == .cloudFormation {
            for entry in document.root["Parameters"]?.entries ?? [] {
                guard let name = entry.name, let defaultValue = entry.value["Default"] else { continue }
                let noEcho = entry.value["NoEcho"].flatMap(ObjectReader.boolValue) == true
                if noEcho || parametersBySecret[document.path]?.contains(name) == true {
                    locations.append(Location(path: document.path, range: defaultValue.range))
                }
            }
        }
        return locations
    }
}
