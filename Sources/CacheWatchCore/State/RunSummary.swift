/// What a finished run left behind, for comparing the next one with it.
public struct RunSummary: Equatable, Sendable {
    public var stats: SccacheStats
    public var duration: Double
    /// What sccache did with each crate, by name.
    public var crates: [String: CrateResult.Outcome]

    public init(stats: SccacheStats, duration: Double, crates: [CrateResult] = []) {
        self.stats = stats
        self.duration = duration
        self.crates = Dictionary(crates.map { ($0.name, $0.outcome) }, uniquingKeysWith: { _, last in last })
    }

    /// The summary of a run from the history.
    public init?(record: RunRecord) {
        guard let stats = record.stats, case .ended = record.outcome else { return nil }
        self.init(stats: stats, duration: record.duration, crates: record.compiles)
    }

    /// Crates that were cache hits in this summary's run and are misses in `current`, in `current`'s order.
    public func regressions(in current: [CrateResult]) -> [String] {
        current.filter { $0.outcome == .miss && crates[$0.name] == .hit }.map(\.name)
    }
}
