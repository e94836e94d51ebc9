// swift-tools-version:6.0
import PackageDescription

/// Release builds link the Swift runtime statically. The dynamic loader relocating it took a large
/// share of every run, more than linting a task definition (docs/performance.md), and a static
/// binary runs where no Swift is installed. No target imports Foundation: the standard library and
/// the C library cover what ecslint needs, and Foundation's ICU data was most of the binary.
/// Every target compiled into a release binary needs the flag, so that it imports the static
/// modules whose link entries name their own dependencies. Debug builds (tests) stay dynamic and
/// link quickly.
///
/// The release executables are also linked at a fixed address (`-no-pie`), as Go links its
/// binaries by default. A position-independent executable starts by applying ~75,000 relocations
/// to the runtime's metadata, which copies ~220 pages of it on write: ~1.1 ms of every run, a
/// tenth of linting one task definition. The libraries, the heap and the stack are still placed at
/// random.
let staticRuntime: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
let staticRuntimeLink: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib", "-Xlinker", "-no-pie"], .when(platforms: [.linux], configuration: .release))
]

let package = Package(
    name: "ecslint",
    // The standard library's `Regex` and string algorithms (`replacing`, `firstRange`) need macOS 13.
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ecslint", targets: ["ecslint"]),
        .library(name: "Linter", targets: ["Linter"]),
        .library(name: "Rules", targets: ["Rules"]),
    ],
    targets: [
        .target(name: "Linter", path: "Sources/Linter", swiftSettings: staticRuntime),
        .target(name: "Rules", dependencies: ["Linter"], path: "Sources/Rules", swiftSettings: staticRuntime),
        .executableTarget(
            name: "ecslint", dependencies: ["Linter", "Rules"], path: "Sources/ecslint", swiftSettings: staticRuntime,
            linkerSettings: staticRuntimeLink),
        // Benchmark corpus generator and in-process parser throughput (Scripts/bench).
        .executableTarget(
            name: "ecslint-bench", dependencies: ["Linter"], path: "Sources/ecslint-bench", swiftSettings: staticRuntime,
            linkerSettings: staticRuntimeLink),
        // What every test target shares (Tests/TestKit): temporary projects, the in-process CLI,
        // one registry of the built-in rules, snapshots, fixture paths and the ../shared locator.
        // Only test targets depend on it; it is no product's part.
        .target(name: "TestKit", dependencies: ["Linter", "Rules"], path: "Tests/TestKit"),
        .testTarget(name: "LinterTests", dependencies: ["Linter", "TestKit"], path: "Tests/LinterTests"),
        // How each built-in rule behaves: its examples, messages and precision.
        .testTarget(
            name: "RulesTests", dependencies: ["Linter", "Rules", "TestKit"], path: "Tests/RulesTests",
            resources: []),
        // The command line end to end: output formats, exit codes, configuration, fixes, hostile
        // trees, declarative rule files, and the documentation the CLI generates or is described in.
        .testTarget(name: "CLITests", dependencies: ["Linter", "Rules", "TestKit"], path: "Tests/CLITests"),
    ],
    swiftLanguageModes: [.v6]
)
