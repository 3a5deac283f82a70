import CacheWatchCore
import CacheWatchRunner
import Foundation

/// Headless mode: the build log goes to stdout as plain lines, then a summary; exits with the build's status.
/// With `--report -` stdout carries only the JSON report, and the log and summary go to stderr.
struct HeadlessRunner {
    let setup: Launcher.Setup

    func run() -> Int32 {
        SignalTrap.install()
        let dispatcher = Dispatcher(
            setup: setup, state: AppState(session: setup.info, cacheLimit: setup.cacheLimit, scrollback: 1000),
            mode: "headless")
        var assembler = LineAssembler()
        let reportToStdout = setup.report == .standardOutput
        let out = reportToStdout ? FileHandle.standardError : FileHandle.standardOutput
        for line in setup.banner {
            Output.write((line + "\n"), to: out)
            dispatcher.dispatch(.banner(line))
        }
        for line in setup.warnings {
            Output.err(line + "\n")
            dispatcher.dispatch(.banner(line))
        }
        dispatcher.dispatch(.appStarted(wallClock: Date().timeIntervalSince1970, now: MonotonicClock.now()))
        var record: RunRecord?
        var interruptedBy: Int32?
        while record == nil {
            var fds = [
                pollfd(fd: setup.events.wakeDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: SignalTrap.readFD, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, nfds_t(fds.count), dispatcher.timeout(now: MonotonicClock.now(), limit: 500))
            for signal in SignalTrap.take() where signal != SIGWINCH && interruptedBy == nil {
                interruptedBy = signal
                Output.err("cachewatch: stopping the build…\n")
                setup.session.stop()
            }
            for event in setup.events.drain() {
                switch event {
                case .output(let bytes):
                    let lines = assembler.feed(bytes)
                    if !lines.isEmpty { Output.write((lines.map(\.text).joined(separator: "\n") + "\n"), to: out) }
                case .finalReport(let text):
                    if let last = assembler.finish() { Output.write((last.text + "\n"), to: out) }
                    Output.write(("── sccache's final report ──\n" + text + "\n"), to: out)
                case .buildFailedToStart(let message, _, _):
                    Output.err("cachewatch: error: \(message)\n")
                case .buildStoppedBeforeStart:
                    Output.err("cachewatch: stopped before the build started\n")
                case .notice(let notice) where notice.level != .info:
                    Output.err("cachewatch: \(notice.text)\n")
                default:
                    break
                }
                dispatcher.dispatch(event)
                // --compare: the session goes on until its last run.
                let comparing = dispatcher.state.comparison.map { !$0.isDone } ?? false
                if case .buildEnded = event, !comparing { record = dispatcher.state.lastRecord }
                if case .buildFailedToStart = event { record = dispatcher.state.lastRecord }
                if case .buildStoppedBeforeStart = event { record = dispatcher.state.lastRecord }
            }
            dispatcher.tickIfDue(now: MonotonicClock.now())
        }
        if let last = assembler.finish() { Output.write((last.text + "\n"), to: out) }
        setup.session.shutdown()
        // The report's fate comes after the build's end: wait for the writer, then take its event.
        setup.history.finish()
        // The run kept (its report is written then), or why it was not: said on stderr.
        for event in setup.events.drain() {
            if case .notice(let notice) = event, notice.level != .info { Output.err("cachewatch: \(notice.text)\n") }
            dispatcher.dispatch(event)
        }
        setup.reportWriter?.finish()
        setup.traceWriter?.finish()
        for event in setup.events.drain() {
            if case .notice(let notice) = event, notice.level != .info {
                Output.err("cachewatch: \(notice.text)\n")
            }
            dispatcher.dispatch(event)
        }
        dispatcher.finish()
        let state = dispatcher.state
        let deleted = Set(
            state.disk.seen.filter { path in state.disk.usage?.directories.contains { $0.path == path && !$0.exists } ?? false })
        // The record as the history kept it: its misses explained.
        if let kept = state.lastRecord, kept.id == record?.id { record = kept }
        let summary = SummaryText(
            record: record!, statsProblem: state.stats.problem, logFileProblem: state.logFileProblem, report: state.report,
            deleted: deleted, inHistory: setup.history.didKeep(record!.id))
        Output.write(summary.lines.map { "cachewatch: \($0)\n" }.joined(), to: out)
        if let result = state.comparison?.result { Output.write("cachewatch: \(result)\n", to: out) }
        for problem in summary.problems { Output.err("cachewatch: \(problem)\n") }
        if let path = setup.jobSummary {
            do {
                try SafeFile.append(
                    JobSummary.markdown(record!, previous: state.previous, cacheLimit: state.cacheLimit), to: path)
                Output.write("cachewatch: job summary appended to \(path)\n", to: out)
            } catch {
                Output.err("cachewatch: could not write the job summary: \(error)\n")
            }
        }
        if reportToStdout, let json = setup.reportWriter?.last.get() {
            Output.out(json, terminator: "")
        }
        // Interrupted: the shell's convention, 128 + the signal received (Ctrl-C gives 130).
        if let interruptedBy { return 128 + interruptedBy }
        return record!.outcome.exitCode
    }
}
