/// When the crate table cannot be trusted, said once (on screen, in the summary, in the report's `warnings`) instead
/// of rows that are silently wrong: an sccache older than any tested, result lines that fit no compile, compiles
/// left without a result by a build that succeeded.
public enum CrateTableWarnings {
    /// - Parameters:
    ///   - waiting: compiles with no result at the end (nil while the build runs, or when it did not succeed or
    ///     sccache's server restarted: then a compile without a result is no surprise).
    public static func warnings(unplaced: Int, waiting: Int?, version: String?) -> [String] {
        var result: [String] = []
        if let notice = SccacheVersion.untestedNotice(version) { result.append(notice) }
        let who = version.map { "sccache \($0)" } ?? "this sccache"
        if unplaced > 0 {
            result.append(
                "\(unplaced) of sccache's result \(unplaced == 1 ? "line fits" : "lines fit") no compile of the crate "
                    + "table: its log (\(who)) was not read as expected")
        }
        if let waiting, waiting > 0 {
            result.append(
                "\(waiting) \(waiting == 1 ? "compile has" : "compiles have") no result in sccache's log although the "
                    + "build succeeded: its log (\(who)) was not read as expected")
        }
        return result
    }
}
