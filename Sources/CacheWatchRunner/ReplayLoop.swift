import CacheWatchCore
import Foundation

/// The replay's loop: the recorded events at the recorded pace (scaled), the viewer's keys, a frame when
/// something changed.
public struct ReplayLoop {
    let file: RecordingFile
    /// nil: as fast as it goes.
    let speed: Double?
    let from: Double
    /// The viewer's keys.
    let keymap: Keymap
    let terminal: TerminalDevice
    let trapsSignals: Bool
    /// Seconds on a monotonic clock (a test's own moves only when the test says).
    let clock: @Sendable () -> Double

    /// `--speed`: a factor above 0, or nil (for `max`, or anything else, which the command refuses).
    public static func speed(_ text: String) -> Double? {
        guard let value = Double(text), value > 0, value.isFinite else { return nil }
        return value
    }

    public init(
        file: RecordingFile, speed: Double?, from: Double, keymap: Keymap, terminal: TerminalDevice,
        trapsSignals: Bool = true, clock: @escaping @Sendable () -> Double = MonotonicClock.now
    ) {
        self.clock = clock
        self.file = file
        self.speed = speed
        self.from = from
        self.keymap = keymap
        self.terminal = terminal
        self.trapsSignals = trapsSignals
    }

    public func run() -> Int32 {
        if trapsSignals { SignalTrap.install(jobControl: true) }
        let player = ReplayPlayer(file: file, width: terminal.width, height: terminal.height, keymap: keymap)
        if from > 0 { player.seek(to: from) }
        var paused = false
        // The recorded time shown at `clockStart` (wall clock): the replay's position moves on from there.
        var clockStart = clock()
        var clockBase = player.position
        var screen = Screen(width: 0, height: 0)
        var dirty = true
        var quit = false
        while !quit {
            if !paused {
                let target = speed.map { clockBase + (clock() - clockStart) * $0 } ?? .infinity
                let before = player.position
                player.advance(to: target, budget: 0.05)
                if player.position != before || speed == nil { dirty = true }
            }
            if dirty {
                player.show(speed: speed, paused: paused)
                terminal.draw(player.state, on: &screen)
                dirty = false
            }
            let waiting = paused || player.ended
            var fds = [
                pollfd(fd: terminal.inputDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: trapsSignals ? SignalTrap.readFD : -1, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, nfds_t(fds.count), waiting ? 1000 : speed == nil ? 0 : 16)
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { break }
            for signal in trapsSignals ? SignalTrap.take() : [] {
                switch signal {
                case SIGWINCH:
                    terminal.refreshSize()
                    player.resize(width: terminal.width, height: terminal.height)
                case SIGTSTP: terminal.suspend()
                case SIGCONT: terminal.resume()
                default: quit = true
                }
                dirty = true
            }
            for input in terminal.readInput() {
                guard case .key(let key) = input else { continue }
                dirty = true
                switch key {
                case _ where key == Keymap.alwaysQuits || keymap.action(for: key) == .quit:
                    quit = true
                case .character(" ") where player.state.prompt == nil:
                    paused.toggle()
                    clockStart = clock()
                    clockBase = player.position
                case .character("["), .character("]"):
                    guard player.state.prompt == nil else { fallthrough }
                    player.seek(to: player.position + (key == .character("[") ? -10 : 10))
                    clockStart = clock()
                    clockBase = player.position
                default:
                    if player.viewerKey(key).contains(.suspend) { terminal.suspend() }
                }
            }
        }
        return 0
    }
}
