import Foundation
import Testing

import TestKit

/// The limits `docs/architecture.md` promises a reader of the engine, checked so that they stay
/// true: the run is composed in one short file, and each stage fits on a few screens. The layers
/// themselves (Rules sees only LinterCore, the shipped code does not import Foundation) are
/// enforced by the targets in `Package.swift` and by `package-test`.
@Suite("House rules")
struct HouseRulesTests {
    static let engineDirectory = "Sources/Linter/Engine"

    static func lineCount(_ relativePath: String) throws -> Int {
        try TestPaths.read(relativePath).split(separator: "\n", omittingEmptySubsequences: false).count - 1
    }

    @Test func lintEngineComposesTheStagesInUnder150Lines() throws {
        #expect(try Self.lineCount(Self.engineDirectory + "/LintEngine.swift") < 150)
    }

    @Test func noEngineFileIsOver300Lines() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.inPackage(Self.engineDirectory))
            .filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.contains("LintEngine.swift"))
        for file in files {
            let lines = try Self.lineCount(Self.engineDirectory + "/" + file)
            #expect(lines <= 300, "\(Self.engineDirectory)/\(file) has \(lines) lines")
        }
    }
}
