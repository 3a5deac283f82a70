import CacheWatchCore
import Foundation

/// The interactive dashboard: one thread polls the terminal, the event queue and signals, dispatches every
/// input as an event, and redraws when something changed. The terminal is ncurses in the program and an
/// in-memory one in tests, where the process's signals are left alone.
public struct DashboardLoop {
    let setup: SessionSetup
    let terminal: TerminalDevice
    let trapsSignals: Bool

    public init(setup: SessionSetup, terminal: TerminalDevice, trapsSignals: Bool = true) {
        self.setup = setup
        self.terminal = terminal
        self.trapsSignals = trapsSignals
    }

    /// Runs until a quit, a signal or the terminal's hang-up; the build, its servers and containers are stopped
    /// and the last run kept before it returns the last build's status.
    public func run() -> Int32 {
        if trapsSignals { SignalTrap.install(jobControl: true) }
        var state = AppState(
            session: setup.info, cacheLimit: setup.cacheLimit, scrollback: setup.scrollback, ownerName: setup.ownerName)
        state.keymap = setup.keymap
        let dispatcher = Dispatcher(setup: setup, state: state, mode: "dashboard")
        dispatcher.dispatch(.resize(width: terminal.width, height: terminal.height))
        for line in setup.banner { dispatcher.dispatch(.banner(line)) }
        for line in setup.warnings {
            dispatcher.dispatch(.banner(line))
            dispatcher.dispatch(
                .notice(Notice(line.replacingOccurrences(of: "cachewatch: ", with: ""), level: .warning, ttl: 15)))
        }
        dispatcher.dispatch(.appStarted(wallClock: Date().timeIntervalSince1970, now: MonotonicClock.now()))

        var screen = Screen(width: 0, height: 0)
        // The next frame is due this long after the last one; nil: nothing changed since it.
        var frameAfter: Double? = 0
        var pacing = FramePacing()
        func changed(_ interval: Double) { frameAfter = min(frameAfter ?? interval, interval) }
        var lastFrame = 0.0
        while !dispatcher.quitRequested {
            // Frames are coalesced: at most one per frame interval, with everything received before it ingested.
            let now = MonotonicClock.now()
            if let interval = frameAfter, now - lastFrame >= interval {
                terminal.draw(dispatcher.state, on: &screen)
                frameAfter = nil
                lastFrame = now
                pacing.drew(seconds: MonotonicClock.now() - now)
            }
            let frameDue =
                frameAfter.map { Int32(max(0, (lastFrame + $0 - MonotonicClock.now()) * 1000).rounded(.up)) } ?? 1000
            let timeout: Int32 =
                setup.events.hasPending ? 0 : dispatcher.timeout(now: MonotonicClock.now(), limit: frameDue)
            var fds = [
                pollfd(fd: terminal.inputDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: setup.events.wakeDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: trapsSignals ? SignalTrap.readFD : -1, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, nfds_t(fds.count), timeout)
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                break  // the terminal went away
            }
            var quitBySignal = false
            for signal in trapsSignals ? SignalTrap.take() : [] {
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
                changed(FramePacing.input)
            }
            if quitBySignal { break }
            for input in terminal.readInput() {
                switch input {
                case .key(let key): dispatcher.dispatch(.key(key))
                case .paste(let text): dispatcher.dispatch(.paste(text))
                case .focus(let on): dispatcher.dispatch(.focus(on))
                }
                changed(FramePacing.input)
            }
            // Everything waiting (the reader keeps at most a few MB ahead): keys are read between two drains.
            for event in setup.events.drain() {
                dispatcher.dispatch(event)
                changed(pacing.data)
            }
            // A tick moves the running build's clock (drawn when it reads differently), and expires notices.
            let (notice, face) = (dispatcher.state.notice, dispatcher.state.tickFace)
            if dispatcher.tickIfDue(now: MonotonicClock.now()),
                dispatcher.state.notice != notice || face == nil || dispatcher.state.tickFace != face
            {
                changed(pacing.data)
            }
            if let title = dispatcher.takeAnnouncement() { terminal.announce(title: title) }
            if dispatcher.takeSuspend() {
                terminal.suspend()
                changed(FramePacing.input)
            }
        }
        // The terminal first (q answers at once, whatever runs), then the build, the servers and the containers,
        // for a few seconds at most: what is left dies with the process.
        let busy = dispatcher.state.phase.isActive || dispatcher.state.phase.isFinalizing || dispatcher.state.working != nil
        terminal.restore()
        setup.watcher?.stop()
        if busy { Output.err("cachewatch: stopping the build…\n") }
        setup.session.shutdown(timeout: dispatcher.state.schedule.stopping.shutdown)
        // A run the quit stopped ends now: its record reaches the history and the report before the process exits.
        for event in setup.events.drain() { dispatcher.dispatch(event) }
        setup.history.finish()
        for event in setup.events.drain() { dispatcher.dispatch(event) }  // the run kept: its report is written
        setup.reportWriter?.finish()
        dispatcher.finish()
        // Keys typed while the build stopped were meant for the dashboard, not for the shell.
        tcflush(terminal.inputDescriptor, TCIFLUSH)
        if setup.report == .standardOutput, let json = setup.reportWriter?.last.get() {
            Output.out(json, terminator: "")
        }
        // The last finished build's status; a build the user stopped counts as success.
        if case .finished(let outcome) = dispatcher.state.phase, !outcome.stopped { return outcome.status.code }
        return 0
    }
}
