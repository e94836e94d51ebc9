@testable import LinterCore
@testable import Linter
import Testing

/// A `module` block's `source` and `version` name a registry module and, when the constraint
/// allows only one, its major version (which tells terraform-aws-modules/ecs 5 from 6).
@Suite("Terraform registry sources")
struct TerraformRegistrySourceTests {
    static func parse(_ source: String, version: String?) -> String? {
        guard let parsed = TerraformRegistrySource(source: source, version: version) else { return nil }
        return parsed.displayName + " " + (parsed.majorVersion.map(String.init) ?? "-")
    }

    @Test("registry addresses, hosts, subdirectories and GitHub sources")
    func sources() {
        #expect(Self.parse("terraform-aws-modules/ecs/aws//modules/service", version: "~> 5.0") == "terraform-aws-modules/ecs/aws//modules/service 5")
        #expect(Self.parse("registry.terraform.io/cloudposse/ecr/aws", version: ">= 0.40, < 1.0") == "cloudposse/ecr/aws 0")
        #expect(Self.parse("git::https://github.com/terraform-aws-modules/terraform-aws-ecs.git//modules/service?ref=v6.1.0", version: nil)
            == "terraform-aws-modules/ecs/aws//modules/service 6")
        #expect(Self.parse("github.com/cloudposse/terraform-aws-ecs-container-definition?ref=0.61.2", version: nil)
            == "cloudposse/ecs-container-definition/aws 0")
        #expect(Self.parse("./modules/service", version: nil) == nil)
        #expect(Self.parse("s3::https://bucket/module.zip", version: nil) == nil)
    }

    @Test("a constraint decides the major version only when it allows one")
    func majorVersions() {
        #expect(Self.parse("terraform-aws-modules/ecs/aws", version: "5.12.1") == "terraform-aws-modules/ecs/aws 5")
        #expect(Self.parse("terraform-aws-modules/ecs/aws", version: "~> 6.0") == "terraform-aws-modules/ecs/aws 6")
        #expect(Self.parse("terraform-aws-modules/ecs/aws", version: ">= 5.0") == "terraform-aws-modules/ecs/aws -")
        #expect(Self.parse("terraform-aws-modules/ecs/aws", version: "~> 5") == "terraform-aws-modules/ecs/aws -")
        #expect(Self.parse("terraform-aws-modules/ecs/aws", version: nil) == "terraform-aws-modules/ecs/aws -")
    }
}
