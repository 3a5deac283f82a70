/// Watch mode: changes to the project's files re-run the build once they stop for the debounce time.
extension AppState {
    mutating func toggleWatch() -> [Effect] {
        guard var watch else {
            show(
                Notice(
                    "Watch is not available with --fresh or --compare: a watch re-run builds on what the last run left",
                    level: .warning, ttl: 5))
            return []
        }
        watch.setEnabled(!watch.enabled)
        self.watch = watch
        let key = keymap.key(.toggleWatch)
        show(
            Notice(
                watch.enabled
                    ? "Watch on: a change to the project's files re-runs the build (\(key) turns it off)" : "Watch off",
                ttl: 4))
        return [.watch(watch.enabled)]
    }

    mutating func filesChanged(_ paths: [String], at t: Double) -> [Effect] {
        now = t
        guard let delay = watch?.changed(paths, at: t, duringBuild: phase.isActive) else { return [] }
        return [.schedule(after: delay)]
    }

    /// On each tick: the re-run once the changes have settled, and when to look again (seconds) while they settle.
    mutating func watchTick(at t: Double) -> (effects: [Effect], next: Double?) {
        guard var watch else { return ([], nil) }
        defer { self.watch = watch }
        guard let change = watch.takeDue(at: t) else { return ([], watch.due.map { max(0.01, $0 - t) }) }
        if let files = watch.runaway {
            return (pause(&watch, for: files), nil)
        }
        if phase.isActive, watch.settings.strategy == .wait {
            watch.hold(change)
            show(Notice("\(change): the build re-runs when this one ends", ttl: 5))
            return ([], nil)
        }
        return (rerun(for: change, watch: &watch), nil)
    }

    /// The build keeps changing `files` itself: watch pauses instead of re-running for ever, and says how to go on.
    private mutating func pause(_ watch: inout WatchState, for files: [String]) -> [Effect] {
        watch.setEnabled(false)
        let named = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? " …" : "")
        let text =
            "Watch paused: the build itself keeps changing \(named) (\(WatchState.selfTriggerLimit) re-runs in a row "
            + "while it ran). List it in .gitignore (or write it under target/), then \(keymap.key(.toggleWatch)) "
            + "watches again"
        log.appendNote(LogLine("cachewatch: \(text)", style: TextStyle(dim: true)))
        show(Notice(text, level: .warning, ttl: 30))
        return [.watch(false)]
    }

    /// A build ended: the re-run held for it (the wait strategy), if any.
    mutating func watchAfterEnd() -> [Effect] {
        guard var watch, let change = watch.takeHeld() else { return [] }
        defer { self.watch = watch }
        return rerun(for: change, watch: &watch)
    }

    private mutating func rerun(for change: String, watch: inout WatchState) -> [Effect] {
        watch.started(by: change)
        let restarting = phase.isActive
        log.appendNote(
            LogLine("cachewatch: watch: \(change)\(restarting ? ": restarting the build" : "")", style: TextStyle(dim: true)))
        if case .running(let s) = phase { phase = .stopping(startedAt: s) }
        return [startRun()]
    }
}
