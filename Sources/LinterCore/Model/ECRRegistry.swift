/// The account and region a repository or lifecycle policy belongs to, when its input says so
/// (`registryId`, `repositoryUri`, `repositoryArn`; Terraform `registry_id`, `repository_url`,
/// `arn`). A CloudFormation repository has none: it lives in whatever account deploys the stack.
public struct ECRRegistry: Sendable, Hashable, CustomStringConvertible {
    /// The 12-digit account id.
    public var accountId: String?
    public var region: String?

    public init(accountId: String?, region: String?) {
        self.accountId = accountId
        self.region = region
    }

    /// Reads the registry from the fields that name it; nil when none does.
    static func from(registryId: String?, uri: String?, arn: String?) -> ECRRegistry? {
        var registry = ECRRegistry(accountId: nil, region: nil)
        if let uri, case .success(let reference) = ImageReference.parse(uri), let location = reference.ecr {
            registry.accountId = location.accountId
            registry.region = location.region
        } else if let arn {
            // arn:<partition>:ecr:<region>:<account>:repository/<name>
            let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            if fields.count == 6, fields[0] == "arn", fields[2] == "ecr" {
                if !fields[3].isEmpty { registry.region = String(fields[3]) }
                if !fields[4].isEmpty { registry.accountId = String(fields[4]) }
            }
        }
        if let registryId, !registryId.isEmpty { registry.accountId = registryId }
        return registry.accountId == nil && registry.region == nil ? nil : registry
    }

    /// Whether an image pulled from `location` cannot be in this registry: another account or
    /// another region (docs/aws-semantics.md §2.3, §4.2).
    public func excludes(_ location: ECRLocation) -> Bool {
        if let accountId, accountId != location.accountId { return true }
        if let region, region != location.region { return true }
        return false
    }

    /// "account 123456789012 in us-east-1", as far as it is known.
    public var description: String {
        switch (accountId, region) {
        case (let account?, let region?): return "account \(account) in \(region)"
        case (let account?, nil): return "account \(account)"
        case (nil, let region?): return "region \(region)"
        case (nil, nil): return "an unknown registry"
        }
    }
}
