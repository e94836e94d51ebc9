import Testing

@testable import LinterCore
@testable import Linter

/// Cross-account and cross-region ECR (docs/aws-semantics.md §2.3, §4.2): a repository's registry is read from
/// its input, and an image whose host names another registry is not matched to it by name.
@Suite("ECR registries")
struct ECRRegistryTests {
    @Test func readsTheRegistryFromItsFields() {
        let uri = ECRRegistry.from(registryId: nil, uri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web", arn: nil)
        #expect(uri == ECRRegistry(accountId: "123456789012", region: "us-east-1"))
        let arn = ECRRegistry.from(registryId: nil, uri: nil, arn: "arn:aws:ecr:eu-west-1:210987654321:repository/team/web")
        #expect(arn == ECRRegistry(accountId: "210987654321", region: "eu-west-1"))
        let idOnly = ECRRegistry.from(registryId: "210987654321", uri: nil, arn: nil)
        #expect(idOnly == ECRRegistry(accountId: "210987654321", region: nil))
        #expect(idOnly?.description == "account 210987654321")
        #expect(ECRRegistry.from(registryId: nil, uri: "nginx:1.27", arn: "not-an-arn") == nil)
        #expect(ECRRegistry.from(registryId: "", uri: nil, arn: nil) == nil)
    }

    @Test func excludesOtherAccountsAndRegions() throws {
        let registry = ECRRegistry(accountId: "123456789012", region: "us-east-1")
        func location(_ host: String) throws -> ECRLocation {
            try #require(try ImageReference.parse(host + "/web:1").get().ecr)
        }
        #expect(!registry.excludes(try location("123456789012.dkr.ecr.us-east-1.amazonaws.com")))
        #expect(registry.excludes(try location("210987654321.dkr.ecr.us-east-1.amazonaws.com")))
        #expect(registry.excludes(try location("123456789012.dkr.ecr.eu-west-1.amazonaws.com")))
        #expect(!ECRRegistry(accountId: "123456789012", region: nil).excludes(try location("123456789012.dkr.ecr.eu-west-1.amazonaws.com")))
    }

    static func target(image: String, files: [(String, String)]) throws -> (ProjectIndex.ImageTarget, ProjectModel) {
        let task = #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "\#(image)"}]}"#
        var documents: [ModelDocument] = []
        for (path, text) in [("task.json", task)] + files {
            documents += FileAnalysis.analyze(SourceFile(path: path, text: text), limits: .default).documents
        }
        let model = ProjectModel(documents: documents)
        let taskDefinition = try #require(model.taskDefinitions.first)
        let container = try #require(taskDefinition.containers.first)
        return (model.index.target(of: container.image, in: taskDefinition, model: model), model)
    }

    static let policy = #"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}"#

    @Test func describeOutputAndPolicyOfAnotherAccountDoNotApply() throws {
        let repositories = #"{"repositories": [{"repositoryName": "web", "repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/web", "imageTagMutability": "IMMUTABLE"}]}"#
        let policyOutput = #"{"registryId": "123456789012", "repositoryName": "web", "lifecyclePolicyText": "\#(Self.policy.replacingOccurrences(of: "\"", with: "\\\""))"}"#
        let files = [("repositories.json", repositories), ("policy.json", policyOutput)]

        let (same, _) = try Self.target(image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1", files: files)
        #expect(same.repository == 0 && same.lifecyclePolicy == 0 && same.repositoryElsewhere == nil)
        #expect(same.mutability?.mode == .immutable)

        let (other, model) = try Self.target(image: "210987654321.dkr.ecr.us-east-1.amazonaws.com/web:1", files: files)
        #expect(other.repository == nil && other.lifecyclePolicy == nil && other.mutability == nil)
        #expect(other.repositoryElsewhere == 0)
        #expect(other.repositoryName == "web")
        #expect(model.repositories.first?.registry == ECRRegistry(accountId: "123456789012", region: "us-east-1"))

        // The policy names the account but not the region: with the repository known to be in
        // us-east-1, it is taken to be that repository's, not the eu-west-1 image's.
        let (region, _) = try Self.target(image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1", files: files)
        #expect(region.repository == nil && region.lifecyclePolicy == nil && region.repositoryElsewhere == 0)
    }

    @Test func registriesThatAreNotWrittenMatchByNameAsBefore() throws {
        let repository = #"{"repositoryName": "web", "imageTagMutability": "IMMUTABLE"}"#
        let policy = #"{"repositoryName": "web", "lifecyclePolicyText": "\#(Self.policy.replacingOccurrences(of: "\"", with: "\\\""))"}"#
        let (target, _) = try Self.target(
            image: "210987654321.dkr.ecr.us-east-1.amazonaws.com/web:1", files: [("repo.json", repository), ("policy.json", policy)])
        #expect(target.repository == 0 && target.lifecyclePolicy == 0 && target.repositoryElsewhere == nil)
    }

    @Test func terraformRegistryAttributes() throws {
        let plan = #"""
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
              {"address": "aws_ecr_repository.web", "type": "aws_ecr_repository", "name": "web",
               "values": {"name": "web", "registry_id": "123456789012",
                          "repository_url": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web"}},
              {"address": "aws_ecr_lifecycle_policy.web", "type": "aws_ecr_lifecycle_policy", "name": "web",
               "values": {"repository": "web", "registry_id": "123456789012", "policy": "\#(Self.policy.replacingOccurrences(of: "\"", with: "\\\""))"}}
            ]}}}
            """#
        let (other, model) = try Self.target(image: "210987654321.dkr.ecr.us-east-1.amazonaws.com/web:1", files: [("plan.json", plan)])
        #expect(model.repositories.first?.registry == ECRRegistry(accountId: "123456789012", region: "us-east-1"))
        #expect(model.lifecyclePolicies.first?.registry == ECRRegistry(accountId: "123456789012", region: nil))
        #expect(other.repository == nil && other.lifecyclePolicy == nil && other.repositoryElsewhere == 0)
        let (same, _) = try Self.target(image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1", files: [("plan.json", plan)])
        #expect(same.repository == 0 && same.lifecyclePolicy == 0)
    }
}
