/// Headless mode (`--headless`, CI) as a view of the event stream: the build's log as plain lines, cachewatch's own
/// problems, then the run's summary. The executable only writes these lines; what each event prints is decided
/// here, golden-tested. `log` lines go to stdout (to stderr when `--report -` takes stdout), `problem` lines to
/// stderr. The build's bytes are parsed once, by the state's log pane, which echoes its finished lines
/// (`AppState(echo: true)`): a progress bar redrawn with `\r` prints once, as its last state.
public enum HeadlessView {
    public enum Stream: Hashable, Sendable {
        case log
        case problem
    }

    public struct Line: Hashable, Sendable {
        public var stream: Stream
        public var text: String

        static func log(_ text: String) -> Line { Line(stream: .log, text: text) }
        static func problem(_ text: String) -> Line { Line(stream: .problem, text: "cachewatch: " + text) }
    }

    /// The dashboard's own notes before the build (which engine, which image): `banner` on the log stream,
    /// `warnings` as problems.
    public static func opening(banner: [String], warnings: [String]) -> [Line] {
        banner.map(Line.log) + warnings.map { Line(stream: .problem, text: $0) }
    }

    /// What one event prints once the state has taken it: the log lines it finished (`echoed`, from
    /// `AppState.takeEchoed()`), then its own.
    public static func lines(for event: Event, echoed: [LogLine]) -> [Line] {
        echoed.map { .log($0.text) } + own(event)
    }

    private static func own(_ event: Event) -> [Line] {
        switch event {
        case .runFinished(let final):
            guard let text = final.report else { return [] }
            return [.log("── sccache's final report ──"), .log(text)]
        case .startFailed(let failure, _, _):
            return [.problem("error: \(failure.message)")]
        case .buildFailedToStart(let message, _, _):
            return [.problem("error: \(message)")]
        case .buildStoppedBeforeStart:
            return [.problem("stopped before the build started")]
        case .notice(let notice) where notice.level != .info:
            return [.problem(notice.text)]
        default:
            return []
        }
    }

    /// A signal asked the build to stop.
    public static func stopping() -> Line { .problem("stopping the build…") }

    /// The closing lines: the summary of `record` (as the history kept it), the comparison's result, and what
    /// went wrong on the way (a report not written, a log file cut short).
    public static func summary(_ state: AppState, record: RunRecord, inHistory: Bool) -> [Line] {
        let deleted = Set(
            state.disk.seen.filter { path in state.disk.usage?.directories.contains { $0.path == path && !$0.exists } ?? false })
        let summary = SummaryText(
            record: record, statsProblem: state.stats.problem, logFileProblem: state.logFileProblem, report: state.report,
            deleted: deleted, inHistory: inHistory)
        var lines = summary.lines.map { Line.log("cachewatch: " + $0) }
        if let result = state.comparison?.result { lines.append(.log("cachewatch: " + result)) }
        return lines + summary.problems.map(Line.problem)
    }

    /// `--summary FILE`: the job summary's Markdown for `record`, compared with the session's baseline.
    public static func jobSummary(_ state: AppState, record: RunRecord) -> String {
        JobSummary.markdown(record, previous: state.previous, cacheLimit: state.cacheLimit)
    }

    /// Whether the job summary was appended to `path` (nil) or why not.
    public static func jobSummaryWritten(to path: String, failure: String?) -> Line {
        failure.map { .problem("could not write the job summary: \($0)") } ?? .log("cachewatch: job summary appended to \(path)")
    }
}
