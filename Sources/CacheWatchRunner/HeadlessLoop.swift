import CacheWatchCore
import Foundation

/// Headless mode: the build log goes to stdout as plain lines, then a summary; exits with the build's status.
/// With `--report -` stdout carries only the JSON report, and the log and summary go to stderr.
public struct HeadlessLoop {
    let setup: SessionSetup

    public init(setup: SessionSetup) { self.setup = setup }

    public func run() -> Int32 {
        SignalTrap.install()
        let dispatcher = Dispatcher(
            setup: setup, state: AppState(session: setup.info, cacheLimit: setup.cacheLimit, scrollback: 1000, echo: true),
            mode: "headless")
        let reportToStdout = setup.report == .standardOutput
        let out = reportToStdout ? FileHandle.standardError : FileHandle.standardOutput
        func emit(_ lines: [HeadlessView.Line]) {
            for line in lines {
                switch line.stream {
                case .log: Output.write(line.text + "\n", to: out)
                case .problem: Output.err(line.text + "\n")
                }
            }
        }
        emit(HeadlessView.opening(banner: setup.banner, warnings: setup.warnings))
        for line in setup.banner + setup.warnings { dispatcher.dispatch(.banner(line)) }
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
                emit([HeadlessView.stopping()])
                setup.session.stop()
            }
            for event in setup.events.drain() {
                dispatcher.dispatch(event)
                emit(HeadlessView.lines(for: event, echoed: dispatcher.takeEchoed()))
                // The run's end (--compare: its last run's), or a start that failed or was stopped.
                let comparing = dispatcher.state.comparison.map { !$0.isDone } ?? false
                if case .finished(let outcome) = dispatcher.state.phase, !comparing || outcome.failure != nil || outcome.stopped {
                    record = dispatcher.state.lastRecord
                }
            }
            dispatcher.tickIfDue(now: MonotonicClock.now())
        }
        setup.session.shutdown(timeout: dispatcher.state.schedule.stopping.shutdown)
        // The report's fate comes after the build's end: wait for the history (the run kept, its report written
        // then) and the writers, then take their events (why a run was not kept is said on stderr).
        setup.history.finish()
        for event in setup.events.drain() {
            dispatcher.dispatch(event)
            emit(HeadlessView.lines(for: event, echoed: dispatcher.takeEchoed()))
        }
        setup.reportWriter?.finish()
        setup.traceWriter?.finish()
        for event in setup.events.drain() {
            dispatcher.dispatch(event)
            emit(HeadlessView.lines(for: event, echoed: dispatcher.takeEchoed()))
        }
        dispatcher.finish()
        let state = dispatcher.state
        // The record as the history kept it: its misses explained.
        if let kept = state.lastRecord, kept.id == record?.id { record = kept }
        emit(HeadlessView.summary(state, record: record!, inHistory: setup.history.didKeep(record!.id)))
        if let path = setup.jobSummary {
            var failure: String?
            do {
                try SafeFile.append(HeadlessView.jobSummary(state, record: record!), to: path)
            } catch {
                failure = "\(error)"
            }
            emit([HeadlessView.jobSummaryWritten(to: path, failure: failure)])
        }
        if reportToStdout, let json = setup.reportWriter?.last.get() {
            Output.out(json, terminator: "")
        }
        // Interrupted: the shell's convention, 128 + the signal received (Ctrl-C gives 130).
        if let interruptedBy { return 128 + interruptedBy }
        return record!.outcome.exitCode
    }
}
