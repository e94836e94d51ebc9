// swift-tools-version:6.0
import PackageDescription

/// Release builds link the Swift runtime statically. The dynamic loader relocating it takes a large
/// share of every run, more than linting a task definition (docs/performance.md), and a static
/// binary runs where no Swift is installed. No target imports Foundation: the standard library and
/// the C library cover what ecslint needs, and Foundation's ICU data would be most of the binary.
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
        .library(name: "LinterCore", targets: ["LinterCore"]),
        .library(name: "Linter", targets: ["Linter"]),
        .library(name: "Rules", targets: ["Rules"]),
        .library(name: "LinterCLI", targets: ["LinterCLI"]),
    ],
    targets: [
        // The layers, each a target, so that the import graph is the architecture
        // (docs/architecture.md): the core (documents, parsers, the model and its index, the
        // lifecycle simulator, the rule protocol); the engine over it (configuration, the lint
        // run's stages, fixes, reports, rule files); the built-in rules, which see only the core;
        // the command line and language server; and the executable that joins them.
        .target(name: "LinterCore", path: "Sources/LinterCore", swiftSettings: staticRuntime),
        .target(name: "Linter", dependencies: ["LinterCore"], path: "Sources/Linter", swiftSettings: staticRuntime),
        .target(name: "Rules", dependencies: ["LinterCore"], path: "Sources/Rules", swiftSettings: staticRuntime),
        .target(name: "LinterCLI", dependencies: ["LinterCore", "Linter"], path: "Sources/LinterCLI", swiftSettings: staticRuntime),
        .executableTarget(
            name: "ecslint", dependencies: ["LinterCore", "Linter", "LinterCLI", "Rules"], path: "Sources/ecslint", swiftSettings: staticRuntime,
            linkerSettings: staticRuntimeLink),
        // Benchmark corpus generator and in-process parser throughput (Scripts/bench).
        .executableTarget(
            name: "ecslint-bench", dependencies: ["LinterCore", "Linter"], path: "Sources/ecslint-bench", swiftSettings: staticRuntime,
            linkerSettings: staticRuntimeLink),
        // What every test target shares (Tests/TestKit): temporary projects, the in-process CLI,
        // one registry of the built-in rules, snapshots, fixture paths and the ../shared locator.
        // Only test targets depend on it; it is no product's part.
        .target(name: "TestKit", dependencies: ["LinterCore", "Linter", "LinterCLI", "Rules"], path: "Tests/TestKit"),
        .testTarget(name: "LinterTests", dependencies: ["LinterCore", "Linter", "LinterCLI", "TestKit"], path: "Tests/LinterTests"),
        // How each built-in rule behaves: its examples, messages and precision.
        .testTarget(
            name: "RulesTests", dependencies: ["LinterCore", "Linter", "LinterCLI", "Rules", "TestKit"], path: "Tests/RulesTests",
            resources: []),
        // The command line end to end: output formats, exit codes, configuration, fixes, hostile
        // trees, declarative rule files, and the documentation the CLI generates or is described in.
        .testTarget(name: "CLITests", dependencies: ["LinterCore", "Linter", "LinterCLI", "Rules", "TestKit"], path: "Tests/CLITests"),
    ],
    swiftLanguageModes: [.v6]
)
