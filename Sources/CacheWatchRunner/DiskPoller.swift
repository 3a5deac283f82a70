import CacheWatchCore
import Foundation

/// Scans the mounted directories when asked (at launch, a build's start, every `RunSchedule` period while it runs,
/// its end); on a queue of its own, one scan at a time (the scanner remembers directory listings between scans),
/// and a scan asked while one waits to start is the same scan.
final class DiskPoller: @unchecked Sendable {
    /// Beside the build (as the history is): the kernel gives the build and sccache the CPU first.
    private let queue = DispatchQueue(label: "cachewatch.disk", qos: .utility)
    private let scanner = DiskScanner()
    private let directories: [(name: String, path: String)]
    private let owned: Set<String>
    private let owner: uid_t
    private let events: EventQueue
    /// A scan is queued and has not started.
    private let queued = LockedValue(false)

    init(directories: [(name: String, path: String)], owned: Set<String>, owner: uid_t, events: EventQueue) {
        self.directories = directories
        self.owned = owned
        self.owner = owner
        self.events = events
    }

    /// A scan now, posted when done; `exact` false during a build (`DiskScanner`: files of unchanged directories
    /// as they were).
    func scan(exact: Bool) {
        guard queued.claim() else { return }
        queue.async {
            self.queued.set(false)
            self.scanNow(exact: exact)
        }
    }

    /// A scan started now, after any under way, for the caller to `wait` on (the end of a run scans while sccache
    /// gives its final numbers: its record holds this scan).
    func scanStarted() -> DispatchWorkItem {
        let item = DispatchWorkItem { self.scanNow() }
        queue.async(execute: item)
        return item
    }

    /// A scan now, on the caller's thread.
    @discardableResult
    func scanNow(exact: Bool = true) -> DiskUsage {
        let cost = WorkCost(children: false)
        let usage = scanner.scan(directories, owner: owner, countingOwnersOf: owned, exact: exact)
        events.post(.diskScanned(usage))
        events.post(.workCost(.disk, seconds: cost.seconds))
        return usage
    }
}
