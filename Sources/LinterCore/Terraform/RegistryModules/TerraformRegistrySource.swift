/// A `module` block's `source` that names a registry module (`terraform-aws-modules/ecs/aws`,
/// with an optional `registry.terraform.io/` host and `//modules/service` subdirectory), or the
/// same module's GitHub repository (`github.com/terraform-aws-modules/terraform-aws-ecs//modules/service?ref=v5.12.0`,
/// `git::https://…`), with the version its `version` argument or `ref` allows.
struct TerraformRegistrySource: Sendable, Hashable {
    /// `NAMESPACE/NAME/PROVIDER`, lowercased.
    var module: String
    /// `modules/service`, or `""` for the module's root.
    var subdirectory: String
    /// The `version` constraint or the git `ref`, as written.
    var versionConstraint: String?

    init(module: String, subdirectory: String, versionConstraint: String?) {
        self.module = module
        self.subdirectory = subdirectory
        self.versionConstraint = versionConstraint
    }

    /// Nil for local paths and sources of any other shape.
    init?(source: String, version: String?) {
        var text = source.trimmingWhitespace
        guard !text.hasPrefix("./"), !text.hasPrefix("../"), !text.hasPrefix("/") else { return nil }
        var ref: String?
        if let query = text.firstIndex(of: "?") {
            for pair in text[text.index(after: query)...].split(separator: "&") where pair.hasPrefix("ref=") {
                ref = String(pair.dropFirst(4))
            }
            text = String(text[..<query])
        }
        if text.hasPrefix("git::") { text = String(text.dropFirst(5)) }
        for prefix in ["https://", "http://", "ssh://", "git@"] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        var subdirectory = ""
        if let range = text.firstRange(of: "//") {
            subdirectory = String(text[range.upperBound...])
            text = String(text[..<range.lowerBound])
        }
        if text.hasSuffix(".git") { text = String(text.dropLast(4)) }
        let parts = text.lowercased().split(whereSeparator: { $0 == "/" || $0 == ":" }).map(String.init)
        let module: String
        if parts.count == 3, parts[0] == "github.com" {
            // The repository terraform-aws-modules/terraform-aws-ecs is terraform-aws-modules/ecs/aws.
            let repository = parts[2].split(separator: "-", maxSplits: 2).map(String.init)
            guard repository.count == 3, repository[0] == "terraform" else { return nil }
            module = parts[1] + "/" + repository[2] + "/" + repository[1]
        } else if parts.count == 4, parts[0] == "registry.terraform.io" {
            module = parts[1...].joined(separator: "/")
        } else if parts.count == 3, !parts[0].contains(".") {
            module = parts.joined(separator: "/")
        } else {
            return nil
        }
        while subdirectory.hasPrefix("/") { subdirectory.removeFirst() }
        while subdirectory.hasSuffix("/") { subdirectory.removeLast() }
        self.init(module: module, subdirectory: subdirectory, versionConstraint: version ?? ref)
    }

    /// The source as messages name it: `terraform-aws-modules/ecs/aws//modules/service`.
    var displayName: String { subdirectory.isEmpty ? module : module + "//" + subdirectory }

    /// The one major version the constraint allows, when it allows only one: `~> 5.0`, `5.12.1`,
    /// `v6.0.0`, `>= 5.0, < 6.0`. Nil when it allows several or none is given.
    var majorVersion: Int? {
        guard let constraint = versionConstraint else { return nil }
        var lowest: Int?
        var highest: Int?
        for clause in constraint.split(separator: ",") {
            var text = String(clause).trimmingWhitespace
            var operation = ""
            for candidate in ["~>", ">=", "<=", "!=", ">", "<", "="] where text.hasPrefix(candidate) {
                operation = candidate
                text = String(text.dropFirst(candidate.count)).trimmingWhitespace
                break
            }
            if text.hasPrefix("v") { text = String(text.dropFirst()) }
            let numbers = text.split(separator: ".").map { Int($0.prefix { $0.isNumber }) }
            guard let major = numbers.first ?? nil else { continue }
            let rest = numbers.dropFirst().compactMap { $0 }
            switch operation {
            case "", "=":
                lowest = max(lowest ?? major, major)
                highest = min(highest ?? major, major)
            case "~>":
                lowest = max(lowest ?? major, major)
                // `~> 5.1` stays below 6; `~> 5` lets the major grow.
                if numbers.count > 1 { highest = min(highest ?? major, major) }
            case ">=", ">":
                lowest = max(lowest ?? major, major)
            case "<":
                let bound = rest.allSatisfy { $0 == 0 } ? major - 1 : major
                highest = min(highest ?? bound, bound)
            case "<=":
                highest = min(highest ?? major, major)
            default:
                continue
            }
        }
        guard let lowest, lowest == highest else { return nil }
        return lowest
    }
}
