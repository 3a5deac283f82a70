import CacheWatchCore
import CacheWatchRunner
import CacheWatchTerminal
import Foundation

/// The interactive dashboard: one thread polls the terminal, the event queue and signals,
/// feeds `AppState.update`, performs its effects and redraws when something changed.
struct DashboardRunner {
    let setup: Launcher.Setup

    func run() -> Int32 {
        SignalTrap.install(jobControl: true)
        CrashGuard.install()
        let terminal = Terminal()
        defer {
            terminal.restore()
        }
        var state = AppState(
            session: setup.info, cacheLimit: setup.cacheLimit, scrollback: setup.scrollback, ownerName: setup.ownerName)
        for line in setup.banner { state.log.appendNote(LogLine(line, style: TextStyle(dim: true))) }
        _ = state.update(.resize(width: terminal.width, height: terminal.height))
        _ = state.update(.tick(now: MonotonicClock.now()))
        resizeChild(state: state)
        setup.session.scanDisk()
        setup.session.start()

        var screen = Screen(width: 0, height: 0)
        var dirty = true
        var quit = false
        var lastTick = 0.0
        while !quit {
            if dirty {
                if screen.width != state.width || screen.height != state.height {
                    screen = Screen(width: state.width, height: state.height)
                }
                DashboardView.render(state, into: &screen, glyphs: terminal.glyphs)
                terminal.present(screen)
                dirty = false
            }
            // Events left by a capped drain are taken right after this frame.
            let timeout: Int32 = setup.events.hasPending ? 0 : state.phase.isActive ? 100 : 1000
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: setup.events.wakeDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: SignalTrap.readFD, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, nfds_t(fds.count), timeout)
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                quit = true  // the terminal went away
            }

            var effects: [Effect] = []
            for signal in SignalTrap.take() {
                switch signal {
                case SIGWINCH:
                    terminal.refreshSize()
                    effects += state.update(.resize(width: terminal.width, height: terminal.height))
                    resizeChild(state: state)
                case SIGTSTP:
                    terminal.suspend()
                case SIGCONT:
                    // Stopped from outside (SIGSTOP): the shell may have taken the terminal meanwhile.
                    terminal.resume()
                default:
                    quit = true
                }
                dirty = true
            }
            for input in terminal.readInput() {
                switch input {
                case .key(let key): effects += state.update(.key(key))
                case .paste(let text): effects += state.update(.paste(text))
                }
                dirty = true
            }
            // At most 16 events (about 1 MB of output) between frames, so a flood never freezes the screen.
            for event in setup.events.drain(limit: 16) {
                effects += state.update(event)
                dirty = true
            }
            let now = MonotonicClock.now()
            if now - lastTick >= (state.phase.isActive ? 0.1 : 1) {
                _ = state.update(.tick(now: now))
                lastTick = now
                if state.phase.isActive || state.notice != nil { dirty = true }
            }
            for effect in effects {
                switch effect {
                case .startBuild: setup.session.start()
                case .stopBuild: setup.session.stop()
                case .zeroStats: setup.session.zeroStats()
                case .chown: setup.session.chown()
                case .scanDisk: setup.session.scanDisk()
                case .quit: quit = true
                case .suspend:
                    terminal.suspend()
                    dirty = true
                }
            }
        }
        // Say what is happening while the build and the server stop.
        if state.phase.isActive {
            _ = state.update(.notice(Notice("Stopping the build…", level: .warning)))
            DashboardView.render(state, into: &screen, glyphs: terminal.glyphs)
            terminal.present(screen)
        }
        setup.session.shutdown()
        terminal.restore()
        if setup.report == .standardOutput, let json = setup.session.lastReport.get() {
            FileHandle.standardOutput.write(Data(json.utf8))
        }
        // The last finished build's status; a build the user stopped counts as success.
        if case .finished(let outcome) = state.phase, !outcome.stopped { return outcome.status.code }
        return 0
    }

    private func resizeChild(state: AppState) {
        let content = Layout(width: state.width, height: state.height).logContent
        setup.session.resize(rows: max(10, content.height), columns: max(40, content.width))
    }
}
