import Foundation
import Testing
@testable import LinterCore
@testable import Linter
import TestKit

/// Every `.tf` file of the shared real-world corpus parses. Skips when `../shared` is absent.
@Suite struct HCLCorpusTests {
    static let corpusDirectory: String = Shared.path("corpus/files")

    static func terraformFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: corpusDirectory) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".tf") || relative.hasSuffix(".tfvars") { paths.append(corpusDirectory + "/" + relative) }
        }
        return paths.sorted()
    }

    @Test(.requiresShared("corpus/files"))
    func everyCorpusTerraformFileParses() throws {
        let paths = HCLCorpusTests.terraformFiles()
        var failures: [String] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = Array(data)
            do {
                let syntax = try HCLParser().parse(bytes)
                HCLSyntaxRanges.check(syntax, count: bytes.count, failures: &failures, path: path)
            } catch {
                failures.append(error.formatted(in: SourceFile(path: path, bytes: bytes)))
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        #expect(paths.count >= 150)
    }
}

/// Checks that every range of a syntax tree lies inside the input and inside its parent.
enum HCLSyntaxRanges {
    static func check(_ syntax: HCLFileSyntax, count: Int, failures: inout [String], path: String) {
        var bad: [ByteRange] = []
        syntax.body.forEachRange { range in
            if range.start < 0 || range.end > count || range.start > range.end { bad.append(range) }
        }
        for range in bad { failures.append("\(path): range \(range) outside \(count) bytes") }
    }
}
