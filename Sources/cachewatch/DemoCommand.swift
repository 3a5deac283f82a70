import ArgumentParser
import CacheWatchCore
import CacheWatchRunner
import Foundation

/// `cachewatch demo`: builds the bundled example workspace, or (`--replay`) plays the session recorded from a real
/// containerized build of it, which is inside the binary: nothing else is needed.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the bundled example workspace (examples/demo) and watch it.",
        discussion: """
            --replay plays a recorded session instead (inside the binary; no Docker, cargo or sccache needed): a cold \
            build in the muslrust container, a warm re-run, an edit in one crate and its re-run. Space pauses, [ and ] \
            jump 10 s, t shows the compile timeline, q quits; scrolling, search and ? work as live.
            """
    )

    @OptionGroup var options: SettingOptions

    @Flag(help: "Play the bundled recording of a real containerized demo session instead of building.")
    var replay = false

    @Option(help: ArgumentHelp("With --replay: a speed factor, or max (default: 1).", valueName: "n|max"))
    var speed = "1"

    @Option(
        name: .customLong("export-cast"),
        help: ArgumentHelp("With --replay: write an asciinema v2 cast (120×35) instead of showing it.", valueName: "out.cast"))
    var exportCast: String?

    func validate() throws {
        if ReplayLoop.speed(speed) == nil && speed != "max" {
            throw ValidationError("--speed must be a number above 0 or max")
        }
    }

    /// The recording inside the binary.
    static func bundledRecording() throws -> RecordingFile {
        guard let packed = Data(base64Encoded: BundledDemo.zlibBase64, options: .ignoreUnknownCharacters) else {
            throw Zlib.Failure(description: "the bundled demo is not base64")
        }
        return try RecordingFile(data: try Zlib.inflate(packed, size: BundledDemo.size), name: "the bundled demo")
    }

    func run() throws {
        if replay {
            let recording = try failing(2) { try Self.bundledRecording() }
            try ReplayCommand.play(
                recording, speed: ReplayLoop.speed(speed), from: 0, exportCast: exportCast, size: (120, 35),
                settings: Configuration.loadOrExit(flags: options.given, project: nil, trustProject: options.trustProject)
                    .settings)
            return
        }
        let workspace = try failing(2) { try DemoWorkspace.ready() }
        let settings = Configuration.loadOrExit(flags: options.given, project: workspace, trustProject: options.trustProject)
            .settings
        let status = Launcher(settings: settings, project: workspace, demo: true).run()
        throw ExitCode(status)
    }
}
