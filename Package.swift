// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cachewatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cachewatch", targets: ["cachewatch"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "CPty", path: "Sources/CPty"),
        .target(name: "CacheWatchCore"),
        .target(
            name: "CacheWatchRunner",
            dependencies: [
                "CacheWatchCore", "CacheWatchStore", "CPty", "CZlib", .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .target(name: "CacheWatchTerminal", dependencies: ["CacheWatchCore", "CNcurses"]),
        .target(
            name: "CacheWatchStore",
            dependencies: ["CacheWatchCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(
            name: "cachewatch",
            dependencies: [
                "CacheWatchCore", "CacheWatchRunner", "CacheWatchTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfo"]
        ),
        .plugin(name: "BuildInfo", capability: .buildTool(), path: "Plugins/BuildInfo"),
        .executableTarget(
            name: "cachewatch-bench",
            dependencies: ["CacheWatchCore", "CacheWatchRunner", "CacheWatchTerminal", "CacheWatchStore", "CacheWatchSynthetic"]
        ),
        .target(
            name: "CacheWatchTestSupport", dependencies: ["CacheWatchCore", "CacheWatchRunner"],
            path: "Tests/CacheWatchTestSupport"),
        .testTarget(
            name: "CacheWatchCoreTests",
            dependencies: ["CacheWatchCore", "CacheWatchSynthetic", "CacheWatchTestSupport"],
            exclude: ["Snapshots", "Golden"],
            resources: [.copy("Fixtures"), .copy("FuzzCorpus")]
        ),
        .target(name: "CacheWatchSynthetic", dependencies: ["CacheWatchCore"], path: "Tests/CacheWatchSynthetic"),
        .testTarget(
            name: "CacheWatchStoreTests",
            dependencies: [
                "CacheWatchCore", "CacheWatchStore", "CacheWatchSynthetic", "CacheWatchTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(name: "CTestSupport", path: "Tests/CTestSupport"),
        .testTarget(
            name: "CacheWatchRunnerTests",
            dependencies: ["CacheWatchCore", "CacheWatchRunner", "CacheWatchTestSupport", "CTestSupport"]
        ),
        .testTarget(
            name: "CacheWatchIntegrationTests",
            dependencies: [
                "CacheWatchCore", "CacheWatchRunner", "CacheWatchStore", "CacheWatchSynthetic", "CacheWatchTestSupport",
                "CTestSupport", "cachewatch",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
