/// `--compare`: the same clean build without a compiler wrapper, then through sccache with a warm cache (warmed
/// first when it was cold), measured, not estimated: "clean build 31.1 s without sccache, 7.5 s with a warm cache:
/// 4.1× faster".
public struct Comparison: Hashable, Sendable {
    public enum Step: String, Hashable, Sendable {
        /// The baseline: cargo with no wrapper.
        case plain = "without sccache"
        /// Through sccache; a run that missed (a cold cache) warms it, and the next one is measured.
        case sccache = "with sccache"
    }

    public internal(set) var step = Step.plain
    /// The wall time of the clean build without sccache.
    public internal(set) var plainSeconds: Double?
    /// Runs through sccache that warmed a cold cache (at most `maxWarmups`).
    public internal(set) var warmups = 0
    /// The baseline run's id: every run of the comparison carries it (`compare_group`), a pair in the history.
    public internal(set) var group: String?
    /// Set when the comparison ended: its sentence, or why it could not be made.
    public internal(set) var result: String?

    static let maxWarmups = 2

    public init() {}

    public var isDone: Bool { result != nil }

    /// "clean build 31.1 s without sccache, 7.5 s with a warm cache: 4.1× faster".
    static func sentence(plain: Double, warm: Double) -> String {
        let ratio = warm > 0 ? plain / warm : 0
        let factor =
            ratio >= 1
            ? FixedPoint.format(ratio, places: 1) + "× faster" : FixedPoint.format(1 / max(ratio, 0.001), places: 1) + "× slower"
        return "clean build \(Durations.format(plain)) without sccache, \(Durations.format(warm)) with a warm cache: \(factor)"
    }

    /// The role of the run now going, for its record: "without sccache" or "with sccache".
    var role: String { step.rawValue }

    /// A run of the comparison ended; returns whether another run follows, and which.
    mutating func ended(id: String, succeeded: Bool, stopped: Bool, seconds: Double, misses: Int) -> Step? {
        guard !isDone else { return nil }
        if stopped {
            result = "comparison stopped before it was complete"
            return nil
        }
        guard succeeded else {
            result = "comparison abandoned: the build \(step == .plain ? "without" : "with") sccache failed"
            return nil
        }
        switch step {
        case .plain:
            plainSeconds = seconds
            group = group ?? id
            step = .sccache
            return .sccache
        case .sccache:
            if misses > 0 && warmups < Self.maxWarmups {
                warmups += 1  // a cold cache: that run warmed it; the next is measured
                return .sccache
            }
            if let plain = plainSeconds {
                result =
                    Self.sentence(plain: plain, warm: seconds)
                    + (misses > 0 ? " (the cache still missed \(misses) compiles)" : "")
            }
            return nil
        }
    }
}
