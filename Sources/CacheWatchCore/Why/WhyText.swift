/// A run's misses and cache errors explained, as text: grouped by cause, the costliest first (the compile time
/// they took), then compile by compile. The Why view, `cachewatch why` and the headless summary render this.
public enum WhyText {
    public struct Group: Hashable, Sendable {
        public var title: String
        public var kind: MissCause.Kind
        public var crates: [String]
        public var seconds: Double
        public var hint: String?
    }

    /// The causes, grouped, costliest first.
    public static func groups(_ record: RunRecord) -> [Group] {
        var groups: [String: Group] = [:]
        for compile in record.compiles {
            guard let cause = compile.cause else { continue }
            let title = cause.group
            var group = groups[title] ?? Group(title: title, kind: cause.kind, crates: [], seconds: 0, hint: cause.hint)
            group.crates.append(compile.name)
            group.seconds += compile.seconds ?? 0
            groups[title] = group
        }
        return groups.values.sorted { ($0.seconds, $0.crates.count, $1.title) > ($1.seconds, $1.crates.count, $0.title) }
    }

    /// A few lines for the headless summary ("why: 12 misses: …").
    public static func summary(_ record: RunRecord, limit: Int = 3) -> [String] {
        let groups = groups(record)
        guard !groups.isEmpty else { return [] }
        let count = groups.reduce(0) { $0 + $1.crates.count }
        var lines = ["why \(count == 1 ? "1 compile" : "\(count) compiles") missed or failed to cache:"]
        for group in groups.prefix(limit) {
            var line = "  \(group.crates.count) × \(group.title)"
            if group.seconds >= 0.05 { line += " (\(Durations.format(group.seconds)))" }
            if let hint = group.hint { line += " — \(hint)" }
            lines.append(line)
        }
        if groups.count > limit { lines.append("  … \(groups.count - limit) more causes: cachewatch why \(record.id.value)") }
        return lines
    }

    /// The Why view: the groups, then every compile with its cause and its detail, and the full comparison of
    /// those `expanded` (indices among the run's misses; nil: all of them, as the command line prints it).
    public static func lines(_ record: RunRecord, utcOffset: Int, expanded: Set<Int>? = nil) -> [RunText.Line] {
        layout(record, utcOffset: utcOffset, expanded: expanded).lines
    }

    /// The misses (compiles that missed or hit a cache error), in the run's order.
    public static func missed(_ record: RunRecord) -> [CrateResult] {
        record.compiles.filter { $0.outcome == .miss || $0.outcome == .error }
    }

    /// The lines, and the line each miss starts on (for a selection).
    public static func layout(_ record: RunRecord, utcOffset: Int, expanded: Set<Int>?) -> (
        lines: [RunText.Line], anchors: [Int]
    ) {
        var anchors: [Int] = []
        var lines: [RunText.Line] = [
            [
                Segment("Why run \(record.id.value) missed", .paneTitle(focused: true)),
                Segment("  \(Timestamp.minute(record.startedAt, offset: utcOffset)) · \(record.outcome.word)", .muted),
            ]
        ]
        let groups = groups(record)
        let missed = missed(record)
        guard !missed.isEmpty else {
            lines.append([Segment("Every cacheable compile hit: nothing to explain.", .hit)])
            return (lines, anchors)
        }
        guard !groups.isEmpty else {
            lines.append([
                Segment("\(missed.count) compiles missed; they are explained when the run is kept in the history.", .muted)
            ])
            return (lines, anchors)
        }
        lines.append([])
        lines.append([Segment("Causes, costliest first", .label)])
        for group in groups {
            let time = group.seconds >= 0.05 ? Durations.format(group.seconds) : "–"
            lines.append([
                Segment("  \(String(group.crates.count).leftPadded(to: 4)) ", .value),
                Segment(group.title, role(group.kind)),
                Segment("  \(time)", .muted),
            ])
            if let hint = group.hint { lines.append([Segment("       → \(hint)", .muted)]) }
        }
        lines.append([])
        lines.append([
            Segment("Compile by compile", .label),
            Segment(expanded == nil ? "" : "  (Enter: every input that differs)", .muted),
        ])
        for (index, compile) in missed.enumerated() {
            anchors.append(lines.count)
            guard let cause = compile.cause else {
                lines.append([Segment("  \(compile.name)", .text), Segment("  not explained", .muted)])
                continue
            }
            lines.append([
                Segment("  \(compile.name)", .text),
                Segment("  \(compile.outcome.shortLabel) · \(cause.label)", role(cause.kind)),
                Segment(compile.seconds.map { "  \(Durations.format($0))" } ?? "", .muted),
            ])
            lines.append([Segment("      \(cause.detail)", .value)])
            if let against = cause.against, expanded?.contains(index) ?? true {
                let changes = cause.changes ?? []
                lines.append([
                    Segment(
                        "      compared with run \(against)" + (changes.isEmpty ? ": no input of its own differs" : ":"),
                        .muted)
                ])
                for change in changes { lines.append([Segment("        \(change)", .muted)]) }
            }
        }
        return (lines, anchors)
    }

    /// `cachewatch why --json`: every compile that missed or hit a cache error, with its cause (the shape of
    /// docs/schemas/why-1.schema.json).
    public static func json(_ record: RunRecord, crate: String? = nil) -> String {
        let compiles = record.compiles.filter {
            ($0.outcome == .miss || $0.outcome == .error) && (crate == nil || $0.name == crate)
        }
        return JSONOutput.text(Document(id: record.id.value, compiles: compiles.map(RunReport.Compile.init(why:))))
    }

    struct Document: Encodable {
        let id: String
        let compiles: [RunReport.Compile]
    }

    static func role(_ kind: MissCause.Kind) -> StyleRole {
        switch kind {
        case .firstBuild, .source: return .text
        case .cacheError, .unexplained: return .warning
        case .gone: return .error
        default: return .miss
        }
    }
}
