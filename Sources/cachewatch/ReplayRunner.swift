import CacheWatchCore
import CacheWatchRunner
import CacheWatchTerminal
import Foundation

/// The replay's loop: the recorded events at the recorded pace (scaled), the viewer's keys, a frame when
/// something changed.
struct ReplayRunner {
    let file: RecordingFile
    /// nil: as fast as it goes.
    let speed: Double?
    let from: Double
    /// The viewer's keys and colours.
    let settings: Settings

    func run() -> Int32 {
        SignalTrap.install(jobControl: true)
        CrashGuard.install()
        do {
            try Terminal.check()
        } catch {
            Output.err("cachewatch: error: \(error)\n")
            return 2
        }
        let terminal = Terminal(color: settings.color, palette: settings.colors)
        defer { terminal.restore() }
        let player = ReplayPlayer(file: file, width: terminal.width, height: terminal.height, keymap: settings.keymap)
        if from > 0 { player.seek(to: from) }
        var paused = false
        // The recorded time shown at `clockStart` (wall clock): the replay's position moves on from there.
        var clockStart = MonotonicClock.now()
        var clockBase = player.position
        var screen = Screen(width: 0, height: 0)
        var dirty = true
        var quit = false
        while !quit {
            if !paused {
                let target = speed.map { clockBase + (MonotonicClock.now() - clockStart) * $0 } ?? .infinity
                let before = player.position
                player.advance(to: target, budget: 0.05)
                if player.position != before || speed == nil { dirty = true }
            }
            if dirty {
                player.show(speed: speed, paused: paused)
                let state = player.state
                if screen.width != state.width || screen.height != state.height {
                    screen = Screen(width: state.width, height: state.height)
                }
                DashboardView.render(state, into: &screen, glyphs: terminal.glyphs)
                terminal.present(screen)
                dirty = false
            }
            let waiting = paused || player.ended
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: SignalTrap.readFD, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, nfds_t(fds.count), waiting ? 1000 : speed == nil ? 0 : 16)
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { break }
            for signal in SignalTrap.take() {
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
                case _ where key == Keymap.alwaysQuits || settings.keymap.action(for: key) == .quit:
                    quit = true
                case .character(" ") where player.state.prompt == nil:
                    paused.toggle()
                    clockStart = MonotonicClock.now()
                    clockBase = player.position
                case .character("["), .character("]"):
                    guard player.state.prompt == nil else { fallthrough }
                    player.seek(to: player.position + (key == .character("[") ? -10 : 10))
                    clockStart = MonotonicClock.now()
                    clockBase = player.position
                default:
                    if player.viewerKey(key).contains(.suspend) { terminal.suspend() }
                }
            }
        }
        return 0
    }
}
