// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ecslint",
    products: [
        .executable(name: "ecslint", targets: ["ecslint"]),
        .library(name: "Linter", targets: ["Linter"]),
        .library(name: "Rules", targets: ["Rules"]),
    ],
    targets: [
        .target(name: "Linter", path: "Sources/Linter"),
        .target(name: "Rules", dependencies: ["Linter"], path: "Sources/Rules"),
        .executableTarget(name: "ecslint", dependencies: ["Linter", "Rules"], path: "Sources/ecslint"),
        // Benchmark corpus generator and in-process parser throughput (Scripts/bench).
        .executableTarget(name: "ecslint-bench", dependencies: ["Linter"], path: "Sources/ecslint-bench"),
        .testTarget(name: "LinterTests", dependencies: ["Linter"], path: "Tests/LinterTests"),
        .testTarget(
            name: "RulesTests", dependencies: ["Linter", "Rules"], path: "Tests/RulesTests",
            resources: []),
    ],
    swiftLanguageModes: [.v6]
)
