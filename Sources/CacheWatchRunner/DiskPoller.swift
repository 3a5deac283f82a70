import CacheWatchCore
import Foundation

/// Scans the mounted directories: on demand, and every interval while a build runs; on a queue of its own, one
/// scan at a time (the scanner remembers directory listings between scans).
final class DiskPoller: @unchecked Sendable {
    private let queue = DispatchQueue(label: "cachewatch.disk")
    private let scanner = DiskScanner()
    private let directories: [(name: String, path: String)]
    private let owned: Set<String>
    private let owner: uid_t
    private let events: EventQueue
    private var timer: DispatchSourceTimer?

    init(directories: [(name: String, path: String)], owned: Set<String>, owner: uid_t, events: EventQueue) {
        self.directories = directories
        self.owned = owned
        self.owner = owner
        self.events = events
    }

    /// A scan now, posted when done.
    func scan() {
        queue.async { self.scanNow() }
    }

    /// A scan now, on the caller's thread (the end of a run: its record holds this scan).
    @discardableResult
    func scanNow() -> DiskUsage {
        let usage = scanner.scan(directories, owner: owner, countingOwnersOf: owned)
        events.post(.diskScanned(usage))
        return usage
    }

    /// Scans every `interval` seconds until `stopRepeating`.
    func startRepeating(every interval: Double) {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.scanNow() }
        timer.resume()
        self.timer = timer
    }

    func stopRepeating() {
        timer?.cancel()
        timer = nil
    }
}
