import CacheWatchCore
import Foundation

/// Writes each finished run's report (`Effect.writeReport`), or its Chrome trace (`--trace`), off the run loop, and
/// says how it went as an event.
public final class ReportWriter: @unchecked Sendable {
    public enum Kind: Sendable {
        /// The JSON report (`--report`): its fate is the `.report` event the summary reads.
        case report
        /// The compiles as a Chrome trace (`--trace`): a failure is a notice.
        case trace
    }

    private let target: ReportTarget
    private let kind: Kind
    private let events: EventQueue
    private let queue = DispatchQueue(label: "cachewatch.report")
    /// The last report, for `--report -`.
    public let last = LockedValue<String?>(nil)

    public init(target: ReportTarget, events: EventQueue, kind: Kind = .report) {
        self.kind = kind
        self.target = target
        self.events = events
    }

    /// A run that never started has no report: nothing was built.
    public func write(_ record: RunRecord) {
        if case .failedToStart = record.outcome { return }
        let kind = kind
        let json = kind == .report ? RunReport.json(record) : TraceExport.json(record)
        queue.async { [target, events, last] in
            switch (target, kind) {
            case (.standardOutput, _):
                last.set(json)
                if kind == .report { events.post(.report(.ready)) }
            case (.file(let path), .report):
                do {
                    try AtomicFile.write(json, to: path)
                    events.post(.report(.written(path)))
                } catch {
                    events.post(.report(.failed("could not write the report: \(error)")))
                }
            case (.file(let path), .trace):
                do {
                    try AtomicFile.write(json, to: path)
                } catch {
                    events.post(.notice(Notice("could not write the trace: \(error)", level: .warning, ttl: 8)))
                }
            }
        }
    }

    /// Waits for a write under way (before exiting).
    public func finish() {
        queue.sync {}
    }
}
