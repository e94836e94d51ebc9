import Testing
@testable import LinterCore
@testable import Linter

/// CloudFormation image expressions (docs/aws-semantics.md §4.3) evaluated symbolically: what is known
/// of the tag, the repository, the registry and the digest without deploying.
@Suite("CloudFormation image expressions")
struct ImageExpressionTests {
    static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)
    static let assetHash = String(repeating: "8f3c2e1d", count: 8)

    struct Expected: Sendable, CustomTestStringConvertible {
        var label: String
        /// The `Image:` value, one line of YAML (short forms or JSON-style flow).
        var expression: String
        var tag: ContainerImage.TagState
        var repositoryLogicalId: String? = nil
        var repositoryName: String? = nil
        var isECR: Bool? = true
        var isDigestPinned = false
        var testDescription: String { label }
    }

    static func template(image: String) -> String {
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Tag:
            Type: String
            Default: v1
          NoDefault:
            Type: String
          ImageUri:
            Type: String
          FullUri:
            Type: String
            Default: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:3.1
          Env:
            Type: String
            Default: prod
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Mappings:
          Images:
            us-east-1:
              web: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2.0
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: team/app
          TaskDefinition:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: c
                  Image: \(image)
        """
    }

    static func images(_ expression: String) throws -> [ContainerImage] {
        let file = SourceFile(path: "template.yaml", text: template(image: expression))
        let analysis = FileAnalysis.analyze(file, limits: .default)
        #expect(analysis.parseError == nil, "\(analysis.parseError?.description ?? "")")
        let document = try #require(analysis.documents.first)
        #expect(document.kind == .cloudFormation)
        let container = try #require(document.taskDefinitions.first?.containers.first)
        // Every image points at the `Image:` value on the last line.
        for image in container.images {
            #expect(file.position(of: image.location.range.start).description == "32:18")
        }
        return container.images
    }

    static let cases: [Expected] = [
        // GetAtt URI + tag
        Expected(label: "Join GetAtt URI and Ref tag", expression: #"!Join [":", [!GetAtt Repo.RepositoryUri, !Ref Tag]]"#,
                 tag: .named("v1"), repositoryLogicalId: "Repo"),
        Expected(label: "Join long form", expression: #"{"Fn::Join": [":", [{"Fn::GetAtt": ["Repo", "RepositoryUri"]}, "1.0"]]}"#,
                 tag: .named("1.0"), repositoryLogicalId: "Repo"),
        Expected(label: "Sub GetAtt URI and parameter", expression: #"!Sub "${Repo.RepositoryUri}:${Tag}""#,
                 tag: .named("v1"), repositoryLogicalId: "Repo"),
        Expected(label: "Sub list form", expression: #"!Sub ["${Uri}:${T}", {Uri: !GetAtt Repo.RepositoryUri, T: v2}]"#,
                 tag: .named("v2"), repositoryLogicalId: "Repo"),
        Expected(label: "GetAtt URI alone", expression: "!GetAtt Repo.RepositoryUri",
                 tag: .implicitLatest, repositoryLogicalId: "Repo"),
        // Ref name + pseudo parameters
        Expected(label: "Sub Ref name with pseudo parameters",
                 expression: #"!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/${Repo}:${Tag}""#,
                 tag: .named("v1"), repositoryLogicalId: "Repo"),
        Expected(label: "Sub Ref name with URLSuffix",
                 expression: #"!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/${Repo}:build-7""#,
                 tag: .named("build-7"), repositoryLogicalId: "Repo"),
        Expected(label: "troposphere Join",
                 expression: #"{"Fn::Join": ["", [{"Ref": "AWS::AccountId"}, ".dkr.ecr.", {"Ref": "AWS::Region"}, ".amazonaws.com/", {"Ref": "Repo"}, ":", "1.2.3"]]}"#,
                 tag: .named("1.2.3"), repositoryLogicalId: "Repo"),
        Expected(label: "literal repository name after pseudo host",
                 expression: #"!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/team/app:${Tag}""#,
                 tag: .named("v1"), repositoryName: "team/app"),
        // CDK
        Expected(label: "CDK fromEcrRepository",
                 expression: #"{"Fn::Join": ["", [{"Fn::Select": [4, {"Fn::Split": [":", {"Fn::GetAtt": ["Repo", "Arn"]}]}]}, ".dkr.ecr.", {"Fn::Select": [3, {"Fn::Split": [":", {"Fn::GetAtt": ["Repo", "Arn"]}]}]}, ".", {"Ref": "AWS::URLSuffix"}, "/", {"Ref": "Repo"}, ":latest"]]}"#,
                 tag: .named("latest"), repositoryLogicalId: "Repo"),
        Expected(label: "CDK asset image",
                 expression: #"{"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}:\#(assetHash)"}"#,
                 tag: .named(assetHash)),
        // Parameters
        Expected(label: "parameter without Default as tag", expression: #"!Sub "${Repo.RepositoryUri}:${NoDefault}""#,
                 tag: .unknown, repositoryLogicalId: "Repo"),
        Expected(label: "whole image from a parameter without Default", expression: "!Ref ImageUri",
                 tag: .unknown, isECR: nil),
        Expected(label: "whole image from a parameter Default (assumed)", expression: "!Ref FullUri",
                 tag: .named("3.1"), repositoryName: "app"),
        // Unresolvable
        Expected(label: "ImportValue", expression: "!ImportValue shared-image-uri", tag: .unknown, isECR: nil),
        Expected(label: "SSM dynamic reference", expression: #""{{resolve:ssm:/app/image-uri}}""#, tag: .unknown, isECR: nil),
        Expected(label: "SSM dynamic reference as tag",
                 expression: #"!Sub "${Repo.RepositoryUri}:{{resolve:ssm:/app/tag}}""#,
                 tag: .unknown, repositoryLogicalId: "Repo"),
        // Mappings
        Expected(label: "FindInMap resolved", expression: "!FindInMap [Images, us-east-1, web]",
                 tag: .named("2.0"), repositoryName: "web"),
        Expected(label: "FindInMap with a pseudo key", expression: "!FindInMap [Images, !Ref AWS::Region, web]",
                 tag: .unknown, isECR: nil),
        // Digests and literals
        Expected(label: "GetAtt URI pinned by digest", expression: #"!Sub "${Repo.RepositoryUri}@\#(digest)""#,
                 tag: ContainerImage.TagState.none, repositoryLogicalId: "Repo", isDigestPinned: true),
        Expected(label: "literal Docker Hub image", expression: "nginx:1.27", tag: .named("1.27"), isECR: false),
        Expected(label: "literal ECR image", expression: "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:9",
                 tag: .named("9"), repositoryName: "team/app"),
    ]

    @Test(arguments: cases)
    func expression(_ expected: Expected) throws {
        let images = try Self.images(expected.expression)
        #expect(images.count == 1)
        let image = try #require(images.first)
        #expect(image.tag == expected.tag)
        #expect(image.repositoryLogicalId == expected.repositoryLogicalId)
        #expect(image.repositoryName == expected.repositoryName)
        #expect(image.isECR == expected.isECR)
        #expect(image.isDigestPinned == expected.isDigestPinned)
        if expected.isDigestPinned { #expect(image.digest == Self.digest) }
    }

    @Test func ifEvaluatesBothBranches() throws {
        let images = try Self.images(#"!If [IsProd, !Sub "${Repo.RepositoryUri}:stable", "public.ecr.aws/nginx/nginx:1.27"]"#)
        #expect(images.count == 2)
        #expect(images[0].tag == .named("stable"))
        #expect(images[0].repositoryLogicalId == "Repo")
        #expect(images[0].isECR == true)
        #expect(images[1].tag == .named("1.27"))
        #expect(images[1].repositoryLogicalId == nil)
        #expect(images[1].isECR == false)
        #expect(images[1].reference?.isECRPublic == true)
    }

    @Test func ifWithAnUnknownBranch() throws {
        let images = try Self.images(#"!If [IsProd, !Ref ImageUri, !Sub "${Repo.RepositoryUri}@\#(Self.digest)"]"#)
        #expect(images.map(\.tag) == [.unknown, ContainerImage.TagState.none])
        #expect(images.map(\.isDigestPinned) == [false, true])
        #expect(images.map(\.repositoryLogicalId) == [nil, "Repo"])
    }

    /// A parameter's `Default` stands in for its value, and the image remembers that it did
    /// (docs/aws-semantics.md §4.3: a parameter's default is an assumption, and findings say so).
    @Test func parameterDefaultsAreRecordedAsAssumptions() throws {
        let tagged = try #require(try Self.images(#"!Sub "${Repo.RepositoryUri}:${Tag}""#).first)
        #expect(tagged.tag == .named("v1"))
        #expect(tagged.assumptions == [SymbolicString.Assumption(parameter: "Tag", value: "v1")])
        #expect(tagged.assumptionClause == " (assuming parameter Tag keeps its default 'v1')")
        #expect(tagged.text == nil)
        #expect(tagged.displayText == "${Repo.RepositoryUri}:v1")

        let whole = try #require(try Self.images("!Ref FullUri").first)
        #expect(whole.text == "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:3.1")
        #expect(whole.displayText == whole.text)
        #expect(whole.assumptions.map(\.parameter) == ["FullUri"])

        // Through Join and both branches of If; each parameter named once, in order of use.
        let joined = try Self.images(#"!If [IsProd, !Join [":", [!Ref FullUri, !Ref Tag, !Ref Tag]], "nginx:1.27"]"#)
        #expect(joined.map { $0.assumptions.map(\.parameter) } == [["FullUri", "Tag"], []])
        #expect(joined[0].assumptionClause == " (assuming parameter FullUri keeps its default '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:3.1' and parameter Tag keeps its default 'v1')")
        #expect(joined[1].assumptionClause == "")

        // A parameter without a default stays unknown; a literal assumes nothing.
        let unknown = try #require(try Self.images(#"!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/team/app:${NoDefault}""#).first)
        #expect(unknown.tag == .unknown && unknown.assumptions.isEmpty)
        #expect(unknown.displayText == "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/team/app:${…}")
        #expect(try Self.images("nginx:1.27").first?.assumptions.isEmpty == true)
    }

    /// A NoEcho parameter's default is a secret: it is never used, so no message can show it.
    @Test func noEchoDefaultsAreNeverRead() throws {
        let text = """
            Parameters:
              Tag:
                Type: String
                NoEcho: "true"
                Default: s3cr3t-tag
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: c
                      Image: !Sub "nginx:${Tag}"
            """
        let analysis = FileAnalysis.analyze(SourceFile(path: "template.yaml", text: text), limits: .default)
        let image = try #require(analysis.documents.first?.taskDefinitions.first?.containers.first?.image)
        #expect(image.tag == .unknown)
        #expect(image.assumptions.isEmpty)
        #expect(image.displayText == "nginx:${…}")
    }

    /// A literal repository name resolves to the template's repository through the index.
    @Test func literalRepositoryNameLinksToTheTemplateRepository() throws {
        let text = Self.template(image: #"!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/team/app:${Tag}""#)
        let analysis = FileAnalysis.analyze(SourceFile(path: "template.yaml", text: text), limits: .default)
        let model = ProjectModel(documents: analysis.documents)
        let task = try #require(model.taskDefinitions.first)
        let image = try #require(task.containers.first?.image)
        let target = model.index.target(of: image, in: task, model: model)
        #expect(target.repositoryName == "team/app")
        #expect(target.repository.map { model.repositories[$0].origin } == .cloudFormation(logicalId: "Repo"))
    }
}
