import CacheWatchCore
import Foundation

/// Writes each finished run's report (`Effect.finished`) off the run loop, and says how it went as an event.
public final class ReportWriter: @unchecked Sendable {
    private let target: ReportTarget
    private let events: EventQueue
    private let queue = DispatchQueue(label: "cachewatch.report")
    /// The last report, for `--report -`.
    public let last = LockedValue<String?>(nil)

    public init(target: ReportTarget, events: EventQueue) {
        self.target = target
        self.events = events
    }

    /// A run that never started has no report: nothing was built.
    public func write(_ record: RunRecord) {
        if case .failedToStart = record.outcome { return }
        let json = RunReport.json(record)
        queue.async { [target, events, last] in
            switch target {
            case .standardOutput:
                last.set(json)
                events.post(.report(.ready))
            case .file(let path):
                do {
                    try AtomicFile.write(json, to: path)
                    events.post(.report(.written(path)))
                } catch {
                    events.post(.report(.failed("could not write the report: \(error)")))
                }
            }
        }
    }

    /// Waits for a write under way (before exiting).
    public func finish() {
        queue.sync {}
    }
}
