import ArgumentParser
import Foundation

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
