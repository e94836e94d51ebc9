import Testing
@testable import LinterCore
@testable import Linter

private let hex64 = String(repeating: "a1b2c3d4", count: 8)
private let hex128 = String(repeating: "0f", count: 64)
private let d256 = "sha256:" + hex64

struct ECRExpectation: Sendable, Hashable {
    var account: String
    var region: String
    var repo: String
    var fips = false
    var dualStack = false
    var suffix = "amazonaws.com"
    var partition: String? = "aws"
}

struct RefCase: Sendable, CustomTestStringConvertible {
    var input: String
    var registry = ""
    var repository = ""
    var tag: String? = nil
    var digest: String? = nil
    var effectiveTag: String? = nil
    var ecr: ECRExpectation? = nil
    var isPublic = false
    var error: ImageReferenceError.Kind? = nil
    var errorOffset = 0
    var testDescription: String { input.isEmpty ? "<empty>" : String(input.prefix(90)) }

    static func ok(_ input: String, _ registry: String, _ repository: String, tag: String? = nil, digest: String? = nil,
                   effective: String? = "latest", ecr: ECRExpectation? = nil, isPublic: Bool = false) -> RefCase {
        RefCase(input: input, registry: registry, repository: repository, tag: tag, digest: digest,
                effectiveTag: effective, ecr: ecr, isPublic: isPublic)
    }

    static func bad(_ input: String, _ kind: ImageReferenceError.Kind, at offset: Int) -> RefCase {
        RefCase(input: input, error: kind, errorOffset: offset)
    }
}

private let acct = "123456789012"

