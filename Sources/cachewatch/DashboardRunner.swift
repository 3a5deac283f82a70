import CacheWatchCore
import CacheWatchRunner
import CacheWatchTerminal
import Foundation

/// The interactive dashboard: one thread polls the terminal, the event queue and signals, dispatches every
/// input as an event, and redraws when something changed.
struct DashboardRunner {
    let setup: Launcher.Setup

    func run() -> Int32 {
        SignalTrap.install(jobControl: true)
        CrashGuard.install()
        let terminal = Terminal()
        defer {
            terminal.restore()
        }
        let dispatcher = Dispatcher(
            setup: setup,
            state: AppState(
                session: setup.info, cacheLimit: setup.cacheLimit, scrollback: setup.scrollback,
                ownerName: setup.ownerName), mode: "dashboard")
        dispatcher.dispatch(.resize(width: terminal.width, height: terminal.height))
        for line in setup.banner { dispatcher.dispatch(.banner(line)) }
        dispatcher.dispatch(.appStarted(wallClock: Date().timeIntervalSince1970, now: MonotonicClock.now()))

        var screen = Screen(width: 0, height: 0)
        var dirty = true
        while !dispatcher.quitRequested {
            let state = dispatcher.state
            if dirty {
                if screen.width != state.width || screen.height != state.height {
                    screen = Screen(width: state.width, height: state.height)
                }
                DashboardView.render(state, into: &screen, glyphs: terminal.glyphs)
                terminal.present(screen)
                dirty = false
            }
            // Events left by a capped drain are taken right after this frame.
            let timeout: Int32 =
                setup.events.hasPending ? 0 : dispatcher.timeout(now: MonotonicClock.now(), limit: 1000)
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: setup.events.wakeDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: SignalTrap.readFD, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, nfds_t(fds.count), timeout)
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                break  // the terminal went away
            }
            var quitBySignal = false
            for signal in SignalTrap.take() {
                switch signal {
                case SIGWINCH:
                    terminal.refreshSize()
                    dispatcher.dispatch(.resize(width: terminal.width, height: terminal.height))
                case SIGTSTP:
                    terminal.suspend()
                case SIGCONT:
                    // Stopped from outside (SIGSTOP): the shell may have taken the terminal meanwhile.
                    terminal.resume()
                default:
                    quitBySignal = true
                }
                dirty = true
            }
            if quitBySignal { break }
            for input in terminal.readInput() {
                switch input {
                case .key(let key): dispatcher.dispatch(.key(key))
                case .paste(let text): dispatcher.dispatch(.paste(text))
                }
                dirty = true
            }
            // At most 16 events (about 1 MB of output) between frames, so a flood never freezes the screen.
            for event in setup.events.drain(limit: 16) {
                dispatcher.dispatch(event)
                dirty = true
            }
            let before = dispatcher.state.notice
            dispatcher.tickIfDue(now: MonotonicClock.now())
            if dispatcher.state.phase.isActive || dispatcher.state.notice != before { dirty = true }
            if dispatcher.takeSuspend() {
                terminal.suspend()
                dirty = true
            }
        }
        // Say what is happening while the build and the server stop.
        if dispatcher.state.phase.isActive {
            dispatcher.dispatch(.notice(Notice("Stopping the build…", level: .warning)))
            DashboardView.render(dispatcher.state, into: &screen, glyphs: terminal.glyphs)
            terminal.present(screen)
        }
        setup.session.shutdown()
        setup.reportWriter?.finish()
        terminal.restore()
        if setup.report == .standardOutput, let json = setup.reportWriter?.last.get() {
            FileHandle.standardOutput.write(Data(json.utf8))
        }
        // The last finished build's status; a build the user stopped counts as success.
        if case .finished(let outcome) = dispatcher.state.phase, !outcome.stopped { return outcome.status.code }
        return 0
    }
}
