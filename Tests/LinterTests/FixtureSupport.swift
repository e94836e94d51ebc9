import Foundation
import Testing
@testable import LinterCore
@testable import Linter
import TestKit

/// The realistic inputs under `Tests/Fixtures/`, one folder per input shape, loaded from disk
/// next to this source file.
enum Fixtures {
    static let directory: String = TestPaths.fixtures

    /// Every fixture, relative to `directory`.
    static let all: [String] = [
        "task-definition/register-input.json",
        "task-definition/describe-output.json",
        "service/create-service.json",
        "service/update-service.json",
        "service/describe-services.json",
        "lifecycle-policy/policy.json",
        "lifecycle-policy/get-lifecycle-policy.json",
        "repository/create-repository.json",
        "repository/describe-repositories.json",
        "cloudformation/service-stack.yaml",
        "cloudformation/template.json",
        "cdk/cdk.out/AppStack.template.json",
        "ecspresso/ecspresso.yml",
        "ecspresso/ecs-task-def.json",
        "ecspresso/ecs-service-def.json",
        "ecspresso/minimal/config.yaml",
        "ecspresso/minimal/ecs-task-def.json",
        "ecspresso/minimal/ecs-service-def.json",
        "terraform/plan.json",
    ]

    static func path(_ relative: String) -> String { directory + "/" + relative }

    static func source(_ relative: String) throws -> SourceFile {
        let data = try #require(FileManager.default.contents(atPath: path(relative)), "missing fixture \(relative)")
        return SourceFile(path: path(relative), bytes: Array(data))
    }

    static func analyze(_ relative: String) throws -> FileAnalysis {
        let analysis = FileAnalysis.analyze(try source(relative), limits: .default)
        #expect(analysis.parseError == nil, "\(relative): \(analysis.parseError?.description ?? "")")
        return analysis
    }

    /// The single document of a fixture, with no model problems.
    static func document(_ relative: String) throws -> (SourceFile, ModelDocument) {
        let analysis = try analyze(relative)
        #expect(analysis.documents.count == 1)
        let document = try #require(analysis.documents.first)
        #expect(document.problems.isEmpty, "\(document.problems.map(\.message))")
        return (analysis.source, document)
    }

    /// The model of several fixtures analyzed together, as one project.
    static func project(
        _ relatives: [String] = all, repositoryMappings: [String: RepositoryMapping] = [:]
    ) throws -> (ProjectModel, [String: SourceFile]) {
        var documents: [ModelDocument] = []
        var files: [String: SourceFile] = [:]
        for relative in relatives {
            let analysis = try analyze(relative)
            files[analysis.source.path] = analysis.source
            documents += analysis.documents
        }
        return (ProjectModel(documents: documents, repositoryMappings: repositoryMappings), files)
    }
}

/// `line:column` (UTF-16 columns) where a location starts.
func start(_ file: SourceFile, _ location: Location) -> String {
    file.position(of: location.range.start).description
}

/// `line:column-line:column` of a location.
func span(_ file: SourceFile, _ location: Location) -> String {
    file.range(of: location.range).description
}

/// The source text a location covers.
func text(_ file: SourceFile, _ location: Location) -> String {
    file.text(of: location.range)
}
