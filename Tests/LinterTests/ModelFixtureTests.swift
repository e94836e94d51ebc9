import Foundation
import Testing
@testable import LinterCore
@testable import Linter
@testable import LinterCLI
import TestKit

/// The model built from each realistic fixture under `Tests/Fixtures/`: detected kind, fields
/// with their exact source positions, and the links resolved across files.
@Suite("Model fixtures")
struct ModelFixtureTests {
    // MARK: Task definitions

    @Test func registerTaskDefinitionInput() throws {
        let (file, document) = try Fixtures.document("task-definition/register-input.json")
        #expect(document.kind == .taskDefinition)
        let task = try #require(document.taskDefinitions.first)
        #expect(task.origin == .apiInput)
        #expect(task.family.value == "orders-api")
        #expect(start(file, task.family.location) == "2:13")
        #expect(start(file, try #require(task.family.keyLocation)) == "2:3")
        #expect(task.revision == nil)
        #expect(task.cpu.value == "512")
        #expect(task.memory.value == "1024")
        #expect(task.networkMode.value == "awsvpc")
        #expect(task.requiresCompatibilities.value == ["FARGATE"])
        #expect(task.requiresFargate)
        #expect(task.executionRoleArn.value == "arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
        #expect(task.containers.map(\.displayName) == ["app", "envoy", "log-router"])

        let app = task.containers[0]
        #expect(span(file, app.location) == "14:5-54:6")
        #expect(app.isEssential == true)
        #expect(app.image.tag == .named("1.14.2"))
        #expect(app.image.repositoryName == "orders/api")
        #expect(app.image.isECR == true)
        #expect(app.image.digest == nil)
        #expect(!app.image.isDigestPinned)
        #expect(span(file, app.image.location) == "16:16-16:80")
        #expect(text(file, app.image.location) == "\"123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders/api:1.14.2\"")
        #expect(app.portMappings.map(\.containerPort.value) == [8080])
        #expect(app.healthCheck?.timeout.value == 5)
        #expect(app.healthCheck?.startPeriod.value == 60)
        #expect(app.dependsOn.map(\.containerName.value) == ["envoy"])
        #expect(app.secrets.map(\.name.value) == ["DB_PASSWORD"])
        #expect(app.logConfiguration?.logDriver.value == "awslogs")

        let envoy = task.containers[1]
        #expect(envoy.image.tag == .named("v1.29.6.0-prod"))
        #expect(envoy.image.isECR == false)
        #expect(envoy.image.reference?.isECRPublic == true)
        #expect(envoy.memoryReservation.value == 128)
        #expect(envoy.healthCheck?.timeout.value == 2)

        let router = task.containers[2]
        #expect(router.isEssential == false)
        #expect(router.image.tag == ContainerImage.TagState.none)
        #expect(router.image.isDigestPinned)
        #expect(router.image.digest == "sha256:4b0b5a52ad6fb6d4b27cc5d3bcbd1c0d2f8a0ef02b7c8c2b5f0f2a1d7c1e3a9b")
        #expect(router.image.repositoryName == "aws-for-fluent-bit")
        #expect(router.image.effectiveTag == nil)
        #expect(start(file, router.image.location) == "71:16")
    }

    @Test func describeTaskDefinitionOutput() throws {
        let (file, document) = try Fixtures.document("task-definition/describe-output.json")
        #expect(document.kind == .taskDefinitionDescription)
        let task = try #require(document.taskDefinitions.first)
        #expect(task.origin == .describeOutput)
        // The model reads the inner object, not the wrapper.
        #expect(start(file, task.location) == "2:23")
        #expect(task.family.value == "billing-worker")
        #expect(start(file, task.family.location) == "36:19")
        #expect(task.revision == 42)
        #expect(task.arn == "arn:aws:ecs:us-east-1:123456789012:task-definition/billing-worker:42")
        #expect(task.cpu.value == "256")
        #expect(task.requiresCompatibilities.value == ["FARGATE"])
        let worker = try #require(task.container(named: "worker"))
        #expect(worker.cpu.value == 256)
        #expect(worker.memory.value == 512)
        #expect(worker.portMappings.isEmpty)
        #expect(worker.image.tag == .named("latest"))
        #expect(worker.image.repositoryName == "billing-worker")
        #expect(worker.image.isECR == true)
        #expect(start(file, worker.image.location) == "7:26")
    }

