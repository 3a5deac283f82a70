/// The per-crate table: sccache's result for each crate of the current run, sortable and scrollable.
public struct CratesPaneState: Sendable {
    public enum Sort: String, CaseIterable, Sendable {
        case arrival = "order"
        case name
        case outcome = "result"
        case time

        var next: Sort {
            let all = Sort.allCases
            return all[(all.firstIndex(of: self)! + 1) % all.count]
        }
    }

    public private(set) var parser = CrateLogParser()
    public var sort = Sort.arrival
    /// Show the compiles as a timeline (`t`) instead of the table.
    public var timeline = false
    public private(set) var top = 0
    /// Keep the newest crates in view (like the log's follow mode), until the user scrolls up.
    public private(set) var follow = true
    /// sccache's server restarted during the build: the new server logs nothing, so the table stopped there.
    public private(set) var serverRestarted = false

    public init() {}

    public mutating func feed(_ lines: [String]) {
        parser.feed(lines)
    }

    /// Compiles already sent to be explained.
    private var asked: Set<Int> = []

    public mutating func reset() {
        parser = CrateLogParser()
        asked = []
        top = 0
        follow = true
        serverRestarted = false
    }

    /// sccache's per-server counts after the last compile (its final stats): the last compile sent to the farm
    /// learns its server.
    public mutating func settleFarm(_ dist: [String: Int]?) {
        if let dist { parser.settleFarm(dist) }
    }

    /// The build ended: rows still waiting become "interrupted".
    public mutating func buildEnded() {
        parser.interruptPending()
    }

    /// Compiles that missed (or hit a cache error) since the last call, with the run's compiles so far; nil when
    /// none did.
    public mutating func takeUnexplained() -> [CrateResult]? {
        let results = parser.results
        let fresh = results.filter {
            ($0.outcome == .miss || $0.outcome == .error) && $0.cause == nil && !asked.contains($0.sequence)
        }
        guard !fresh.isEmpty else { return nil }
        for compile in fresh { asked.insert(compile.sequence) }
        return results
    }

    /// Causes found while the run goes on, by arrival order.
    public mutating func explain(_ causes: [Int: MissCause]) {
        parser.explain(causes)
    }

    /// The run's compiles, explained: each row gains its cause (matched by arrival order).
    public mutating func explain(_ compiles: [CrateResult]) {
        parser.explain(compiles)
    }

    public mutating func noteServerRestart() {
        serverRestarted = true
    }

    /// The table's lines: a row per compile, and one for cargo's probes when sccache saw any; the timeline's.
    private var lines: Int {
        timeline ? timelineLines.count : parser.results.count + (parser.withoutCrate > 0 ? 1 : 0)
    }

    /// A line of the timeline: a compile, or on a build farm the heading of the compiles one place ran.
    public enum TimelineLine: Equatable, Sendable {
        case place(String, compiles: Int)
        case compile(CrateResult)
    }

    /// The timeline's lines: the compiles in the order they began; on a build farm, grouped by where they ran — each
    /// server (by address), the farm's compiles whose server is not known yet, then this machine — so each server's
    /// parallelism shows as a machine's does on cargo's `--timings` page.
    public var timelineLines: [TimelineLine] {
        let results = parser.results
        guard results.contains(where: { $0.farm != nil }) else { return results.map { .compile($0) } }
        var groups: [String: [CrateResult]] = [:]
        for compile in results { groups[compile.ranOn, default: []].append(compile) }
        let order = groups.keys.sorted { (rank(place: $0), $0) < (rank(place: $1), $1) }
        return order.flatMap { place in
            [.place(place, compiles: groups[place]!.count)] + groups[place]!.map { .compile($0) }
        }
    }

    private func rank(place: String) -> Int {
        place == CrateResult.thisMachine ? 2 : place == CrateResult.unknownServer ? 1 : 0
    }

    /// The first row shown in a table of `height` rows.
    public func firstVisible(height: Int) -> Int {
        let last = max(0, lines - height)
        return follow ? last : min(top, last)
    }

    public mutating func cycleSort() {
        sort = sort.next
        top = 0
        follow = sort == .arrival
    }

    /// The rows in the chosen order: misses and errors first when sorting by result, slowest first by time.
    public var rows: [CrateResult] {
        let results = parser.results
        if timeline { return results }  // a timeline runs in the order compiles began
        switch sort {
        case .arrival: return results
        case .name: return results.sorted { $0.name < $1.name }
        case .outcome: return results.sorted { (rank($0.outcome), $0.sequence) < (rank($1.outcome), $1.sequence) }
        case .time: return results.sorted { ($0.seconds ?? -1, -$0.sequence) > ($1.seconds ?? -1, -$1.sequence) }
        }
    }

    public mutating func scroll(by delta: Int, height: Int) {
        scrollTo(top: firstVisible(height: height) + delta, height: height)
    }

    public mutating func scrollTo(top newTop: Int, height: Int) {
        let last = max(0, lines - height)
        top = min(max(0, newTop), last)
        follow = top >= last
    }

    private func rank(_ outcome: CrateResult.Outcome) -> Int {
        switch outcome {
        case .miss: return 0
        case .error: return 1
        case .other: return 2
        case .notCacheable: return 3
        case .pending, .interrupted: return 4
        case .hit: return 5
        }
    }
}
