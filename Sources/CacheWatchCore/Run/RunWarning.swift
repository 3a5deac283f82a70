/// What a run's numbers alone do not say and its user must know, kept in its record: cache reads and writes that
/// failed (sccache only counts them, and a build whose cache writes all failed still "succeeds"), and a crate table
/// that cannot be trusted. Core words it (`message`) for the panel, the summary, the report and the history.
public enum RunWarning: Hashable, Sendable {
    /// Why cache writes failed: the cause sccache's log gave, a full disk when it could not even log that, or none.
    public enum WriteCause: Hashable, Sendable {
        case logged(String)
        case diskFull(free: Int64)
        case unknown
    }

    case writesFailed(Int, cause: WriteCause)
    /// `cause`: the most frequent one in sccache's log.
    case readsFailed(Int, cause: String?)
    case lookupsTimedOut(Int)
    /// An sccache older than any tested: the crate table and "why" may be incomplete.
    case untestedSccache(version: String)
    /// sccache's result lines that fit no compile of the crate table (`version`: the sccache that wrote them).
    case unplacedResults(Int, version: String?)
    /// Compiles left without a result by a build that succeeded.
    case compilesWithoutResult(Int, version: String?)
    /// What went wrong on the build farm.
    case farm(FarmProblem)
    /// As worded by a cachewatch older than this type (a record in the history).
    case worded(String)

    public var message: String {
        func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        func who(_ version: String?) -> String { version.map { "sccache \($0)" } ?? "this sccache" }
        switch self {
        case .writesFailed(let n, let cause):
            let why: String
            switch cause {
            case .logged(let text): why = ": \(text)"
            case .diskFull(let free): why = ": the disk holding the cache is full (\(ByteSize.format(free)) free)"
            case .unknown: why = " (sccache's log gave no cause)"
            }
            return plural(n, "cache write", "cache writes") + " failed" + why
        case .readsFailed(let n, let cause):
            return plural(n, "cache read", "cache reads") + " failed" + (cause.map { ": \($0)" } ?? "") + " (compiled instead)"
        case .lookupsTimedOut(let n):
            return plural(n, "cache lookup", "cache lookups") + " timed out (compiled instead)"
        case .untestedSccache(let version):
            return "sccache \(version) is older than any cachewatch is tested with (\(SccacheVersion.supported)): "
                + "the crate table and \"why\" may be incomplete"
        case .unplacedResults(let n, let version):
            return "\(n) of sccache's result \(n == 1 ? "line fits" : "lines fit") no compile of the crate table: its log "
                + "(\(who(version))) was not read as expected"
        case .compilesWithoutResult(let n, let version):
            return plural(n, "compile has", "compiles have") + " no result in sccache's log although the build "
                + "succeeded: its log (\(who(version))) was not read as expected"
        case .farm(let problem):
            return problem.message
        case .worded(let text):
            return text
        }
    }
}

extension RunWarning {
    /// Cache failures worth a warning, with their cause.
    /// - Parameter cacheFree: bytes free where the cache lives: when sccache could not even log why its writes
    ///   failed (the log shares the full disk), a full disk is the cause to name.
    public static func cacheFailures(_ stats: SccacheStats, problems: CacheProblemLog, cacheFree: Int64? = nil)
        -> [RunWarning]
    {
        var result: [RunWarning] = []
        if let writes = stats.cacheWriteErrors, writes > 0 {
            var cause = problems.writeCause.map(WriteCause.logged) ?? .unknown
            if problems.writeCause == nil, let free = cacheFree, free < 1 << 20 { cause = .diskFull(free: free) }
            result.append(.writesFailed(writes, cause: cause))
        }
        let logged = problems.readCauses.reduce(0) { $0 + $1.count }
        let reads = max(stats.cacheReadErrors ?? 0, logged)
        if reads > 0 { result.append(.readsFailed(reads, cause: problems.readCause)) }
        if let timeouts = stats.cacheTimeouts, timeouts > 0 { result.append(.lookupsTimedOut(timeouts)) }
        return result
    }

    /// When the crate table cannot be trusted, said once (on screen, in the summary, in the report's `warnings`)
    /// instead of rows that are silently wrong.
    /// - Parameters:
    ///   - waiting: compiles with no result at the end (nil while the build runs, or when it did not succeed or
    ///     sccache's server restarted: then a compile without a result is no surprise).
    public static func crateTable(unplaced: Int, waiting: Int?, version: String?) -> [RunWarning] {
        var result: [RunWarning] = []
        if let old = SccacheVersion.untested(version) { result.append(.untestedSccache(version: old.description)) }
        if unplaced > 0 { result.append(.unplacedResults(unplaced, version: version)) }
        if let waiting, waiting > 0 { result.append(.compilesWithoutResult(waiting, version: version)) }
        return result
    }
}

extension RunWarning: Codable {
    private enum Key: String, CodingKey {
        case kind, count, cause, free, version, problem
    }

    /// A string is a warning as an older cachewatch worded it; otherwise its `kind` and facts.
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .worded(text)
            return
        }
        let c = try decoder.container(keyedBy: Key.self)
        let count = try c.decodeIfPresent(Int.self, forKey: .count) ?? 0
        let version = try c.decodeIfPresent(String.self, forKey: .version)
        switch try c.decode(String.self, forKey: .kind) {
        case "writes-failed":
            let cause = try c.decodeIfPresent(String.self, forKey: .cause)
            let free = try c.decodeIfPresent(Int64.self, forKey: .free)
            self = .writesFailed(count, cause: cause.map(WriteCause.logged) ?? free.map { .diskFull(free: $0) } ?? .unknown)
        case "reads-failed": self = .readsFailed(count, cause: try c.decodeIfPresent(String.self, forKey: .cause))
        case "lookups-timed-out": self = .lookupsTimedOut(count)
        case "untested-sccache": self = .untestedSccache(version: version ?? "?")
        case "unplaced-results": self = .unplacedResults(count, version: version)
        case "compiles-without-result": self = .compilesWithoutResult(count, version: version)
        case "farm": self = .farm(try c.decode(FarmProblem.self, forKey: .problem))
        case let kind:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "no warning \(kind)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case .worded(let text) = self {
            var container = encoder.singleValueContainer()
            try container.encode(text)
            return
        }
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .writesFailed(let n, let cause):
            try c.encode("writes-failed", forKey: .kind)
            try c.encode(n, forKey: .count)
            if case .logged(let text) = cause { try c.encode(text, forKey: .cause) }
            if case .diskFull(let free) = cause { try c.encode(free, forKey: .free) }
        case .readsFailed(let n, let cause):
            try c.encode("reads-failed", forKey: .kind)
            try c.encode(n, forKey: .count)
            try c.encodeIfPresent(cause, forKey: .cause)
        case .lookupsTimedOut(let n):
            try c.encode("lookups-timed-out", forKey: .kind)
            try c.encode(n, forKey: .count)
        case .untestedSccache(let version):
            try c.encode("untested-sccache", forKey: .kind)
            try c.encode(version, forKey: .version)
        case .unplacedResults(let n, let version):
            try c.encode("unplaced-results", forKey: .kind)
            try c.encode(n, forKey: .count)
            try c.encodeIfPresent(version, forKey: .version)
        case .compilesWithoutResult(let n, let version):
            try c.encode("compiles-without-result", forKey: .kind)
            try c.encode(n, forKey: .count)
            try c.encodeIfPresent(version, forKey: .version)
        case .farm(let problem):
            try c.encode("farm", forKey: .kind)
            try c.encode(problem, forKey: .problem)
        case .worded: break
        }
    }
}
