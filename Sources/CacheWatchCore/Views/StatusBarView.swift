/// The bottom line: build phase, elapsed time, notices and key hints.
enum StatusBarView {
    static func render(_ state: AppState, in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        screen.fill(rect, with: Cell(" ", style: .role(.statusBar)))
        var left: [Segment] = []
        let bullet = String(glyphs.bullet)
        switch state.phase {
        case .idle where state.working != nil:
            break
        case .idle:
            left.append(Segment(" \(bullet) starting ", .running))
        case .preparing(let what, let after):
            if let after {
                left.append(phaseSegment(after, bullet: bullet))
            } else if what == nil {
                left.append(Segment(" \(bullet) starting ", .running))
            }
        case .running(let started):
            left.append(Segment(" \(bullet) running \(Durations.format(state.now - started)) ", .running))
        case .stopping(let started):
            left.append(Segment(" \(bullet) stopping \(Durations.format(state.now - started)) ", .warning))
        case .finalizing(let started, _, let endedAt, _):
            left.append(Segment(" \(bullet) finishing \(Durations.format(endedAt - started)) ", .running))
        case .finished(let outcome):
            left.append(phaseSegment(outcome, bullet: bullet))
        }
        if let working = state.working {
            left.append(Segment(" \(bullet) \(working)… ", .warning))
        }
        if let watch = state.watch, watch.enabled {
            left.append(Segment(" watch ", .statusKey))
            // What started this run, while nothing more pressing is shown.
            if let trigger = watch.trigger, state.notice == nil, state.prompt == nil {
                left.append(Segment(" re-run: \(trigger) ", .muted))
            }
        }
        if let replay = state.replay {
            left.insert(Segment(" \(replay.label) ", .statusKey), at: 0)
        }
        if let prompt = state.prompt {
            left = [Segment(" /", .statusKey), Segment("\(prompt)▏ ", .statusBar), Segment("Enter search · Esc cancel ", .muted)]
        }
        if state.log.errorCount > 0 { left.append(Segment(" ✘ \(state.log.errorCount) errors ", .failure)) }
        if state.log.warningCount > 0 { left.append(Segment(" ⚠ \(state.log.warningCount) warnings ", .warning)) }
        if let notice = state.notice {
            let role: StyleRole = notice.level == .error ? .failure : notice.level == .warning ? .warning : .statusBar
            left.append(Segment(" \(notice.text) ", role))
        }
        // Hints in keymap order, the view's own first; when they do not fit, the last ones go first, but the help and
        // quit keys stay as long as anything is shown.
        let scope = state.keyScope
        let bindings = state.keymap.bindings(in: scope)
        let ordered =
            scope == .dashboard ? bindings : bindings.filter { $0.scope == scope } + bindings.filter { $0.scope != scope }
        var pairs: [(key: String, hint: String, action: Action)] = ordered.compactMap { binding in
            guard let hint = binding.hint, let key = binding.keys.first else { return nil }
            return (key.label, hint, binding.action)
        }
        // Room kept for the log file's path (cut from the left when short of space).
        let pathRoom = state.notice == nil && state.prompt == nil && state.logFile != nil ? 30 : 0
        let leftWidth = left.reduce(0) { $0 + CharacterWidth.of($1.text) } + pathRoom
        func width(_ pairs: [(key: String, hint: String, action: Action)]) -> Int {
            pairs.reduce(1) { $0 + 2 + CharacterWidth.of($1.key + $1.hint) }
        }
        while !pairs.isEmpty && leftWidth + width(pairs) > rect.width {
            if let last = pairs.lastIndex(where: { $0.action != .toggleHelp && $0.action != .quit }) {
                pairs.remove(at: last)
            } else {
                pairs.removeAll()
            }
        }
        var hints: [Segment] = []
        for (key, hint, _) in pairs {
            hints.append(Segment(" \(key)", .statusKey))
            hints.append(Segment(" \(hint)", .statusBar))
        }
        if !hints.isEmpty { hints.append(Segment(" ", .statusBar)) }
        let hintsWidth = hints.reduce(0) { $0 + CharacterWidth.of($1.text) }
        let end = screen.put(left, x: rect.x, y: rect.y, width: rect.width)
        var room = rect.maxX - end
        if !hints.isEmpty {
            screen.put(hints, x: rect.maxX - hintsWidth, y: rect.y, width: hintsWidth)
            room -= hintsWidth
        }
        // Where the full log is written, in what room is left (cut from the left: the file name matters most).
        if state.notice == nil, state.prompt == nil, state.logFileProblem != nil, room > 16 {
            screen.put(" log incomplete ", x: end, y: rect.y, style: .role(.warning), limit: end + room)
        } else if state.notice == nil, state.prompt == nil, let file = state.logFile, room > 12 {
            let text = " log: \(file) "
            let width = CharacterWidth.of(text)
            let shown = width <= room ? text : " log: …" + String(file.suffix(max(1, room - 9))) + " "
            screen.put(shown, x: end, y: rect.y, style: .role(.muted), limit: end + room)
        }
    }

    /// The verdict of the run that ended, worded as the summary and the history word it.
    static func phaseSegment(_ outcome: BuildOutcome, bullet: String) -> Segment {
        let run = outcome.run
        return Segment(
            " \(RunVerdict.mark(run, warning: bullet)) \(RunVerdict.text(run, duration: outcome.duration)) ",
            RunVerdict.role(run))
    }
}
