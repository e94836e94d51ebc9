#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinterCore

/// A file of finding fingerprints to leave out of reports, so a team can adopt ecslint on an
/// existing repository and fail only on new findings.
public enum Baseline {
    public static func render(_ fingerprints: [String]) -> String {
        JSONValue.object([
            ("version", .int(1)),
            ("fingerprints", .array(Array(Set(fingerprints)).sorted().map { .string($0) })),
        ]).pretty + "\n"
    }

    public enum ReadResult {
        case success(Set<String>)
        case failure(String)
    }

    public static func read(_ path: String) -> ReadResult {
        guard let data = FileSystem.contents(atPath: path) else {
            return .failure("\(path): cannot read the baseline file")
        }
        let file = SourceFile(path: path, bytes: data)
        do {
            let root = try JSONParser().parse(file.bytes)
            guard let list = root["fingerprints"]?.elements else {
                return .failure("\(path):1:1: error: a baseline is {\"version\": 1, \"fingerprints\": [...]}")
            }
            return .success(Set(list.compactMap(\.string)))
        } catch {
            return .failure(error.formatted(in: file))
        }
    }
}
