import CacheWatchCore
import Foundation

/// Everything a session's loops need, checked before anything starts (`prepare`): the engine and its session,
/// the event queue, what the history, the report and the watcher do with the runs. (Sendable: its parts are
/// classes safe across threads, handed to the one thread that runs the loop.)
public struct SessionSetup: @unchecked Sendable {
    public let engine: BuildEngine
    public let session: BuildSession
    public let events: EventQueue
    public let info: SessionInfo
    public let cacheLimit: Int64?
    public let scrollback: Int
    public let report: ReportTarget?
    /// Writes each run's report, when one is asked for.
    public let reportWriter: ReportWriter?
    /// Writes each run's Chrome trace (`--trace`).
    public let traceWriter: ReportWriter?
    /// Where the session is recorded (nil: `--no-record`), and the space kept for recordings.
    public let recordPath: String?
    public let mountRoot: String
    public let keepSessions: Int64
    /// The largest log file of a run, and the most of the build's output a recording keeps (`--max-log-size`).
    public let maxLogSize: Int64
    /// "you", or "uid N" when --owner names someone else.
    public let ownerName: String
    /// Shown once in the log before the first build (e.g. why the demo runs natively).
    public let banner: [String]
    /// Said once before the first build and worth acting on (an untrusted project file, a mount root inside the
    /// project): in the log and the status bar, and on stderr headless.
    public let warnings: [String]
    /// Keeps every run in `<mount root>/cachewatch/history.sqlite`.
    public let history: HistoryJob
    /// Where headless mode appends each run's Markdown summary (`--summary`, `$GITHUB_STEP_SUMMARY`).
    public let jobSummary: String?
    /// Watch mode's eyes on the project (started and stopped by `Effect.watch`); nil where watch is unavailable.
    public let watcher: FileWatcher?
    /// The keys after the config files' `[keys]`, and the colours after `color` and `[colors]`.
    public let keymap: Keymap
    public let color: Bool
    public let palette: [StyleRole: ColorSpec]
}

/// A problem found before anything starts: printed, then a non-zero exit.
public struct LaunchFailure: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
