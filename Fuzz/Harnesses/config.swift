// libFuzzer harness: the `.ecslint.json` loader; a configuration that loads is then used for a
// lint run over fixed samples (rule options, ignores, limits and globs all reach the engine).
import LinterCore
import Linter
import Rules

let registry: RuleRegistry = {
    do { return try RuleRegistry(BuiltinRules.all) } catch { fatalError("duplicate built-in rule: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let configuration: Configuration
    do {
        configuration = try ConfigurationLoader().parse(SourceFile(path: "/p/.ecslint.json", bytes: bytes), rootDirectory: "/p")
    } catch {
        _ = error.description
        return 0
    }
    let engine = LintEngine(registry: registry, configuration: configuration, workers: 1, reportUnusedSuppressions: true)
    _ = engine.unknownRuleKeys()
    for pattern in configuration.include + configuration.exclude {
        let glob = Glob(pattern)
        for path in ["taskdef.json", "a/b/service.yaml", ".hidden/x.yml", ""] { _ = glob.matchesPath(path) }
    }
    let outcome = engine.lint(sources: Samples.sources)
    for finding in outcome.findings {
        precondition(finding.ruleId != "ECS001", "internal error: \(finding.message)")
    }
    _ = Reporter.render(.text, ReportContext(outcome: outcome, showSource: true))
    return 0
}
