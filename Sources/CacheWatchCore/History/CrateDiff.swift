/// Two runs compared compile by compile: which results changed (hit then, miss now), which compiles took
/// notably longer or shorter, which are new or gone.
public enum CrateDiff {
    /// One compile in both runs (or in one of them).
    public struct Change: Hashable, Sendable {
        public var name: String
        public var kind: String?
        /// nil: not in the older run.
        public var before: CrateResult?
        /// nil: not in the newer run.
        public var after: CrateResult?

        public var resultChanged: Bool { before?.outcome.label != after?.outcome.label }

        /// Newer seconds minus older seconds, when both are known.
        public var secondsDelta: Double? {
            guard let a = before?.seconds, let b = after?.seconds else { return nil }
            return b - a
        }

        /// A change worth showing: a different result, or a time that moved by 0.2 s and a quarter at least.
        public var notable: Bool {
            if resultChanged { return true }
            guard let delta = secondsDelta, let a = before?.seconds else { return false }
            return abs(delta) >= 0.2 && abs(delta) >= 0.25 * max(a, 0.001)
        }

        /// Hit in the older run, miss in the newer: what a cache user wants to know first.
        public var regressed: Bool { CrateDiff.regressed(before?.outcome, after?.outcome) }
    }

    /// Hit in the older run, miss in the newer.
    static func regressed(_ before: CrateResult.Outcome?, _ after: CrateResult.Outcome?) -> Bool {
        before == .hit && after == .miss
    }

    /// The names of `newer`'s compiles that regressed, in its order: `pair(…).filter(\.regressed)` without
    /// pairing (and copying) every compile, for the panel, which asks every frame.
    public static func regressions(_ older: [CrateResult], _ newer: [CrateResult]) -> [String] {
        // Fields read in place: a compile is a large value (its inputs), and copying each one cost more than the rest.
        var seen = Set<String>()
        var hitBefore = Set<String>()  // names whose first compile in `older` was a hit, as `pair` matches them
        for index in older.indices where seen.insert(older[index].name).inserted && older[index].outcome == .hit {
            hitBefore.insert(older[index].name)
        }
        guard !hitBefore.isEmpty else { return [] }
        var found: [(sequence: Int, name: String)] = []
        for index in newer.indices where newer[index].outcome == .miss && hitBefore.contains(newer[index].name) {
            found.append((newer[index].sequence, newer[index].name))
        }
        return found.sorted { $0.sequence < $1.sequence }.map(\.name)
    }

    /// Every compile of `newer` beside the same compile of `older` (matched by name, then the ones only
    /// `older` has), in `newer`'s order.
    public static func pair(_ older: [CrateResult], _ newer: [CrateResult]) -> [Change] {
        var olderByName: [String: CrateResult] = [:]
        for compile in older where olderByName[compile.name] == nil { olderByName[compile.name] = compile }
        var seen = Set<String>()
        var changes: [Change] = []
        for compile in newer.sorted(by: { $0.sequence < $1.sequence }) {
            seen.insert(compile.name)
            changes.append(
                Change(name: compile.name, kind: compile.kind, before: olderByName[compile.name], after: compile))
        }
        for compile in older.sorted(by: { $0.sequence < $1.sequence }) where !seen.contains(compile.name) {
            seen.insert(compile.name)
            changes.append(Change(name: compile.name, kind: compile.kind, before: compile, after: nil))
        }
        return changes
    }

    /// The notable changes, most telling first (regressions, other result changes, then the largest time
    /// changes), and how many compiles did not change notably.
    public static func notable(_ older: [CrateResult], _ newer: [CrateResult]) -> (changes: [Change], unchanged: Int) {
        let all = pair(older, newer)
        let changes = all.enumerated().filter { $0.element.notable }.sorted { a, b in
            let ra = rank(a.element)
            let rb = rank(b.element)
            if ra != rb { return ra < rb }
            let da = abs(a.element.secondsDelta ?? 0)
            let db = abs(b.element.secondsDelta ?? 0)
            return da != db ? da > db : a.offset < b.offset
        }.map(\.element)
        return (changes, all.count - changes.count)
    }

    private static func rank(_ change: Change) -> Int {
        if change.regressed { return 0 }
        if change.resultChanged { return 1 }
        return 2
    }
}
