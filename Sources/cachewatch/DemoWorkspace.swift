import Foundation

/// Finds the bundled example workspace: $CACHEWATCH_DEMO, then beside the executable's checkout, then ./examples/demo.
enum DemoWorkspace {
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
