import Testing

@testable import LinterCore
@testable import Linter

@Suite("Unified diff")
struct UnifiedDiffTests {
    private func diff(_ old: String, _ new: String) -> String {
        UnifiedDiff(oldLabel: "f.yaml", newLabel: "f.yaml").render(old: Array(old.utf8), new: Array(new.utf8))
    }

    @Test func distantChangesMakeTwoHunksWithThreeLinesOfContext() {
        let old = (1...20).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 2\n", with: "line 2\nadded\n").replacingOccurrences(of: "line 18\n", with: "changed\n")
        #expect(
            diff(old, new) == """
                --- a/f.yaml
                +++ b/f.yaml
                @@ -1,5 +1,6 @@
                 line 1
                 line 2
                +added
                 line 3
                 line 4
                 line 5
                @@ -15,6 +16,6 @@
                 line 15
                 line 16
                 line 17
                -line 18
                +changed
                 line 19
                 line 20

                """)
    }

    @Test func equalTextsGiveNothingAndAFinalLineBreakIsShown() {
        #expect(diff("a\n", "a\n") == "")
        #expect(
            diff("a\nb", "a\nb\n") == """
                --- a/f.yaml
                +++ b/f.yaml
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +b

                """)
        #expect(diff("", "x\n") == "--- a/f.yaml\n+++ b/f.yaml\n@@ -0,0 +1,1 @@\n+x\n")
    }

    @Test func secretsAreMasked() {
        var unified = UnifiedDiff(oldLabel: "t.json", newLabel: "t.json")
        let old = "{\"password\": \"hunter2\",\n\"a\": 1}\n"
        let new = "{\"password\": \"hunter2\",\n\"a\": 2}\n"
        let secret = ByteRange(start: 13, end: 22)
        unified.oldSecrets = [secret]
        unified.newSecrets = [secret]
        let text = unified.render(old: Array(old.utf8), new: Array(new.utf8))
        #expect(text.contains(" {\"password\": ********,\n"))
        #expect(!text.contains("hunter2"))
    }
}
