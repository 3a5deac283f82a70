import CacheWatchCore
import CacheWatchRunner
import Foundation

/// Headless mode: the build log goes to stdout as plain lines, then a summary; exits with the build's status.
struct HeadlessRunner {
    let setup: Launcher.Setup

    func run() -> Int32 {
        SignalTrap.install()
        var state = AppState(session: setup.info, cacheLimit: setup.cacheLimit, scrollback: 1000)
        var assembler = LineAssembler()
        let out = FileHandle.standardOutput
        for line in setup.banner { out.write(Data((line + "\n").utf8)) }
        setup.session.start()
        var outcome: BuildOutcome?
        var interrupted = false
        while outcome == nil {
            var fds = [
                pollfd(fd: setup.events.wakeDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: SignalTrap.readFD, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, nfds_t(fds.count), 500)
            for signal in SignalTrap.take() where signal != SIGWINCH && !interrupted {
                interrupted = true
                FileHandle.standardError.write(Data("cachewatch: stopping the build…\n".utf8))
                setup.session.stop()
            }
            for event in setup.events.drain() {
                switch event {
                case .output(let bytes):
                    let lines = assembler.feed(bytes)
                    if !lines.isEmpty { out.write(Data((lines.map(\.text).joined(separator: "\n") + "\n").utf8)) }
                case .buildFailedToStart(let message, _):
                    FileHandle.standardError.write(Data("cachewatch: error: \(message)\n".utf8))
                case .notice(let notice) where notice.level != .info:
                    FileHandle.standardError.write(Data("cachewatch: \(notice.text)\n".utf8))
                default:
                    break
                }
                _ = state.update(event)
                if case .buildEnded = event, case .finished(let o) = state.phase { outcome = o }
                if case .buildFailedToStart = event, case .finished(let o) = state.phase { outcome = o }
            }
        }
        if let last = assembler.finish() { out.write(Data((last.text + "\n").utf8)) }
        setup.session.shutdown()
        out.write(Data(Summary.text(state: state, outcome: outcome!, reportPath: setup.reportPath).utf8))
        return outcome!.status.code == 0 && outcome!.stopped ? 130 : outcome!.status.code
    }
}

/// The few lines printed after a headless build.
enum Summary {
    static func text(state: AppState, outcome: BuildOutcome, reportPath: String?) -> String {
        var lines: [String] = []
        let time = Durations.format(outcome.duration)
        let verdict: String
        if outcome.stopped {
            verdict = "stopped after \(time)"
        } else if outcome.succeeded {
            verdict = "succeeded in \(time)"
        } else {
            verdict = "failed with exit \(outcome.status.code) after \(time)"
        }
        lines.append("cachewatch: build \(verdict) (\(state.session.engine) engine)")
        if let s = state.stats.stats {
            lines.append(
                "cachewatch: sccache: \(s.hits.total ?? 0) hits, \(s.misses.total ?? 0) misses, hit rate "
                    + "\(Durations.percent(s.hitRate)), \(s.requestsNotCacheable ?? 0) not cacheable, "
                    + "\(s.cacheErrors.total ?? 0) cache errors, \(s.compileFailures ?? 0) compile failures")
        } else {
            lines.append("cachewatch: sccache: no statistics were received")
        }
        if let problem = state.stats.problem { lines.append("cachewatch: \(problem)") }
        if let usage = state.disk.usage {
            let parts = usage.directories.map { directory in
                guard directory.exists else { return "\(directory.name) absent" }
                let unread = directory.unreadable > 0 ? " (at least; \(directory.unreadable) directories unreadable)" : ""
                return "\(directory.name) \(ByteSize.format(directory.bytes))\(unread)"
            }
            lines.append("cachewatch: disk: " + parts.joined(separator: ", "))
        }
        if let file = state.logFile { lines.append("cachewatch: full log in \(file)") }
        if let reportPath { lines.append("cachewatch: report written to \(reportPath)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