    @Test func bareDescribeOutputIsADescription() throws {
        let file = SourceFile(
            path: "inner.json",
            text: #"{"taskDefinitionArn": "arn:aws:ecs:us-east-1:1:task-definition/a:3", "family": "a", "revision": 3, "containerDefinitions": []}"#)
        let document = try #require(FileAnalysis.analyze(file, limits: .default).documents.first)
        #expect(document.kind == .taskDefinitionDescription)
        #expect(document.taskDefinitions.first?.revision == 3)
    }

    // MARK: Services

    @Test func createServiceInput() throws {
        let (file, document) = try Fixtures.document("service/create-service.json")
        #expect(document.kind == .service)
        let service = try #require(document.services.first)
        #expect(service.origin == .apiInput)
        #expect(service.name.value == "orders-api")
        #expect(start(file, service.name.location) == "3:18")
        #expect(service.cluster.value == "prod")
        #expect(service.taskDefinition.value == "orders-api")
        #expect(start(file, service.taskDefinition.location) == "4:21")
        #expect(service.desiredCount.value == 3)
        #expect(service.launchType.value == "FARGATE")
        #expect(service.maximumPercent.value == 200)
        #expect(service.minimumHealthyPercent.value == 100)
        #expect(service.circuitBreakerEnable.value == true)
        #expect(service.circuitBreakerRollback.value == true)
        #expect(service.healthCheckGracePeriodSeconds.value == 90)
        #expect(service.effectiveDeploymentController == "ECS")
        #expect(service.loadBalancers.count == 1)
        let balancer = try #require(service.loadBalancers.first)
        #expect(balancer.containerName.value == "app")
        #expect(balancer.containerPort.value == 8080)
        #expect(start(file, balancer.location) == "17:5")
        #expect(start(file, balancer.containerName.location) == "19:24")
        #expect(service.networkConfiguration.isPresent)
    }

    @Test func updateServiceInput() throws {
        let (file, document) = try Fixtures.document("service/update-service.json")
        #expect(document.kind == .service)
        let service = try #require(document.services.first)
        // `service` names the service in update-service input.
        #expect(service.name.value == "billing-worker")
        #expect(start(file, service.name.location) == "3:16")
        #expect(service.taskDefinition.value == "billing-worker:42")
        #expect(service.desiredCount.value == 2)
        #expect(service.maximumPercent.value == 150)
        #expect(service.minimumHealthyPercent.value == 50)
        #expect(service.circuitBreakerEnable.isAbsent)
        #expect(service.reader.raw("forceNewDeployment")?.bool == true)
    }

    @Test func describeServicesOutput() throws {
        let (file, document) = try Fixtures.document("service/describe-services.json")
        #expect(document.kind == .serviceDescriptions)
        #expect(document.services.count == 1)
        let service = try #require(document.services.first)
        #expect(service.origin == .describeOutput)
        #expect(service.name.value == "billing-worker")
        #expect(start(file, service.name.location) == "5:28")
        #expect(start(file, service.location) == "3:9")
        #expect(service.taskDefinition.value == "arn:aws:ecs:us-east-1:123456789012:task-definition/billing-worker:42")
        #expect(service.schedulingStrategy.value == "REPLICA")
        #expect(service.deploymentControllerType.value == "ECS")
        #expect(service.circuitBreakerEnable.value == false)
        #expect(service.healthCheckGracePeriodSeconds.value == 0)
        #expect(service.loadBalancers.isEmpty)
    }

    // MARK: Lifecycle policies and repositories

    @Test func bareLifecyclePolicy() throws {
        let (file, document) = try Fixtures.document("lifecycle-policy/policy.json")
        #expect(document.kind == .lifecyclePolicy)
        let policy = try #require(document.lifecyclePolicies.first)
        #expect(policy.repositoryName.isAbsent)
        #expect(policy.embeddingText == nil)
        #expect(policy.rules.map(\.rulePriority.value) == [1, 5, 100])
        #expect(policy.rules.map(\.tagStatus.value) == ["tagged", "untagged", "any"])
        #expect(policy.rules.map(\.countNumber.value) == [20, 14, 200])
        #expect(policy.rules[0].tagPrefixList.value == ["prod-"])
        #expect(policy.rules[1].countUnit.value == "days")
        #expect(policy.rules.map { start(file, $0.location) } == ["3:5", "16:5", "29:5"])
        #expect(start(file, policy.rules[1].rulePriority.location) == "17:23")
        #expect(policy.isFullyKnown)
        #expect(policy.specification.rules.count == 3)
    }

    @Test func getLifecyclePolicyOutput() throws {
        let (file, document) = try Fixtures.document("lifecycle-policy/get-lifecycle-policy.json")
        #expect(document.kind == .lifecyclePolicyOutput)
        let policy = try #require(document.lifecyclePolicies.first)
        #expect(policy.origin == .describeOutput)
        #expect(policy.repositoryName.value == "orders/api")
        #expect(start(file, policy.repositoryName.location) == "3:23")
        let embedding = try #require(policy.embeddingText)
        #expect(start(file, embedding.location) == "4:28")
        // The policy parsed out of the escaped string, mapped back onto line 4.
        #expect(start(file, policy.location) == "4:29")
        #expect(policy.rules.map(\.rulePriority.value) == [1, 2])
        #expect(policy.rules[0].tagPatternList.value == ["1.*", "2.*"])
        #expect(policy.rules[0].countNumber.value == 50)
        #expect(policy.rules[1].countType.value == "sinceImagePushed")
        // `\"rulePriority\":2` starts at column 273; the value `2` follows 17 characters later.
        #expect(start(file, policy.rules[1].location) == "4:272")
        #expect(start(file, policy.rules[1].rulePriority.location) == "4:290")
        #expect(text(file, policy.rules[1].rulePriority.location) == "2")
        #expect(text(file, try #require(policy.rules[1].rulePriority.keyLocation)) == #"\"rulePriority\""#)
    }

    @Test func createRepositoryInput() throws {
        let (file, document) = try Fixtures.document("repository/create-repository.json")
        #expect(document.kind == .repository)
        let repository = try #require(document.repositories.first)
        #expect(repository.name.value == "orders/api")
        #expect(repository.tagMutability.value == "IMMUTABLE_WITH_EXCLUSION")
        #expect(start(file, repository.tagMutability.location) == "9:27")
        #expect(repository.exclusionFilters.map(\.value) == ["latest", "dev-*"])
        #expect(repository.scanOnPush.value == true)
        let mutability = try #require(repository.mutability)
        #expect(mutability.mode == .immutableWithExclusion)
        #expect(mutability.isMutable(tag: "latest") == true)
        #expect(mutability.isMutable(tag: "dev-42") == true)
        #expect(mutability.isMutable(tag: "1.14.2") == false)
    }

    @Test func describeRepositoriesOutput() throws {
        let (file, document) = try Fixtures.document("repository/describe-repositories.json")
        #expect(document.kind == .repositoryDescriptions)
        #expect(document.repositories.map(\.name.value) == ["billing-worker", "tools/migrator"])
        #expect(document.repositories.map(\.tagMutability.value) == ["MUTABLE", "IMMUTABLE"])
        #expect(document.repositories.map(\.mutability?.mode) == [.mutable, .immutable])
        #expect(document.repositories.map(\.scanOnPush.value) == [false, true])
        #expect(document.repositories.map { start(file, $0.location) } == ["3:9", "17:9"])
        #expect(start(file, document.repositories[0].tagMutability.location) == "9:35")
    }

    // MARK: CloudFormation

    @Test func cloudFormationYAMLStack() throws {
        let (file, document) = try Fixtures.document("cloudformation/service-stack.yaml")
        #expect(document.kind == .cloudFormation)
        #expect(document.taskDefinitions.count == 1)
        #expect(document.services.count == 1)
        #expect(document.repositories.count == 1)
        #expect(document.lifecyclePolicies.count == 1)
        #expect(document.scalableTargets.count == 1)

        let repository = try #require(document.repositories.first)
        #expect(repository.origin == .cloudFormation(logicalId: "Repository"))
        #expect(repository.name.value == "storefront/web")
        #expect(repository.tagMutability.value == "IMMUTABLE")
        #expect(start(file, repository.tagMutability.location) == "32:27")
        #expect(repository.mutability?.mode == .immutable)
        #expect(repository.scanOnPush.value == true)

        let policy = try #require(repository.lifecyclePolicy)
        #expect(policy.repositoryLogicalId == "Repository")
        #expect(policy.repositoryName.value == "storefront/web")
        #expect(policy.rules.map(\.rulePriority.value) == [1, 10])
        #expect(policy.rules[0].tagPatternList.value == ["*.*.*"])
        #expect(policy.rules[1].countNumber.value == 7)
        // Positions inside the `|` block scalar are the outer file's lines and columns.
        #expect(start(file, policy.location) == "37:11")
        #expect(start(file, policy.rules[1].location) == "50:15")
        #expect(start(file, policy.rules[1].rulePriority.location) == "51:33")
        #expect(span(file, policy.rules[1].countNumber.location) == "57:34-57:35")
        #expect(text(file, policy.rules[1].countNumber.location) == "7")

        let task = try #require(document.taskDefinitions.first)
        #expect(task.origin == .cloudFormation(logicalId: "TaskDefinition"))
        #expect(task.family.value == "storefront-web")
        #expect(task.cpu.value == "1024")
        #expect(task.executionRoleArn.isUnresolved)
        let web = try #require(task.container(named: "web"))
        #expect(span(file, web.image.location) == "95:18-95:64")
        #expect(text(file, web.image.location) == #"!Sub "${Repository.RepositoryUri}:${ImageTag}""#)
        #expect(web.image.field.isUnresolved)
        #expect(web.image.tag == .named("2.3.1"))  // the parameter's Default, assumed
        #expect(web.image.repositoryLogicalId == "Repository")
        #expect(web.image.isECR == true)
        #expect(!web.image.isDigestPinned)
        #expect(web.portMappings.map(\.containerPort.value) == [3000])

        let service = try #require(document.services.first)
        #expect(service.origin == .cloudFormation(logicalId: "Service"))
        #expect(service.name.value == "storefront-web")
        #expect(service.taskDefinitionLogicalId == "TaskDefinition")
        #expect(service.taskDefinition.isUnresolved)
        #expect(start(file, service.taskDefinition.location) == "165:23")
        #expect(service.cluster.isUnresolved)
        #expect(service.desiredCount.value == 2)
        #expect(service.circuitBreakerEnable.value == true)
        #expect(service.loadBalancers.map(\.containerName.value) == ["web"])
        #expect(service.loadBalancers.map(\.containerPort.value) == [3000])
        #expect(service.loadBalancers.first?.targetGroupArn.isUnresolved == true)

        let target = try #require(document.scalableTargets.first)
        #expect(target.origin == .cloudFormation(logicalId: "ScalableTarget"))
        #expect(target.serviceLogicalId == "Service")
        #expect(!target.referencesServiceByRef)
        #expect(target.minCapacity.value == 2)
        #expect(target.maxCapacity.value == 12)
        #expect(start(file, target.resourceId.location) == "191:19")
    }

    @Test func cloudFormationJSONTemplate() throws {
        let (file, document) = try Fixtures.document("cloudformation/template.json")
        #expect(document.kind == .cloudFormation)
        let repository = try #require(document.repositories.first)
        #expect(repository.name.value == "reports")
        #expect(repository.mutability?.mode == .mutable)
        let policy = try #require(repository.lifecyclePolicy)
        #expect(policy.repositoryLogicalId == "ReportsRepository")
        #expect(policy.rules.map(\.rulePriority.value) == [1, 2])
        #expect(policy.rules[0].description.value == #"Keep the "cron" images for 90 days"#)
        #expect(policy.rules[0].tagPrefixList.value == ["cron-"])
        #expect(policy.rules[0].countNumber.value == 90)
        #expect(start(file, policy.rules[0].countNumber.location) == "27:287")
        #expect(text(file, policy.rules[0].countNumber.location) == "90")
        #expect(start(file, policy.rules[1].location) == "27:329")

        let task = try #require(document.taskDefinitions.first)
        #expect(task.family.value == "reports")
        #expect(task.containers.map(\.displayName) == ["api", "export"])
        // Booleans and numbers written as strings are coerced.
        #expect(task.containers.map(\.isEssential) == [true, false])
        #expect(task.containers[0].portMappings.first?.containerPort.value == 8000)

        let api = task.containers[0].image
        #expect(start(file, api.location) == "48:22")
        #expect(api.tag == .unknown)  // ImageTag has no Default
        #expect(api.repositoryLogicalId == "ReportsRepository")
        #expect(api.isECR == true)

        let export = task.containers[1].image
        #expect(start(file, export.location) == "70:22")
        #expect(export.tag == .named("cron-1.0.4"))
        #expect(export.repositoryLogicalId == "ReportsRepository")
        #expect(export.isECR == true)

        let service = try #require(document.services.first)
        #expect(service.taskDefinitionLogicalId == "ReportsTaskDefinition")
        #expect(service.desiredCount.value == 1)
        #expect(service.loadBalancers.first?.containerPort.value == 8000)
        let target = try #require(document.scalableTargets.first)
        #expect(target.serviceLogicalId == "ReportsService")
        #expect(!target.referencesServiceByRef)
        #expect(target.maxCapacity.value == 4)
    }

    @Test func cdkSynthesizedTemplate() throws {
        let (file, document) = try Fixtures.document("cdk/cdk.out/AppStack.template.json")
        #expect(document.kind == .cloudFormation)
        let repository = try #require(document.repositories.first)
        #expect(repository.origin == .cloudFormation(logicalId: "Repo02AC86CF"))
        #expect(repository.name.isAbsent)
        #expect(repository.mutability?.mode == .mutable)  // AWS default when omitted
        let policy = try #require(repository.lifecyclePolicy)
        #expect(policy.rules.map(\.rulePriority.value) == [1])
        #expect(policy.rules[0].countNumber.value == 10)
        #expect(start(file, policy.rules[0].countNumber.location) == "10:187")

        let task = try #require(document.taskDefinitions.first)
        #expect(task.family.value == "AppStackTaskDef0CC6A4D5")
        let web = try #require(task.container(named: "web")).image
        #expect(start(file, web.location) == "51:16")
        #expect(web.tag == .named("latest"))
        #expect(web.repositoryLogicalId == "Repo02AC86CF")
        #expect(web.isECR == true)

        let asset = try #require(task.container(named: "worker")).image
        #expect(start(file, asset.location) == "110:16")
        #expect(asset.tag == .named("8f3c2e1d0b9a7c6e5d4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d"))
        #expect(asset.isECR == true)  // the CDK bootstrap repository
        #expect(asset.repositoryLogicalId == nil)
        #expect(asset.repositoryName == nil)
        #expect(!asset.isDigestPinned)

        let service = try #require(document.services.first)
        #expect(service.taskDefinitionLogicalId == "TaskDef54694570")
        #expect(service.name.isAbsent)
        #expect(service.minimumHealthyPercent.value == 50)
        let target = try #require(document.scalableTargets.first)
        #expect(target.serviceLogicalId == "ServiceD69D759B")
        #expect(!target.referencesServiceByRef)
        #expect(target.maxCapacity.value == 6)
    }

    // MARK: ecspresso

    @Test func ecspressoConfig() throws {
        let (file, document) = try Fixtures.document("ecspresso/ecspresso.yml")
        #expect(document.kind == .ecspressoConfig)
        let config = try #require(document.ecspressoConfig)
        #expect(config.taskDefinition.value == "ecs-task-def.json")
        #expect(config.serviceDefinition.value == "ecs-service-def.json")
        #expect(start(file, config.serviceDefinition.location) == "4:21")
        #expect(config.resolve("ecs-task-def.json") == Fixtures.path("ecspresso/ecs-task-def.json"))
    }

    @Test func ecspressoTaskDefinitionWithPlaceholders() throws {
        // `"cpu": {{ env `CPU` `256` }}` is not JSON: the placeholders are neutralized in place.
        let (file, document) = try Fixtures.document("ecspresso/ecs-task-def.json")
        #expect(document.kind == .taskDefinition)
        let task = try #require(document.taskDefinitions.first)
        #expect(task.family.value == "notifier")
        #expect(task.executionRoleArn.isUnresolved)
        let container = try #require(task.container(named: "notifier"))
        #expect(container.cpu.isUnresolved)
        #expect(span(file, container.cpu.location) == "6:14-6:35")
        #expect(text(file, container.cpu.location) == "{{ env `CPU` `256` }}")
        #expect(container.memoryReservation.value == 256)
        #expect(container.environment.first?.value.isUnresolved == true)
        let image = container.image
        #expect(span(file, image.location) == "5:16-5:103")
        #expect(image.field.isUnresolved)
        #expect(image.tag == .unknown)
        #expect(image.repositoryName == "notifier")
        #expect(image.isECR == true)
    }

    @Test func ecspressoImagesBuiltFromPlaceholders() throws {
        let source = #"""
            {"family": "api", "containerDefinitions": [
              {"name": "a", "image": "{{ must_env `ACCOUNT` }}.dkr.ecr.{{ must_env `REGION` }}.amazonaws.com/team/api:{{ must_env `TAG` }}"},
              {"name": "b", "image": "{{ tfstate `aws_ecr_repository.api.repository_url` }}:{{ must_env `TAG` }}"},
              {"name": "c", "image": "{{ tfstate `aws_ecr_repository.api.repository_url` }}:v1.2.0"}
            ]}
            """#
        let analysis = FileAnalysis.analyze(SourceFile(path: "ecs-task-def.json", text: source), limits: .default)
        let task = try #require(analysis.documents.first?.taskDefinitions.first)
        let images = task.containers.map(\.image)
        #expect(images.map(\.tag) == [.unknown, .unknown, .named("v1.2.0")])
        #expect(images.map(\.isECR) == [true, nil, nil])
        #expect(images.map(\.repositoryName) == ["team/api", nil, nil])
    }

    @Test func ecspressoServiceDefinitionWithoutTaskDefinition() throws {
        let (file, document) = try Fixtures.document("ecspresso/ecs-service-def.json")
        #expect(document.kind == .service)
        let service = try #require(document.services.first)
        #expect(service.name.isAbsent)
        #expect(service.taskDefinition.isAbsent)
        #expect(service.desiredCount.value == 1)
        #expect(service.schedulingStrategy.value == "REPLICA")
        #expect(start(file, service.schedulingStrategy.location) == "29:25")
        #expect(service.circuitBreakerRollback.value == true)
    }

    @Test func minimalEcspressoServiceDefinitionIsAServiceOnlyWhenPaired() throws {
        // Alone, one key is too little to call the file a service.
        let (_, alone) = try Fixtures.document("ecspresso/minimal/ecs-service-def.json")
        #expect(alone.kind == .unknown)
        // Named by `service_definition` in config.yaml, it is one.
        let (model, files) = try Fixtures.project([
            "ecspresso/minimal/config.yaml", "ecspresso/minimal/ecs-task-def.json",
            "ecspresso/minimal/ecs-service-def.json",
        ])
        let path = Fixtures.path("ecspresso/minimal/ecs-service-def.json")
        let document = try #require(model.documents.first { $0.path == path })
        #expect(document.kind == .service)
        #expect(model.services.count == 1)
        let service = try #require(model.services.first)
        #expect(service.origin == .ecspresso(config: Fixtures.path("ecspresso/minimal/config.yaml")))
        #expect(service.schedulingStrategy.value == "DAEMON")
        #expect(start(try #require(files[path]), service.schedulingStrategy.location) == "2:25")
        let task = try #require(model.index.taskDefinition(ofService: 0))
        #expect(model.taskDefinitions[task].family.value == "scheduler")
        #expect(model.taskDefinitions[task].containers.first?.image.isECR == false)
    }

    // MARK: Terraform

    @Test func terraformPlan() throws {
        let (file, document) = try Fixtures.document("terraform/plan.json")
        #expect(document.kind == .terraformPlan)

        let task = try #require(document.taskDefinitions.first)
        #expect(task.origin == .terraform(address: "aws_ecs_task_definition.catalog"))
        #expect(task.family.value == "catalog")
        #expect(task.cpu.value == "512")
        #expect(task.networkMode.value == "awsvpc")
        #expect(task.requiresCompatibilities.value == ["FARGATE"])
        #expect(task.ipcMode.isAbsent)  // null in the plan
        #expect(start(file, task.containerDefinitionsField.location) == "102:38")
        #expect(task.containers.map(\.displayName) == ["catalog", "datadog-agent"])
        let catalog = task.containers[0]
        // Inside the `container_definitions` string: line 102, after the escaped prefix.
        #expect(start(file, catalog.image.location) == "102:288")
        #expect(catalog.image.tag == .named("2024.11.3"))
        #expect(catalog.image.repositoryName == "catalog")
        #expect(catalog.healthCheck?.interval.value == 15)
        #expect(catalog.portMappings.first?.hostPort.value == 8080)
        let agent = task.containers[1]
        #expect(span(file, agent.image.location) == "102:666-102:685")
        #expect(text(file, agent.image.location) == #"\"datadog/agent:7\""#)
        #expect(agent.image.isECR == false)
        #expect(agent.isEssential == false)

        let service = try #require(document.services.first)
        #expect(service.origin == .terraform(address: "aws_ecs_service.catalog"))
        #expect(service.name.value == "catalog")
        #expect(service.taskDefinition.value == "catalog")
        #expect(service.desiredCount.value == 2)
        #expect(service.maximumPercent.value == 200)
        #expect(service.minimumHealthyPercent.value == 100)
        #expect(service.circuitBreakerEnable.value == true)
        #expect(start(file, service.circuitBreakerEnable.location) == "38:27")
        #expect(service.circuitBreakerRollback.value == true)
        #expect(service.deploymentControllerType.value == "ECS")
        #expect(service.healthCheckGracePeriodSeconds.value == 30)
        #expect(service.loadBalancers.count == 1)
        #expect(service.loadBalancers.first?.containerName.value == "catalog")
        #expect(service.loadBalancers.first?.containerPort.value == 8080)
        #expect(service.loadBalancers.first?.loadBalancerName.isAbsent == true)
        #expect(service.capacityProviderStrategy.isAbsent)  // [] in the plan

        // The child module's resources are read too.
        let repository = try #require(document.repositories.first)
        #expect(repository.origin == .terraform(address: "module.ecr.aws_ecr_repository.this"))
        #expect(repository.name.value == "catalog")
        #expect(repository.mutability?.mode == .mutable)
        #expect(repository.scanOnPush.value == true)
        let policy = try #require(document.lifecyclePolicies.first)
        #expect(policy.origin == .terraform(address: "module.ecr.aws_ecr_lifecycle_policy.this"))
        #expect(policy.repositoryName.value == "catalog")
        #expect(policy.rules.map(\.rulePriority.value) == [1, 2])
        #expect(policy.rules[0].tagPatternList.value == ["20*"])
        #expect(start(file, policy.rules[1].rulePriority.location) == "148:354")

        let target = try #require(document.scalableTargets.first)
        #expect(target.literalServiceName == "catalog")
        #expect(target.serviceNamespace.value == "ecs")
        #expect(start(file, target.resourceId.location) == "17:28")
        #expect(target.minCapacity.value == 2)
    }

    @Test func terraformStateUsesValuesRootModule() throws {
        // `terraform show -json` without a plan: `values.root_module`, no `planned_values`.
        let state = #"""
            {"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {"child_modules": [
              {"address": "module.svc", "resources": [{"address": "module.svc.aws_ecs_service.this", "type": "aws_ecs_service",
                "name": "this", "values": {"name": "api", "task_definition": "arn:aws:ecs:us-east-1:123456789012:task-definition/api:12",
                "desired_count": 1, "load_balancer": [], "deployment_circuit_breaker": [{"enable": false, "rollback": false}]}}]}]}}}
            """#
        let analysis = FileAnalysis.analyze(SourceFile(path: "state.json", text: state), limits: .default)
        let document = try #require(analysis.documents.first)
        #expect(document.kind == .terraformPlan)
        let service = try #require(document.services.first)
        #expect(service.origin == .terraform(address: "module.svc.aws_ecs_service.this"))
        #expect(service.name.value == "api")
        #expect(service.loadBalancers.isEmpty)
        #expect(service.loadBalancersField.isAbsent)
        #expect(service.circuitBreakerEnable.value == false)
    }

    // MARK: Links across the whole fixture project

    @Test func linksAcrossFiles() throws {
        let policyPath = Fixtures.path("lifecycle-policy/policy.json")
        let (model, _) = try Fixtures.project(
            repositoryMappings: ["billing-worker": RepositoryMapping(lifecyclePolicyPath: policyPath)])
        let index = model.index

        func service(_ relative: String, _ name: String? = nil) throws -> Int {
            try #require(
                model.services.indices.first {
                    model.services[$0].path == Fixtures.path(relative)
                        && (name == nil || model.services[$0].origin.cloudFormationLogicalId == name)
                }, "no service in \(relative)")
        }
        func linkedTask(_ position: Int) -> TaskDefinition? {
            index.taskDefinition(ofService: position).map { model.taskDefinitions[$0] }
        }
        func taskIndex(_ relative: String) throws -> Int {
            try #require(model.taskDefinitions.indices.first { model.taskDefinitions[$0].path == Fixtures.path(relative) })
        }

        // service → task definition
        let orders = try service("service/create-service.json")
        #expect(linkedTask(orders)?.path == Fixtures.path("task-definition/register-input.json"))
        let update = try service("service/update-service.json")
        #expect(linkedTask(update)?.path == Fixtures.path("task-definition/describe-output.json"))
        let described = try service("service/describe-services.json")
        #expect(linkedTask(described)?.path == Fixtures.path("task-definition/describe-output.json"))
        #expect(index.services(ofTaskDefinition: try taskIndex("task-definition/describe-output.json")).sorted()
            == [update, described].sorted())
        let stack = try service("cloudformation/service-stack.yaml")
        #expect(linkedTask(stack)?.origin == .cloudFormation(logicalId: "TaskDefinition"))
        let reports = try service("cloudformation/template.json")
        #expect(linkedTask(reports)?.origin == .cloudFormation(logicalId: "ReportsTaskDefinition"))
        let cdk = try service("cdk/cdk.out/AppStack.template.json")
        #expect(linkedTask(cdk)?.origin == .cloudFormation(logicalId: "TaskDef54694570"))
        let terraform = try service("terraform/plan.json")
        #expect(linkedTask(terraform)?.origin == .terraform(address: "aws_ecs_task_definition.catalog"))
        // ecspresso pairing: the service definition has no taskDefinition key.
        let notifier = try service("ecspresso/ecs-service-def.json")
        #expect(linkedTask(notifier)?.path == Fixtures.path("ecspresso/ecs-task-def.json"))
        let scheduler = try service("ecspresso/minimal/ecs-service-def.json")
        #expect(linkedTask(scheduler)?.family.value == "scheduler")

        // scalable target → service
        func targets(_ position: Int) -> [ResourceOrigin] {
            index.scalableTargets(ofService: position).map { model.scalableTargets[$0].origin }
        }
        #expect(targets(stack) == [.cloudFormation(logicalId: "ScalableTarget")])
        #expect(targets(reports) == [.cloudFormation(logicalId: "ReportsScalableTarget")])
        #expect(targets(cdk) == [.cloudFormation(logicalId: "ServiceTaskCountTarget23E25614")])
        #expect(targets(terraform) == [.terraform(address: "aws_appautoscaling_target.catalog")])
        #expect(targets(orders).isEmpty)

        // image → repository → lifecycle policy
        func target(_ relative: String, container: String) throws -> (ProjectIndex.ImageTarget, ContainerImage) {
            let task = model.taskDefinitions[try taskIndex(relative)]
            let image = try #require(task.container(named: container)).image
            return (index.target(of: image, in: task, model: model), image)
        }
        func priorities(_ target: ProjectIndex.ImageTarget) -> [Int?] {
            target.lifecyclePolicy.map { model.lifecyclePolicies[$0].rules.map(\.rulePriority.value) } ?? []
        }

        let (app, _) = try target("task-definition/register-input.json", container: "app")
        #expect(app.repositoryName == "orders/api")
        #expect(app.repository.map { model.repositories[$0].path } == Fixtures.path("repository/create-repository.json"))
        #expect(app.lifecyclePolicy.map { model.lifecyclePolicies[$0].path }
            == Fixtures.path("lifecycle-policy/get-lifecycle-policy.json"))
        #expect(priorities(app) == [1, 2])
        #expect(app.mutability?.mode == .immutableWithExclusion)

        // Repository from describe-repositories; policy from the configuration's mapping.
        let (worker, _) = try target("task-definition/describe-output.json", container: "worker")
        #expect(worker.repository.map { model.repositories[$0].path } == Fixtures.path("repository/describe-repositories.json"))
        #expect(worker.lifecyclePolicy.map { model.lifecyclePolicies[$0].path } == policyPath)
        #expect(priorities(worker) == [1, 5, 100])
        #expect(worker.mutability?.mode == .mutable)

        let (web, _) = try target("cloudformation/service-stack.yaml", container: "web")
        #expect(web.repository.map { model.repositories[$0].origin } == .cloudFormation(logicalId: "Repository"))
        #expect(web.repositoryName == "storefront/web")
        #expect(priorities(web) == [1, 10])
        #expect(web.mutability?.mode == .immutable)

        let (export, _) = try target("cloudformation/template.json", container: "export")
        #expect(export.repository.map { model.repositories[$0].origin } == .cloudFormation(logicalId: "ReportsRepository"))
        #expect(priorities(export) == [1, 2])

        let (cdkWeb, _) = try target("cdk/cdk.out/AppStack.template.json", container: "web")
        #expect(cdkWeb.repository.map { model.repositories[$0].origin } == .cloudFormation(logicalId: "Repo02AC86CF"))
        #expect(cdkWeb.repositoryName == nil)  // CDK generates the name
        #expect(priorities(cdkWeb) == [1])
        let (cdkAsset, _) = try target("cdk/cdk.out/AppStack.template.json", container: "worker")
        #expect(cdkAsset.repository == nil)
        #expect(cdkAsset.lifecyclePolicy == nil)

        let (catalog, _) = try target("terraform/plan.json", container: "catalog")
        #expect(catalog.repository.map { model.repositories[$0].origin } == .terraform(address: "module.ecr.aws_ecr_repository.this"))
        #expect(priorities(catalog) == [1, 2])
        #expect(catalog.mutability?.mode == .mutable)

        let (notifierImage, _) = try target("ecspresso/ecs-task-def.json", container: "notifier")
        #expect(notifierImage.repositoryName == "notifier")
        #expect(notifierImage.repository == nil)
        #expect(notifierImage.lifecyclePolicy == nil)
    }

    // MARK: Detection and linking edge cases

    @Test func runTaskAndStartTaskInputAreNotServices() throws {
        let runTask = """
            {
              "cluster": "batch",
              "taskDefinition": "nightly-export:12",
              "count": 1,
              "launchType": "FARGATE",
              "overrides": {"containerOverrides": [{"name": "export", "command": ["bin/export"]}]},
              "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123"]}}
            }
            """
        let startTask = """
            {"cluster": "ec2", "taskDefinition": "agent", "containerInstances": ["a1b2"], "startedBy": "ops", "group": "family:agent"}
            """
        for (name, text) in [("runtask.json", runTask), ("starttask.json", startTask)] {
            let analysis = FileAnalysis.analyze(SourceFile(path: name, text: text), limits: .default)
            #expect(analysis.documents.first?.kind == .unknown, "\(name)")
            #expect(analysis.documents.first?.services.isEmpty == true)
        }
        // A service request that happens to carry a RunTask key is still a service.
        let service = #"{"serviceName": "api", "cluster": "prod", "taskDefinition": "api", "group": "x"}"#
        let analysis = FileAnalysis.analyze(SourceFile(path: "svc.json", text: service), limits: .default)
        #expect(analysis.documents.first?.kind == .service)
    }

    @Test func familyLinkPrefersTheMatchingRevision() throws {
        func describe(_ revision: Int) -> String {
            """
            {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:\(revision)",
             "family": "web", "revision": \(revision), "containerDefinitions": [{"name": "web", "image": "nginx:1.27"}]}}
            """
        }
        func model(service reference: String) -> ProjectModel {
            let files = [
                SourceFile(path: "td/web-3.json", text: describe(3)),
                SourceFile(path: "td/web-4.json", text: describe(4)),
                SourceFile(path: "svc.json", text: #"{"serviceName": "web", "cluster": "c", "taskDefinition": "\#(reference)"}"#),
            ]
            return ProjectModel(documents: files.flatMap { FileAnalysis.analyze($0, limits: .default).documents })
        }
        func linkedPath(_ reference: String) -> String? {
            let model = model(service: reference)
            return model.index.taskDefinition(ofService: 0).map { model.taskDefinitions[$0].path }
        }
        #expect(linkedPath("web:4") == "td/web-4.json")
        #expect(linkedPath("web:3") == "td/web-3.json")
        #expect(linkedPath("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3") == "td/web-3.json")
        #expect(linkedPath("web") == nil)  // ambiguous without a revision
        #expect(linkedPath("web:5") == nil)  // no such revision
    }

    // MARK: ecslint dump --model

    static func dump(_ paths: [String]) -> (ExitCode, String, String) {
        CLI.run(["dump", "--model"] + paths, in: Fixtures.directory, context: CLI.bare).parts
    }

    @Test(arguments: Fixtures.all)
    func dumpModel(_ fixture: String) throws {
        let (code, output, errors) = Self.dump([fixture])
        #expect(code == .clean)
        #expect(errors.isEmpty, "\(errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let documents = try #require(json["documents"] as? [[String: Any]])
        #expect(documents.first?["file"] as? String == fixture)
        #expect(documents.first?["kind"] as? String != nil)
    }

    @Test func dumpModelOfTheWholeProject() throws {
        let (code, output, errors) = Self.dump(Fixtures.all)
        #expect(code == .clean)
        #expect(errors.isEmpty, "\(errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let kinds = (json["documents"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds == [
            "task-definition", "describe-task-definition", "service", "service", "describe-services",
            "lifecycle-policy", "get-lifecycle-policy", "repository", "describe-repositories", "cloudformation",
            "cloudformation", "cloudformation", "ecspresso-config", "task-definition", "service", "ecspresso-config",
            "task-definition", "service", "terraform-plan",
        ])
        let services = try #require(json["services"] as? [[String: Any]])
        // Every service of the fixture project links to its task definition.
        #expect(services.count == 9)
        for service in services {
            #expect(service["taskDefinitionLink"] as? String != "unknown", "\(service["at"] ?? "")")
        }
        let first = try #require(services.first)
        #expect(first["at"] as? String == "service/create-service.json:1:1-36:2")
        #expect(first["taskDefinitionLink"] as? String == "task-definition/register-input.json:1:1-78:2")
    }
}
