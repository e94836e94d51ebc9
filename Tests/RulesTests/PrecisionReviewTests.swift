import Foundation
import Testing
import TestKit

/// The precision review as a test: every error finding on the real-world corpus has a verdict
/// in `Tests/Precision/verdicts.tsv`, and none judged false fires again (`Scripts/precision-review`
/// prints the same findings with their source lines, to judge new ones).
@Suite("Precision review of ../shared/corpus")
struct PrecisionReviewTests {
    struct Verdict {
        var verdict: String
        var location: String
    }

    static let corpus = Shared.path("corpus/files")

    static func verdicts() throws -> [String: Verdict] {
        let text = try String(contentsOfFile: TestPaths.root + "/Tests/Precision/verdicts.tsv", encoding: .utf8)
        var verdicts: [String: Verdict] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 5, "malformed verdict row: \(line)")
            #expect(["true", "false", "debatable"].contains(fields[safe: 1] ?? ""), "unknown verdict in: \(line)")
            #expect(!(fields[safe: 4] ?? "").isEmpty, "a verdict needs a reason: \(line)")
            guard fields.count == 5 else { continue }
            #expect(verdicts[fields[0]] == nil, "two verdicts for \(fields[0])")
            verdicts[fields[0]] = Verdict(verdict: fields[1], location: fields[3])
        }
        return verdicts
    }

    @Test("every error finding has a verdict, and none judged false still fires", .requiresShared("corpus/files"))
    func errorsHaveVerdicts() throws {
        let repositories = try FileManager.default.contentsOfDirectory(atPath: Self.corpus)
        let verdicts = try Self.verdicts()
        var errors = 0
        for repository in repositories.sorted() {
            let directory = Self.corpus + "/" + repository
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let result = CLI.run(["lint", "--format", "json", "--quiet", "."], in: directory)
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(repository): \(result.stderr)")
            for finding in report["findings"] as? [[String: Any]] ?? [] where finding["severity"] as? String == "error" {
                errors += 1
                let fingerprint = finding["fingerprint"] as? String ?? ""
                let location = "\(repository)/\(finding["path"] ?? ""):\(finding["line"] ?? ""):\(finding["column"] ?? "")"
                let rule = finding["name"] as? String ?? ""
                guard let verdict = verdicts[fingerprint] else {
                    Issue.record("error without a verdict: \(fingerprint)\t\(rule)\t\(location) — judge it with Scripts/precision-review")
                    continue
                }
                #expect(verdict.verdict != "false", "judged false but fires again: \(rule) at \(location)")
            }
        }
        #expect(errors > 0, "the corpus should produce error findings to review")
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
