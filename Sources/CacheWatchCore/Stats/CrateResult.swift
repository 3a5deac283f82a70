/// What sccache did with one crate, from its server's debug log.
public struct CrateResult: Hashable, Codable, Sendable {
    public enum Outcome: Hashable, Codable, Sendable {
        case pending
        /// Still waiting for its result when the build ended (stopped, killed, or sccache's log ended).
        case interrupted
        case hit
        case miss
        case notCacheable(String)
        case error
        case other(String)

        /// Short text for the table.
        public var label: String {
            switch self {
            case .pending: return "…"
            case .interrupted: return "interrupted"
            case .hit: return "hit"
            case .miss: return "miss"
            case .notCacheable(let reason): return "not cacheable: \(reason)"
            case .error: return "cache error"
            case .other(let text): return text
            }
        }

        /// The outcome's stable word, as the history stores it and a trace files it: "hit", "miss",
        /// "not-cacheable", "error", "pending", "interrupted", "other"; `detail` carries the reason or the text.
        public var word: String {
            switch self {
            case .pending: return "pending"
            case .interrupted: return "interrupted"
            case .hit: return "hit"
            case .miss: return "miss"
            case .notCacheable: return "not-cacheable"
            case .error: return "error"
            case .other: return "other"
            }
        }

        /// The reason a call was not cacheable, or the text of an other outcome.
        public var detail: String? {
            switch self {
            case .notCacheable(let reason): return reason
            case .other(let text): return text
            default: return nil
            }
        }

        /// The outcome from its `word` and `detail`; an unknown word is an other outcome.
        public init(word: String, detail: String?) {
            switch word {
            case "pending": self = .pending
            case "interrupted": self = .interrupted
            case "hit": self = .hit
            case "miss": self = .miss
            case "not-cacheable": self = .notCacheable(detail ?? "")
            case "error": self = .error
            default: self = .other(detail ?? word)
            }
        }

        /// The label without its reason ("not cacheable"), for narrow columns.
        public var shortLabel: String {
            if case .notCacheable = self { return "not cacheable" }
            return label
        }
    }

    public var name: String
    public var outcome: Outcome
    /// Seconds compiling (misses) or reading the cache (hits), as sccache logged them.
    public var seconds: Double?
    /// Arrival order, for the default sort.
    public var sequence: Int
    /// What rustc built: "lib", "bin", "proc-macro", "build-script", "test", … (from the compile's arguments).
    public var kind: String?
    /// sccache's cache key for the compile (64 hex digits), as its log printed it.
    public var hashKey: String?
    /// A digest of the compile's arguments (16 hex digits): equal arguments, equal digest.
    public var argvDigest: String?
    /// rustc's arguments as sccache's log printed them (not kept in the history: `inputs` keeps what matters).
    public var arguments: [String]?
    /// What went into its key (read after the compile: its dep-info, its sources), for "why it missed".
    public var inputs: CompileInputs?
    /// Why it missed or hit a cache error, once explained against the history.
    public var cause: MissCause?
    /// When sccache began and finished the compile (seconds since 1970, from its log's timestamps: to the
    /// millisecond with `SCCACHE_LOG_MILLIS`); a compile sccache could not cache has one instant, when it was asked.
    public var started: Double?
    public var ended: Double?
    /// What sccache said went wrong (`Cache read error: …`, a compile's `process error`), shortened.
    public var errorText: String?
    /// Where a build farm came into it; nil when sccache did not try one.
    public var farm: FarmPlace?

    /// Where the compile ran, as the timeline and the trace group compiles: the build server's `ip:port`,
    /// `unknownServer` for a farm compile whose server is not told (yet), else `thisMachine`.
    public var ranOn: String {
        if case .sent(let server)? = farm { return server ?? Self.unknownServer }
        return Self.thisMachine
    }

    public static let thisMachine = "this machine"
    public static let unknownServer = "the build farm"

