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

    @OptionGroup var options: CommonOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let projectPath = Launcher.absolute(project ?? FileManager.default.currentDirectoryPath)
        let settings = Configuration.loadOrExit(flags: options.given, project: projectPath, trustProject: options.trustProject)
            .settings
        let engine = settings.engine.flatMap(EngineChoice.init(rawValue:)) ?? .docker
        let image = settings.image ?? DockerPlan.defaultImage
        let mountRoot = Launcher.mountRoot(settings.mountRoot)
        let size = settings.cacheSize.flatMap { try? CacheSize.parse($0) } ?? .standard
        let owner = settings.owner.flatMap(Owner.parse) ?? Owner.invoking(environment: environment)
        var request = DoctorProbe.Request(
            engine: engine.rawValue, image: engine == .docker ? image : nil,
            command: settings.command, project: projectPath,
            mountRoot: mountRoot, cacheLimit: size.bytes, environment: environment, sccache: settings.sccache,
            owner: owner.uid)
        request.probeBackend = settings.probe
        let findings = Doctor.findings(DoctorProbe.gather(request))
        var lines = ["cachewatch doctor: \(engine.rawValue) engine\(engine == .docker ? ", image \(image)" : ""), \(projectPath)"]
        lines += findings.flatMap(\.lines)
        lines.append(Doctor.verdict(findings))
        Output.out(SecretMask.text(lines.joined(separator: "\n")))
        if Doctor.blocking(findings) != nil { throw ExitCode(1) }
    }
}
