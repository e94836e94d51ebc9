// libFuzzer harness: one rules.d rule file (YAML, or JSON when the input starts with `{`). Rules
// that load are run over fixed samples, so conditions, paths and regexes are exercised too.
@testable import LinterCore
@testable import Linter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRulesDirectory(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let path = DocumentParser.format(forPath: "", bytes: bytes) == .json ? "/r/rules.json" : "/r/rules.yaml"
    var parser = RuleFileParser(file: SourceFile(path: path, bytes: bytes))
    let parsed = parser.parse()
    for error in parser.errors { _ = error.description }
    guard parser.errors.isEmpty, !parsed.isEmpty, let registry = try? RuleRegistry(parsed.map(\.rule)) else { return 0 }
    let outcome = LintEngine(registry: registry, configuration: Configuration(rootDirectory: "/p"), workers: 1)
        .lint(sources: Samples.sources)
    for finding in outcome.findings {
        precondition(finding.ruleId != "ECS001", "internal error: \(finding.message)")
    }
    _ = Reporter.render(.json, ReportContext(outcome: outcome))
    return 0
}