@Suite("Image references (docs/aws-semantics.md §4)")
struct ImageReferenceTests {
    static let valid: [RefCase] = [
        // Docker Hub short names and library/ forms.
        .ok("nginx", "docker.io", "library/nginx"),
        .ok("nginx:1.25", "docker.io", "library/nginx", tag: "1.25", effective: "1.25"),
        .ok("library/nginx:1.25", "docker.io", "library/nginx", tag: "1.25", effective: "1.25"),
        .ok("docker.io/nginx", "docker.io", "library/nginx"),
        .ok("docker.io/library/nginx:stable", "docker.io", "library/nginx", tag: "stable", effective: "stable"),
        .ok("index.docker.io/library/nginx", "docker.io", "library/nginx"),
        .ok("bitnami/redis:7.2", "docker.io", "bitnami/redis", tag: "7.2", effective: "7.2"),
        .ok("team/my--app_v2.x__y", "docker.io", "team/my--app_v2.x__y"),
        .ok("nginx:_internal", "docker.io", "library/nginx", tag: "_internal", effective: "_internal"),
        .ok("nginx:" + String(repeating: "t", count: 128), "docker.io", "library/nginx",
            tag: String(repeating: "t", count: 128), effective: String(repeating: "t", count: 128)),
        .ok("MyRegistry/app", "MyRegistry", "app"),  // upper case makes the first component a domain
        // Registries with ports, localhost, IPs.
        .ok("myhost:5000/app:1", "myhost:5000", "app", tag: "1", effective: "1"),
        .ok("myhost:5000", "docker.io", "library/myhost", tag: "5000", effective: "5000"),
        .ok("localhost/app", "localhost", "app"),
        .ok("localhost:5000/app", "localhost:5000", "app"),
        .ok("localhost:5000/team/app:v2", "localhost:5000", "team/app", tag: "v2", effective: "v2"),
        .ok("127.0.0.1:5000/app", "127.0.0.1:5000", "app"),
        .ok("[::1]:5000/app:1", "[::1]:5000", "app", tag: "1", effective: "1"),
        .ok("ghcr.io/org/app:sha-abc", "ghcr.io", "org/app", tag: "sha-abc", effective: "sha-abc"),
        .ok("quay.io/coreos/etcd:v3.5.0", "quay.io", "coreos/etcd", tag: "v3.5.0", effective: "v3.5.0"),
        .ok("registry.example.com/a/b/c:1.0", "registry.example.com", "a/b/c", tag: "1.0", effective: "1.0"),
        // Digests.
        .ok("nginx@" + d256, "docker.io", "library/nginx", digest: d256, effective: nil),
        .ok("nginx:1.25@" + d256, "docker.io", "library/nginx", tag: "1.25", digest: d256, effective: "1.25"),
        .ok("nginx@sha512:" + hex128, "docker.io", "library/nginx", digest: "sha512:" + hex128, effective: nil),
        .ok("nginx@SHA256:" + hex64.uppercased(), "docker.io", "library/nginx",
            digest: "SHA256:" + hex64.uppercased(), effective: nil),  // unregistered spelling: only >= 32 hex
        // ECR private, every host form.
        .ok("\(acct).dkr.ecr.us-east-1.amazonaws.com/app:v1", "\(acct).dkr.ecr.us-east-1.amazonaws.com", "app",
            tag: "v1", effective: "v1", ecr: ECRExpectation(account: acct, region: "us-east-1", repo: "app")),
        .ok("\(acct).dkr.ecr.eu-west-1.amazonaws.com/team/app", "\(acct).dkr.ecr.eu-west-1.amazonaws.com", "team/app",
            ecr: ECRExpectation(account: acct, region: "eu-west-1", repo: "team/app")),
        .ok("\(acct).dkr.ecr-fips.us-east-1.amazonaws.com/app:v1", "\(acct).dkr.ecr-fips.us-east-1.amazonaws.com", "app",
            tag: "v1", effective: "v1", ecr: ECRExpectation(account: acct, region: "us-east-1", repo: "app", fips: true)),
        .ok("\(acct).dkr.ecr.cn-north-1.amazonaws.com.cn/app:v1", "\(acct).dkr.ecr.cn-north-1.amazonaws.com.cn", "app",
            tag: "v1", effective: "v1",
            ecr: ECRExpectation(account: acct, region: "cn-north-1", repo: "app", suffix: "amazonaws.com.cn", partition: "aws-cn")),
        .ok("\(acct).dkr-ecr.us-east-1.on.aws/app:v1", "\(acct).dkr-ecr.us-east-1.on.aws", "app", tag: "v1", effective: "v1",
            ecr: ECRExpectation(account: acct, region: "us-east-1", repo: "app", dualStack: true, suffix: "on.aws")),
        .ok("\(acct).dkr-ecr-fips.us-east-2.on.aws/app", "\(acct).dkr-ecr-fips.us-east-2.on.aws", "app",
            ecr: ECRExpectation(account: acct, region: "us-east-2", repo: "app", fips: true, dualStack: true, suffix: "on.aws")),
        .ok("\(acct).dkr.ecr.us-gov-west-1.amazonaws.com/app", "\(acct).dkr.ecr.us-gov-west-1.amazonaws.com", "app",
            ecr: ECRExpectation(account: acct, region: "us-gov-west-1", repo: "app", partition: "aws-us-gov")),
        .ok("\(acct).dkr.ecr-fips.us-gov-east-1.amazonaws.com/app", "\(acct).dkr.ecr-fips.us-gov-east-1.amazonaws.com", "app",
            ecr: ECRExpectation(account: acct, region: "us-gov-east-1", repo: "app", fips: true, partition: "aws-us-gov")),
        .ok("\(acct).dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:latest",
            "\(acct).dkr.ecr.us-east-1.amazonaws.com", "docker-hub/library/nginx", tag: "latest", effective: "latest",
            ecr: ECRExpectation(account: acct, region: "us-east-1", repo: "docker-hub/library/nginx")),
        .ok("\(acct).dkr.ecr.us-east-1.amazonaws.com/app@" + d256, "\(acct).dkr.ecr.us-east-1.amazonaws.com", "app",
            digest: d256, effective: nil, ecr: ECRExpectation(account: acct, region: "us-east-1", repo: "app")),
        .ok("\(acct).dkr.ecr.ap-southeast-2.amazonaws.com/app:v9@" + d256, "\(acct).dkr.ecr.ap-southeast-2.amazonaws.com",
            "app", tag: "v9", digest: d256, effective: "v9",
            ecr: ECRExpectation(account: acct, region: "ap-southeast-2", repo: "app")),
        .ok("\(acct).dkr.ecr.us-east-1.amazonaws.com:443/app", "\(acct).dkr.ecr.us-east-1.amazonaws.com:443", "app",
            ecr: ECRExpectation(account: acct, region: "us-east-1", repo: "app")),
        .ok("\(acct).DKR.ECR.US-EAST-1.AMAZONAWS.COM/app", "\(acct).DKR.ECR.US-EAST-1.AMAZONAWS.COM", "app",
            ecr: ECRExpectation(account: acct, region: "us-east-1", repo: "app")),
        // Look-alikes that are not ECR.
        .ok("\(acct).dkr.ecr.us-east-1/app", "\(acct).dkr.ecr.us-east-1", "app"),
        .ok("\(acct).dkr.us-east-1.amazonaws.com/app", "\(acct).dkr.us-east-1.amazonaws.com", "app"),
        .ok("\(acct).dkr-ecr-fips/app", "\(acct).dkr-ecr-fips", "app"),
        .ok("12345678901.dkr.ecr.us-east-1.amazonaws.com/app", "12345678901.dkr.ecr.us-east-1.amazonaws.com", "app"),
        .ok("\(acct).dkr.ecr.us-east-1.amazonaws.org/app", "\(acct).dkr.ecr.us-east-1.amazonaws.org", "app"),
        .ok("\(acct).ecr.us-east-1.amazonaws.com/app", "\(acct).ecr.us-east-1.amazonaws.com", "app"),
        .ok("\(acct).dkr.ecr.us-iso-east-1.c2s.ic.gov/app", "\(acct).dkr.ecr.us-iso-east-1.c2s.ic.gov", "app"),
        // ECR Public.
        .ok("public.ecr.aws/nginx/nginx:latest", "public.ecr.aws", "nginx/nginx", tag: "latest", effective: "latest",
            isPublic: true),
        .ok("public.ecr.aws/docker/library/redis@" + d256, "public.ecr.aws", "docker/library/redis", digest: d256,
            effective: nil, isPublic: true),
    ]

