import Foundation
import LinterCore
import Linter
import Rules
import Testing
import TestKit

/// Every fuzz seed (and every crash reproducer saved next to them) runs through the whole pipeline
/// in the ordinary test suite too: no rule may fail and every range must lie inside its file.
@Suite("Hostile input: fuzz seeds through the pipeline")
struct HostileFuzzSeedTests {
    static let seedsDirectory = TestPaths.inPackage("Fuzz/seeds")

    static func seeds() -> [String] {
        let manager = FileManager.default
        return (manager.subpaths(atPath: seedsDirectory) ?? []).filter { name in
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: seedsDirectory + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    @Test func seedsExist() {
        #expect(Self.seeds().count >= 20)
    }

    @Test func everySeedLintsWithoutAnInternalError() throws {
        let registry = TestLint.registry
        for name in Self.seeds() {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.seedsDirectory + "/" + name)))
            for path in ["/f.yaml", "/f.json"] {
                let engine = LintEngine(registry: registry, configuration: Configuration(rootDirectory: "/"), workers: 1)
                let outcome = engine.lint(sources: [SourceFile(path: path, bytes: bytes)])
                #expect(!outcome.findings.contains { $0.ruleId == "ECS001" }, "\(name) as \(path)")
                for finding in outcome.findings {
                    #expect(finding.range.end.offset <= bytes.count, "\(name) as \(path): \(finding.message)")
                }
                _ = Reporter.render(.text, ReportContext(outcome: outcome, showSource: true))
            }
        }
    }
}
