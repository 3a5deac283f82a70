/// How precise a run's compile times are: sccache 0.10 and older ignore `SCCACHE_LOG_MILLIS` and log whole seconds,
/// so a compile can read 0 s or 1 s long. Told from the times themselves, so a kept run tells it too.
public enum CompileTimes {
    /// Every time in `compiles` is a whole second (and there are at least three): the log had no milliseconds.
    public static func wholeSeconds(_ compiles: [CrateResult]) -> Bool {
        var count = 0
        for compile in compiles {
            for time in [compile.started, compile.ended].compactMap({ $0 }) {
                guard time.rounded(.down) == time else { return false }
                count += 1
            }
        }
        return count >= 3
    }

    /// What the timeline, the trace and `history show` say of whole-second times; nil when they are finer.
    public static func note(_ compiles: [CrateResult], version: String?) -> String? {
        guard wholeSeconds(compiles) else { return nil }
        let who = version.map { "sccache \(SccacheVersion.short($0))" } ?? "this sccache"
        return "times to the second: \(who) logs no milliseconds"
    }
}
