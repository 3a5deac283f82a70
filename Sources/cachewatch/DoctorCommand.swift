import ArgumentParser
import CacheWatchCore
import CacheWatchRunner
import Foundation

/// `cachewatch doctor`: checks the setup a build needs, one line per check with what to do; exit status 1 when
/// something would make the build fail.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract:
            "Check the setup before a long build fails: Docker, the image, sccache, the project, the mount root, the cache.",
        discussion: "Each check is one line: ✔ fine, ⚠ worth knowing, ✘ a build would fail. Exit status 0 when nothing is ✘."
    )

    @Option(name: .long, help: ArgumentHelp("The Rust project to check (default: the current directory).", valueName: "dir"))
    var project: String?

    @OptionGroup(title: SettingGroup.build.title) var options: BuildOptions

    func run() throws {
        let host = LaunchPlan.Host.current
        let projectPath = LaunchPlan.absolute(project ?? host.workingDirectory, host: host)
        let settings = Configuration.loadOrExit(flags: options.given, project: projectPath, trustProject: options.trustProject)
            .settings
        let report = DoctorProbe.report(settings, project: projectPath, host: host)
        Output.out(report.text)
        if report.blocking { throw ExitCode(1) }
    }
}