    /// Why compiles fell back from the farm to this machine, counted by reason.
    public static func fallbackReasons(_ compiles: [CrateResult]) -> [String: Int] {
        var reasons: [String: Int] = [:]
        for compile in compiles {
            if case .fellBack(let reason)? = compile.farm { reasons[reason, default: 0] += 1 }
        }
        return reasons
    }

    /// Where a farm came into the compile, as the report and the trace name it: `dist` (its server), `fell_back` or
    /// `dist_refused` (why); nil when sccache did not try a farm.
    public var farmField: (key: String, value: String)? {
        switch farm {
        case .sent?: return ("dist", ranOn)
        case .fellBack(let reason)?: return ("fell_back", reason)
        case .refused(let reason)?: return ("dist_refused", reason)
        case nil: return nil
        }
    }

    /// A compile sccache tried on its build farm: sent there, to a server (`ip:port`, once the stats have told it:
    /// `CrateLogParser.settleFarm`), or run here after the farm could not take it, and why (`connection refused`).
    public enum FarmPlace: Hashable, Codable, Sendable {
        case sent(String?)
        case fellBack(String)
        /// The farm refused it and it failed, with no fallback (a wrong client token: `not authorized`).
        case refused(String)

        /// The table's words after the outcome: "dist 127.0.0.1:10501" ("dist" while its server is not known),
        /// "local · fell back: connection refused".
        public var label: String {
            switch self {
            case .sent(let server): return server.map { "dist \($0)" } ?? "dist"
            case .fellBack(let reason): return "local · fell back: \(reason)"
            case .refused(let reason): return "dist · refused: \(reason)"
            }
        }

        /// sccache's reason (a URL, nested JSON errors) in a few words. A job the scheduler gave to a server that did
        /// not take it (a dead server it still lists, for up to 90 s) names that server.
        public static func reason(_ text: Substring) -> String {
            let lower = text.lowercased()
            if let server = server(in: text) {
                let why = lower.contains("connection refused") ? " (connection refused)" : ""
                return "server \(server) did not take the job" + why
            }
            for (needle, words) in [
                ("connection refused", "connection refused"), ("insufficient capacity", "no capacity"),
                ("timed out", "timed out"), ("assign job failed", "its server did not take the job"),
                ("failed to get a container", "the server's builder failed"), ("401", "not authorized"),
            ] where lower.contains(needle) {
                return words
            }
            var reason = String(text.prefix(80)).trimmingSpaces
            if let os = reason.firstRange(of: " (os error ") { reason = String(reason[..<os.lowerBound]) }
            return TerminalSafe.text(reason)
        }

        /// The server a fallback's reason names ("server 127.0.0.1:10502 did not take the job"), if any.
        public static func refusingServer(_ reason: String) -> String? {
            guard reason.hasPrefix("server "), let end = reason.firstRange(of: " did not take the job") else { return nil }
            return String(reason[reason.index(reason.startIndex, offsetBy: 7)..<end.lowerBound])
        }

        /// The `host:port` of a build server's URL in sccache's error (`https://127.0.0.1:10502/api/v1/distserver/…`),
        /// bounded and terminal-safe; nil when there is none.
        static func server(in text: Substring) -> String? {
            guard let path = text.firstRange(of: "/api/v1/distserver/") else { return nil }
            let before = text[..<path.lowerBound]
            guard let scheme = before.ranges(of: "://").last else { return nil }
            let host = before[scheme.upperBound...]
            guard !host.isEmpty, host.count <= SccacheStats.maxServerName, !host.contains(where: { $0 == " " || $0 == "/" })
            else { return nil }
            return TerminalSafe.text(String(host))
        }
    }

    public init(
        name: String, outcome: Outcome, seconds: Double?, sequence: Int, kind: String? = nil, hashKey: String? = nil,
        argvDigest: String? = nil
    ) {
        self.name = name
        self.outcome = outcome
        self.seconds = seconds
        self.sequence = sequence
        self.kind = kind
        self.hashKey = hashKey
        self.argvDigest = argvDigest
    }
}
