/// The bottom line: build phase, elapsed time, notices and key hints.
enum StatusBarView {
    static func render(_ state: AppState, in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        screen.fill(rect, with: Cell(" ", style: .role(.statusBar)))
        var left: [Segment] = []
        let bullet = String(glyphs.bullet)
        switch state.phase {
        case .idle:
            left.append(Segment(" \(bullet) starting ", .running))
        case .running(let started):
            left.append(Segment(" \(bullet) running \(Durations.format(state.now - started)) ", .running))
        case .stopping(let started):
            left.append(Segment(" \(bullet) stopping \(Durations.format(state.now - started)) ", .warning))
        case .finished(let outcome):
            left.append(phaseSegment(outcome, bullet: bullet))
        }
        if let notice = state.notice {
            let role: StyleRole = notice.level == .error ? .failure : notice.level == .warning ? .warning : .statusBar
            left.append(Segment(" \(notice.text) ", role))
        }
        var hints: [Segment] = []
        for binding in state.keymap.bindings {
            guard let hint = binding.hint, let key = binding.keys.first else { continue }
            hints.append(Segment(" \(key.label)", .statusKey))
            hints.append(Segment(" \(hint)", .statusBar))
        }
        hints.append(Segment(" ", .statusBar))
        let hintsWidth = hints.reduce(0) { $0 + CharacterWidth.of($1.text) }
        let leftWidth = left.reduce(0) { $0 + CharacterWidth.of($1.text) }
        if leftWidth + hintsWidth <= rect.width {
            screen.put(left, x: rect.x, y: rect.y, width: rect.width)
            screen.put(hints, x: rect.maxX - hintsWidth, y: rect.y, width: hintsWidth)
        } else {
            screen.put(left, x: rect.x, y: rect.y, width: rect.width)
        }
    }

    static func phaseSegment(_ outcome: BuildOutcome, bullet: String) -> Segment {
        let time = Durations.format(outcome.duration)
        if outcome.stopped { return Segment(" \(bullet) stopped after \(time) ", .warning) }
        switch outcome.status {
        case .exited(0): return Segment(" ✔ succeeded in \(time) ", .success)
        case .exited(let code): return Segment(" ✘ failed with exit \(code) after \(time) ", .failure)
        case .signaled(let signal): return Segment(" ✘ killed by signal \(signal) after \(time) ", .failure)
        }
    }
}
