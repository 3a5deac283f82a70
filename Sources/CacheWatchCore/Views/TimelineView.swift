/// The compile timeline (`t`, in the crates pane): one row per compile in the order sccache was asked for them, a bar
/// from its start to its end on a time axis across the pane, coloured by result — overlapping bars are the build's
/// parallelism, as on cargo's `--timings` page. A compile sccache could not cache (cargo links those itself) is a
/// mark at the moment it was asked; one still running grows to now. On a build farm the rows come grouped under the
/// place that ran them (each server, then this machine): `CratesPaneState.timelineLines`.
enum TimelineView {
    /// The axis: seconds since the build started, and how many seconds the pane's width shows.
    struct Axis: Equatable {
        var origin: Double
        var span: Double

        /// The column (0..<width) of `time`.
        func column(_ time: Double, width: Int) -> Int {
            guard span > 0, width > 1 else { return 0 }
            let fraction = (time - origin) / span
            return min(width - 1, max(0, Int((fraction * Double(width)).rounded(.down))))
        }
    }

    /// The build's start (its wall clock, else its first compile) and its end (the build's, or now while it runs).
    static func axis(_ state: AppState, compiles: [CrateResult]) -> Axis? {
        let starts = compiles.compactMap(\.started)
        guard let first = starts.min() else { return nil }
        let origin = state.run.map { $0.wallClock > 0 ? min($0.wallClock, first) : first } ?? first
        var end = compiles.compactMap { $0.ended ?? $0.started }.max() ?? first
        switch state.phase {
        case .running(let startedAt):
            if let run = state.run, run.wallClock > 0 { end = max(end, run.wallClock + (state.now - startedAt)) }
        case .finalizing(let startedAt, _, let endedAt, _):
            if let run = state.run, run.wallClock > 0 { end = max(end, run.wallClock + (endedAt - startedAt)) }
        case .finished(let outcome), .preparing(_, after: let outcome?):
            if let run = state.run, run.wallClock > 0 { end = max(end, run.wallClock + outcome.duration) }
        default:
            break
        }
        return Axis(origin: origin, span: max(0.001, end - origin))
    }

    static func render(
        _ state: AppState, lines: [CratesPaneState.TimelineLine], first: Int, in content: Rect, into screen: inout Screen,
        glyphs: Glyphs
    ) {
        let compiles = lines.compactMap { line -> CrateResult? in
            if case .compile(let compile) = line { return compile }
            return nil
        }
        let nameWidth = min(24, max(8, content.width / 4))
        let barX = content.x + nameWidth + 1
        let barWidth = content.maxX - barX
        guard barWidth > 4 else { return }
        let timed = compiles.filter { $0.started != nil }
        guard let axis = axis(state, compiles: timed) else {
            let text =
                compiles.isEmpty
                ? (state.phase.isActive ? "Waiting for sccache's server log…" : "No compiles to show")
                : "No times in sccache's log (an sccache without SCCACHE_LOG_MILLIS support logs whole seconds only)"
            screen.putTruncated(text, x: content.x, y: content.y, width: content.width, style: .role(.muted))
            return
        }
        // The axis: 0 at the left, the build's length at the right, the middle marked.
        screen.putTruncated("crate", x: content.x, y: content.y, width: nameWidth, style: .role(.label))
        let end = Durations.format(axis.span)
        let middle = Durations.format(axis.span / 2)
        screen.put("0 s", x: barX, y: content.y, style: .role(.label), limit: content.maxX)
        let middleX = barX + barWidth / 2 - CharacterWidth.of(middle) / 2
        if let note = CompileTimes.note(compiles, version: state.stats.stats?.version) {
            // Whole-second times (an older sccache): said on the axis, in place of its middle mark.
            let room = content.maxX - CharacterWidth.of(end) - 1 - (barX + 4)
            let text = CharacterWidth.of(note) <= room ? note : "times to the second (sccache's log)"
            if room > 8 { screen.putTruncated(text, x: barX + 4, y: content.y, width: room, style: .role(.warning)) }
        } else if middleX > barX + 4 {
            screen.put(middle, x: middleX, y: content.y, style: .role(.label), limit: content.maxX)
        }
        screen.put(end, x: content.maxX - CharacterWidth.of(end), y: content.y, style: .role(.label), limit: content.maxX)
        let live: Double? = {
            guard case .running(let startedAt) = state.phase, let run = state.run, run.wallClock > 0 else { return nil }
            return run.wallClock + (state.now - startedAt)
        }()
        for (i, line) in lines.dropFirst(first).prefix(content.height - 1).enumerated() {
            let y = content.y + 1 + i
            guard case .compile(let compile) = line else {
                if case .place(let place, let count) = line {
                    let text = "\(glyphs.drawn("▸")) \(place) · \(count) compile\(count == 1 ? "" : "s")"
                    screen.putTruncated(text, x: content.x, y: y, width: content.width, style: .role(.label))
                }
                continue
            }
            screen.putTruncated(compile.name, x: content.x, y: y, width: nameWidth, style: .role(.text))
            guard let started = compile.started else { continue }
            let from = axis.column(started, width: barWidth)
            let role = role(compile.outcome)
            if case .notCacheable = compile.outcome {
                _ = screen.put(glyphs.drawn("·"), x: barX + from, y: y, style: .role(role), end: content.maxX)
                continue
            }
            let finished = compile.ended ?? (compile.outcome == .pending ? live : nil) ?? started
            let to = max(from, axis.column(finished, width: barWidth))
            for x in from...to {
                _ = screen.put(glyphs.gaugeFull, x: barX + x, y: y, style: .role(role), end: content.maxX)
            }
            // The compile's length after its bar, where it fits.
            if let seconds = compile.ended.map({ $0 - started }), seconds >= 0.05 {
                let label = " " + Durations.format(seconds)
                if barX + to + 1 + CharacterWidth.of(label) <= content.maxX {
                    screen.put(label, x: barX + to + 1, y: y, style: .role(.muted), limit: content.maxX)
                }
            }
        }
    }

    /// The table's colours, except a compile still running, which is drawn as running.
    static func role(_ outcome: CrateResult.Outcome) -> StyleRole {
        outcome == .pending ? .running : CratesView.role(outcome)
    }
}
