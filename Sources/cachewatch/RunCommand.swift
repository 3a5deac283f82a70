import ArgumentParser
import Foundation

/// `cachewatch [options] [-- command]`: builds the project in the current directory (or --project).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Build a Rust project and watch it (the default command)."
    )

    @Option(name: .long, help: ArgumentHelp("The Rust project to build (default: the current directory).", valueName: "dir"))
    var project: String?

    @OptionGroup var options: CommonOptions

    func run() throws {
        let directory = project ?? FileManager.default.currentDirectoryPath
        let status = Launcher(options: options, project: directory, demo: false).run()
        throw ExitCode(status)
    }
}

/// `cachewatch demo`: builds the bundled example workspace.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the bundled example workspace (examples/demo) and watch it."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        guard let workspace = DemoWorkspace.locate() else {
            FileHandle.standardError.write(
                Data(
                    "cachewatch: error: the example workspace (examples/demo) was not found; set CACHEWATCH_DEMO to its path\n"
                        .utf8))
            throw ExitCode(2)
        }
        var options = options
        options.fresh = true
        let status = Launcher(options: options, project: workspace, demo: true).run()
        throw ExitCode(status)
    }
}

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