    static let invalid: [RefCase] = [
        .bad("", .empty, at: 0),
        .bad(":tag", .missingName, at: 0),
        .bad("@" + d256, .missingName, at: 0),
        .bad("nginx:", .emptyTag, at: 6),
        .bad("Nginx", .uppercaseRepository, at: 0),
        .bad("library/Nginx:1", .uppercaseRepository, at: 8),
        .bad("myhost:5000/MyApp:1", .uppercaseRepository, at: 12),
        .bad("nginx@sha256:abc", .invalidDigest, at: 13),
        .bad("nginx@sha256:" + String(repeating: "g", count: 64), .invalidDigest, at: 13),
        .bad("nginx@sha256:" + hex64 + "00", .invalidDigest, at: 13),
        .bad("nginx@", .invalidDigest, at: 6),
        .bad("nginx@md5", .invalidDigest, at: 6),
        .bad("nginx@1sha:" + hex64, .invalidDigest, at: 6),
        .bad("nginx@foo:" + String(repeating: "a", count: 31), .invalidDigest, at: 10),
        .bad("nginx@" + d256 + "@x", .invalidDigest, at: 6 + d256.utf8.count),
        .bad("nginx:" + String(repeating: "t", count: 129), .tagTooLong, at: 6),
        .bad("nginx:-bad", .invalidTag, at: 6),
        .bad("nginx:.bad", .invalidTag, at: 6),
        .bad("nginx:v1+x", .invalidTag, at: 8),
        .bad("nginx:1.0:2", .invalidPathComponent, at: 5),
        .bad("team//app", .emptyPathComponent, at: 5),
        .bad("team/app/", .emptyPathComponent, at: 9),
        .bad("app-", .invalidPathComponent, at: 3),
        .bad("-app", .invalidPathComponent, at: 0),
        .bad("a___b", .invalidPathComponent, at: 3),
        .bad("my app", .invalidPathComponent, at: 2),
        .bad("localhost:/app", .invalidPort, at: 10),
        .bad("localhost:50x0/app", .invalidPort, at: 12),
        .bad("exa_mple.com/app", .invalidDomain, at: 3),
        .bad("-bad.com/app", .invalidDomain, at: 0),
        .bad("bad-.com/app", .invalidDomain, at: 3),
        .bad("[::1/app", .invalidDomain, at: 0),
        .bad("r.io/" + String(repeating: "a", count: 251), .nameTooLong, at: 255),
    ]

    @Test("valid references", arguments: valid)
    func parsesValid(_ c: RefCase) throws {
        let ref = try ImageReference.parse(c.input).get()
        #expect(ref.registry == c.registry)
        #expect(ref.repository == c.repository)
        #expect(ref.tag == c.tag)
        #expect(ref.digest == c.digest)
        #expect(ref.effectiveTag == c.effectiveTag)
        #expect(ref.isECRPublic == c.isPublic)
        if let e = c.ecr {
            let ecr = try #require(ref.ecr)
            #expect(ecr.accountId == e.account)
            #expect(ecr.region == e.region)
            #expect(ecr.repositoryName == e.repo)
            #expect(ecr.isFIPS == e.fips)
            #expect(ecr.isDualStack == e.dualStack)
            #expect(ecr.domainSuffix == e.suffix)
            #expect(ecr.partition == e.partition)
        } else {
            #expect(ref.ecr == nil)
        }
    }

    @Test("invalid references", arguments: invalid)
    func rejectsInvalid(_ c: RefCase) {
        switch ImageReference.parse(c.input) {
        case .success(let ref):
            Issue.record("expected \(String(describing: c.error)), parsed \(ref)")
        case .failure(let error):
            #expect(error.kind == c.error)
            #expect(error.offset == c.errorOffset)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("table size")
    func tableSize() {
        #expect(Self.valid.count + Self.invalid.count >= 45)
    }

    @Test("configured ECR suffix (ISO partitions)")
    func configuredSuffix() throws {
        let text = "\(acct).dkr.ecr.us-iso-east-1.c2s.ic.gov/app:v1"
        let ref = try ImageReference.parse(text, additionalECRDomainSuffixes: ["c2s.ic.gov"]).get()
        let ecr = try #require(ref.ecr)
        #expect(ecr.region == "us-iso-east-1")
        #expect(ecr.partition == nil)
        #expect(!ecr.isChina)
    }

    @Test("ECS digest form and canonical description")
    func helpers() throws {
        let pinned = try ImageReference.parse("\(acct).dkr.ecr.us-east-1.amazonaws.com/app@" + d256).get()
        #expect(pinned.hasECSCompatibleDigest)
        let sha512 = try ImageReference.parse("app@sha512:" + hex128).get()
        #expect(!sha512.hasECSCompatibleDigest)
        #expect(try ImageReference.parse("nginx:1").get().description == "docker.io/library/nginx:1")
        let china = try ImageReference.parse("\(acct).dkr.ecr.cn-northwest-1.amazonaws.com.cn/x").get()
        #expect(china.ecr?.isChina == true)
    }
}
