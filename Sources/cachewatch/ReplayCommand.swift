import ArgumentParser
import CacheWatchCore
import CacheWatchRunner
import CacheWatchTerminal
import Foundation

/// `cachewatch replay FILE`: the dashboard of a recorded session, fed from its recording.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recorded session (a .cwrec file) in the dashboard, or export it as an asciinema cast.",
        discussion: """
            Sessions are recorded under <mount root>/cachewatch/sessions/ (or where --record said). In the replay, \
            Space pauses, [ and ] jump 10 s back and forward, q quits; the viewing keys work as live (scroll, \
            search, e, x, o, Tab, w, ?); r, s, z and c are not available.
            """)

    @Argument(help: ArgumentHelp("The recording.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Speed: a factor (2 is twice as fast) or max (default: 1).", valueName: "n|max"))
    var speed = "1"

    @Option(help: ArgumentHelp("Start this many seconds into the recording.", valueName: "seconds"))
    var from = 0.0

    @Option(
        name: .customLong("export-cast"),
        help: ArgumentHelp(
            "Write an asciinema v2 cast of the replayed screens here instead of showing them.", valueName: "out.cast"))
    var exportCast: String?

    @Option(help: ArgumentHelp("The cast's terminal size (default: 120x35).", valueName: "WxH"))
    var size = "120x35"

    func validate() throws {
        if speedFactor == nil && speed != "max" { throw ValidationError("--speed must be a number above 0 or max") }
        if castSize == nil { throw ValidationError("--size must be WIDTHxHEIGHT, at least 60x16, e.g. 120x35") }
        if from < 0 { throw ValidationError("--from must be 0 or more") }
    }

    /// nil for `max`.
    var speedFactor: Double? { ReplayLoop.speed(speed) }

    var castSize: (width: Int, height: Int)? { CastExporter.size(size) }

    func run() throws {
        let recording = try failing(2) { try RecordingFile(path: file) }
        try Self.play(
            recording, speed: speedFactor, from: from, exportCast: exportCast, size: castSize ?? (120, 35),
            settings: Configuration.loadOrExit(flags: [:], project: nil).settings)
    }

    /// Plays `recording`: as an asciinema cast written to `exportCast`, else in the dashboard (which needs a
    /// terminal). `cachewatch replay` and `cachewatch demo --replay` both play through here.
    static func play(
        _ recording: RecordingFile, speed: Double?, from: Double, exportCast: String?, size: (width: Int, height: Int),
        settings: Settings
    ) throws {
        if let exportCast {
            Output.out(
                try failing(1) { try CastExporter.export(recording, to: exportCast, size: size, speed: speed, from: from) })
            return
        }
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            Output.err("cachewatch: error: replay needs a terminal; use --export-cast to write a cast\n")
            throw ExitCode(2)
        }
        try failing(2) { try Terminal.check() }
        CrashGuard.install()
        let terminal = Terminal(color: settings.color, palette: settings.colors)
        defer { terminal.restore() }
        throw ExitCode(
            ReplayLoop(file: recording, speed: speed, from: from, keymap: settings.keymap, terminal: terminal).run())
    }
}
