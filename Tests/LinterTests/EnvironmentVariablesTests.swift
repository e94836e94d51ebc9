import Foundation
import Testing

@testable import LinterCore
@testable import Linter

@Suite("Environment variables")
struct EnvironmentVariablesTests {
    @Test("only the variables ecslint reads are kept, set or empty")
    func keepsOnlyItsOwnVariables() {
        let process = ["NO_COLOR": "", "ECSLINT_RULES_D": "/opt/ecslint/rules.d", "PATH": "/usr/bin", "HOME": "/root"]
        #expect(EnvironmentVariables.current(reading: { process[$0] }) == ["NO_COLOR": "", "ECSLINT_RULES_D": "/opt/ecslint/rules.d"])
        #expect(EnvironmentVariables.current(reading: { _ in nil }) == [:])
    }

    @Test("a variable of the process reads as ProcessInfo reports it")
    func readsTheProcess() {
        // Read only: setting a variable would race with tests that read the shipped rules' place.
        for (name, value) in ProcessInfo.processInfo.environment.prefix(5) {
            #expect(EnvironmentVariables.processValue(name) == value)
        }
        #expect(EnvironmentVariables.processValue("ECSLINT_SURELY_UNSET_5EED4A31") == nil)
    }
}
