// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cachewatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cachewatch", targets: ["cachewatch"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "CPty", path: "Sources/CPty"),
        .target(name: "CacheWatchCore"),
        .target(name: "CacheWatchRunner", dependencies: ["CacheWatchCore", "CPty"]),
        .target(name: "CacheWatchTerminal", dependencies: ["CacheWatchCore", "CNcurses"]),
        .executableTarget(
            name: "cachewatch",
            dependencies: [
                "CacheWatchCore", "CacheWatchRunner", "CacheWatchTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "cachewatch-bench",
            dependencies: ["CacheWatchCore", "CacheWatchRunner", "CacheWatchTerminal"]
        ),
        .target(
            name: "CacheWatchTestSupport", dependencies: ["CacheWatchCore", "CacheWatchRunner"],
            path: "Tests/CacheWatchTestSupport"),
        .testTarget(
            name: "CacheWatchCoreTests",
            dependencies: ["CacheWatchCore", "CacheWatchTestSupport"],
            exclude: ["Snapshots", "Golden"],
            resources: [.copy("Fixtures"), .copy("FuzzCorpus")]
        ),
        .target(name: "CTestSupport", path: "Tests/CTestSupport"),
        .testTarget(
            name: "CacheWatchRunnerTests",
            dependencies: ["CacheWatchCore", "CacheWatchRunner", "CacheWatchTestSupport", "CTestSupport"]
        ),
        .testTarget(
            name: "CacheWatchIntegrationTests",
            dependencies: ["CacheWatchCore", "CacheWatchRunner", "CacheWatchTestSupport", "CTestSupport", "cachewatch"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
