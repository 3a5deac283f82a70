import CacheWatchCore
import Foundation

/// Feeds a recording's events into a fresh dashboard state, on the recording's own clock: the same `update`
/// as live, so the screens are the same. The viewer's terminal size replaces the recorded ones (a replay
/// redraws for its own size); effects are not carried out (nothing is built again).
///
/// Seeking back restores the latest snapshot before the target (one is kept every 30 s of the recording) and
/// feeds from there, so a seek costs at most 30 s of events whatever the session's length.
public final class ReplayPlayer {
    public let file: RecordingFile
    public private(set) var state: AppState
    /// The next frame to feed.
    private var index = 0
    /// The recorded time reached (seconds since the session started).
    public private(set) var position = 0.0
    private var snapshots: [(index: Int, position: Double, state: AppState)] = []
    private var size: (width: Int, height: Int)
    static let snapshotEvery = 30.0

    /// `keymap`: the viewer's keys (their config file's `[keys]`), not the recorded session's.
    public init(file: RecordingFile, width: Int, height: Int, keymap: Keymap = .standard) {
        self.file = file
        size = (width, height)
        state = file.header.initialState()
        state.keymap = keymap
        _ = state.update(.resize(width: width, height: height))
        snapshots.append((0, 0, state))
    }

    /// True once every recorded event was fed.
    public var ended: Bool { index >= file.count }

    /// When the next frame happened (recorded time), if any is left.
    public var nextFrameTime: Double? { index < file.count ? file.time(at: index) : nil }

    /// Feeds the frames up to recorded time `target`; with `budget` (seconds of wall time), stops early when
    /// that is spent (so a replay at full speed keeps answering keys).
    public func advance(to target: Double, budget: Double? = nil) {
        let deadline = budget.map { MonotonicClock.now() + $0 }
        while index < file.count, file.time(at: index) <= target {
            feed(index)
            index += 1
            if index % 256 == 0, let deadline, MonotonicClock.now() > deadline { break }
        }
        if index >= file.count || file.time(at: index) > target { position = max(position, min(target, file.duration)) }
    }

    /// Jumps to recorded time `target` (back or forward).
    public func seek(to target: Double) {
        let target = max(0, min(target, file.duration))
        if target < position {
            let snapshot = snapshots.last { $0.position <= target } ?? snapshots[0]
            index = snapshot.index
            position = snapshot.position
            state = snapshot.state
            _ = state.update(.resize(width: size.width, height: size.height))
        }
        advance(to: target)
        position = target
    }

    /// A key pressed while watching: viewing keys act, build keys say they are not available.
    public func viewerKey(_ key: Key) -> [Effect] {
        state.update(.viewerKey(key))
    }

    public func resize(width: Int, height: Int) {
        size = (width, height)
        _ = state.update(.resize(width: width, height: height))
    }

    /// Tells the state where the replay is (for its status bar).
    public func show(speed: Double?, paused: Bool) {
        _ = state.update(
            .replayPosition(ReplayPosition(at: position, length: file.duration, speed: speed, paused: paused, ended: ended)))
    }

    private func feed(_ frame: Int) {
        let event = file.event(at: frame)
        let time = file.time(at: frame)
        position = time
        if case .resize = event { return }  // the viewer's size stands
        _ = state.update(event)
        if time - (snapshots.last?.position ?? 0) >= Self.snapshotEvery {
            snapshots.append((frame + 1, time, state))
        }
    }
}
