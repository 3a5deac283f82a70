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

    @OptionGroup var options: SettingOptions

    func run() throws {
        let directory = project ?? FileManager.default.currentDirectoryPath
        let settings = Configuration.loadOrExit(flags: options.given, project: directory, trustProject: options.trustProject)
            .settings
        let status = Launcher(settings: settings, project: directory, demo: false).run()
        throw ExitCode(status)
    }
}
