import CacheWatchCore
import Foundation

/// One run's live statistics: when asked (`RunSchedule` decides how often), the new lines of sccache's server log
/// and a stats sample, posted as events; on a queue of its own, so a slow sccache holds nothing else up; one
/// sample at a time (asked while one is under way, none is added). `stop` cancels a sample in flight.
final class StatsPoller: @unchecked Sendable {
    private let queue = DispatchQueue(label: "cachewatch.stats")
    private let engine: BuildEngine
    private let run: PreparedRun
    private let events: EventQueue
    private let serverLog: LogTailer
    private let cancel: CancelFlag
    /// Known secrets of this session: sccache's log prints a backend's URL with its password.
    private let scrubber: SecretScrubber
    /// A sample is asked for or under way.
    private let busy = LockedValue(false)
    /// The last JSON sccache printed, for the final numbers when it cannot be asked any more.
    let lastJSON = LockedValue<String?>(nil)

    init(
        engine: BuildEngine, run: PreparedRun, events: EventQueue, cancel: CancelFlag,
        scrubber: SecretScrubber = SecretScrubber(secrets: [])
    ) {
        self.scrubber = scrubber
        self.engine = engine
        self.run = run
        self.events = events
        serverLog = run.directory.serverLogTailer()
        self.cancel = cancel
    }

    /// A sample, unless one is already asked for or under way.
    func sample(_ sampling: RunSchedule.Sampling) {
        guard busy.claim() else { return }
        queue.async {
            defer { self.busy.set(false) }
            guard !self.cancel.isSet else { return }
            self.sampleNow(sampling)
        }
    }

    private func sampleNow(_ sampling: RunSchedule.Sampling) {
        let cost = WorkCost(children: true)
        defer { events.post(.workCost(.stats, seconds: cost.seconds)) }
        let lines = masked(serverLog.newLines())
        if !lines.isEmpty { events.post(.serverLog(lines)) }
        do {
            let json = try engine.sampleStats(run, sampling: sampling, cancel: cancel)
            let stats = try SccacheJSONParser.parse(json).scrubbed(scrubber)
            lastJSON.set(json)
            events.post(.stats(stats, final: false))
        } catch is StatsPending {
            // Nothing yet: the build is starting.
        } catch is Cancelled {
            // The run ended meanwhile.
        } catch let stale as StatsStale {
            events.post(.statsUnavailable(.stale(seconds: stale.seconds)))
        } catch {
            events.post(.statsUnavailable(.noAnswer("\(error)")))
        }
    }

    /// Stops sampling; a sample in flight gives up, and this returns once it has.
    func stop() {
        cancel.set()
        queue.sync {}
    }

    /// Lines of the server log not posted yet (after `stop`).
    func remainingLines() -> [String] {
        masked(serverLog.newLines())
    }

    /// Lines as they may be shown and recorded: URL credentials and the session's known secrets masked.
    private func masked(_ lines: [String]) -> [String] {
        lines.map(scrubber.masked)
    }

    /// Work on the poller's queue (zeroing the stats goes there, after any sample in flight).
    func async(_ work: @escaping @Sendable () -> Void) {
        queue.async(execute: work)
    }
}
