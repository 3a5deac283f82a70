import Foundation

/// Finds the bundled example workspace: $CACHEWATCH_DEMO, then beside the executable's checkout, then ./examples/demo.
public enum DemoWorkspace {
    /// The workspace, ready to build, or why not.
    public static func ready() throws(LaunchFailure) -> String {
        guard let workspace = locate() else {
            throw LaunchFailure("the example workspace (examples/demo) was not found; set CACHEWATCH_DEMO to its path")
        }
        guard FileManager.default.fileExists(atPath: workspace + "/local-registry/index") else {
            throw LaunchFailure(
                "the example workspace's crates (\(workspace)/local-registry) are not there yet; "
                    + "scripts/setup makes them from Debian's librust-*-dev packages")
        }
        return workspace
    }

    static func locate() -> String? {
        let fm = FileManager.default
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["CACHEWATCH_DEMO"] { candidates.append(explicit) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("examples/demo").path)
            directory.deleteLastPathComponent()
        }
        candidates.append(fm.currentDirectoryPath + "/examples/demo")
        return candidates.first { fm.fileExists(atPath: $0 + "/Cargo.toml") }
    }
}
