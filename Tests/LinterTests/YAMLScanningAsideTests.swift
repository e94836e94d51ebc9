import Foundation
import Testing

@testable import LinterCore
@testable import Linter
import TestKit

/// Large YAML files are scanned on a second thread while the tree is built (`YAMLTokenPipe`). The
/// result must not depend on it: the same documents and comments, or the same error at the same
/// place, for every batch size. The yaml-test-suite runs the same comparison in
/// `YAMLConformanceTests` when `../shared` is present.
@Suite("YAML scanning on a second thread")
struct YAMLScanningAsideTests {
    static func sameOutcome(_ bytes: [UInt8], batchSize: Int) -> Bool {
        let parser = YAMLParser()
        let serial = Result { () throws(ParseError) -> ParsedFile in try parser.parse(bytes) }
        let aside = Result { () throws(ParseError) -> ParsedFile in
            try parser.parse(bytes, scanningAside: true, batchSize: batchSize)
        }
        switch (serial, aside) {
        case (.success(let one), .success(let other)):
            return one.documents == other.documents && one.comments == other.comments
        case (.failure(let one), .failure(let other)):
            return one == other
        default:
            return false
        }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: TestPaths.root)
    }

    @Test("the repository's YAML files parse the same, in batches of any size")
    func repositoryFiles() throws {
        let root = Self.repositoryRoot
        var files: [URL] = []
        for folder in ["examples", "rules.d", ".github", "Tests"] {
            guard let walker = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            else { continue }
            for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) { files.append(url) }
        }
        #expect(files.count >= 5)
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            for batchSize in [1, 3, 4096] {
                #expect(Self.sameOutcome(bytes, batchSize: batchSize), "\(file.lastPathComponent), batches of \(batchSize)")
            }
        }
    }

    /// Errors found by the scanner (an unterminated quote, a tab as indentation, a stray
    /// character) and by the tree builder (an undefined alias, a bad indentation) at the start,
    /// middle and end of a stream, after comments.
    @Test(
        "errors surface at the same token, whichever thread finds them",
        arguments: [
            "a: 1\nb: \"unterminated\n",
            "# note\nkeys:\n\tbad: tab\n",
            "a: *missing\n",
            "list:\n  - 1\n - 2\n",
            "x: [1, 2\n",
            "a: 1\n---\nb: @reserved\n",
            "%YAML 1.2\n%YAML 1.2\n---\na: 1\n",
            "ok: 1 # fine\nthen: {a: 1, b\n",
            "key: value\n  indented: wrong\n",
            "a: |\n  text\n b: 1\n",
        ])
    func errors(_ text: String) {
        let prefix = String(repeating: "filler: [1, 2, 3] # padding\n", count: 40)
        for input in [text, prefix + text] {
            for batchSize in [1, 2, 5, 4096] {
                #expect(Self.sameOutcome(Array(input.utf8), batchSize: batchSize), "\(input.suffix(60).debugDescription), batches of \(batchSize)")
            }
        }
    }

    @Test("a multi-document stream with anchors, tags and comments parses the same")
    func documentsAnchorsAndTags() throws {
        var text = "%TAG !e! tag:example.com,2000:\n--- # first\n"
        for index in 0..<300 {
            text += "r\(index): &a\(index) {Type: !e!thing \"x\\u00e9\(index)\", List: [1, 2]} # c\(index)\n"
            text += "s\(index): *a\(index)\n"
        }
        text += "...\n---\n- !Ref Other\n- |\n  block\n  text\n- >\n  folded\n  text\n"
        let parsed = try YAMLParser().parse(Array(text.utf8), scanningAside: true)
        #expect(parsed.documents.count == 2)
        #expect(parsed.comments.count == 301)
        for batchSize in [1, 4, 4096] {
            #expect(Self.sameOutcome(Array(text.utf8), batchSize: batchSize))
        }
    }
}
