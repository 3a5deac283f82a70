/// The build farm as a run used it: the scheduler, the client's state at the end, the servers the scheduler listed,
/// the compiles each server ran and the fallbacks with their reasons. The report's `dist`, `history show`'s "Build
/// farm" lines, `history diff`'s servers, the job summary's farm table and the trace's tracks are renderings of it.
public struct RunFarm: Hashable, Codable, Sendable {
    /// The client's state as last seen.
    public enum State: String, Codable, Sendable {
        /// Connected to its scheduler.
        case connected
        /// Set up for a farm, not reaching it: every compile ran on this machine.
        case notConnected = "not connected"
        /// The client's sccache had no `[dist]` though the config file has one.
        case disabled
        /// The scheduler's status endpoint did not answer (the client was not asked, or not yet).
        case unreachable
        /// Not looked at before the run ended.
        case unknown
    }

    /// The scheduler's URL, credentials masked.
    public var scheduler: String
    public var state: State
    /// Why it is not connected or unreachable (sccache's words, or the probe's).
    public var reason: String?
    /// Build servers and their CPUs as the scheduler listed them at its last look.
    public var serversListed: Int?
    public var cpus: Int?
    /// Compiles each build server ran (sccache's `dist_compiles`, by `ip:port`).
    public var compiles: [String: Int]
    /// Compiles the farm could not run, done here instead (`dist_errors`), and the reasons sccache logged, counted
    /// (`connection refused: 3`).
    public var fallbacks: Int
    public var fallbackReasons: [String: Int]

    public init(
        scheduler: String, state: State, reason: String? = nil, serversListed: Int? = nil, cpus: Int? = nil,
        compiles: [String: Int] = [:], fallbacks: Int = 0, fallbackReasons: [String: Int] = [:]
    ) {
        self.scheduler = scheduler
        self.state = state
        self.reason = reason
        self.serversListed = serversListed
        self.cpus = cpus
        self.compiles = compiles
        self.fallbacks = fallbacks
        self.fallbackReasons = fallbackReasons
    }

    /// The farm of a run: what the dashboard last knew of it, sccache's per-server numbers and the compiles' places.
    public init(_ farm: FarmState, stats: SccacheStats?, compiles: [CrateResult]) {
        var state = State.unknown
        var reason: String?
        switch farm.status {
        case .connected?: state = .connected
        case .notConnected(_, let why)?:
            state = .notConnected
            reason = why
        case .disabled?: state = .disabled
        case nil:
            if let problem = farm.problem {
                state = .unreachable
                reason = problem
            } else if farm.load != nil {
                state = .connected
            }
        }
        let reasons = CrateResult.fallbackReasons(compiles)
        self.init(
            scheduler: farm.config.scheduler, state: state, reason: reason, serversListed: farm.load?.servers,
            cpus: farm.load?.cpus, compiles: stats?.distCompiles ?? [:],
            fallbacks: max(stats?.distErrors ?? 0, reasons.values.reduce(0, +)), fallbackReasons: reasons)
    }

    /// Every compile the farm ran.
    public var total: Int { SccacheStats.total(compiles) }

    /// The servers by address, with their compiles.
    public var servers: [(server: String, compiles: Int)] { SccacheStats.byServer(compiles) }

    /// One line: "http://127.0.0.1:10600 · connected · 2 servers, 4 CPUs · 12 compiled there · 1 fell back".
    public var summary: String {
        var parts = [scheduler, state.rawValue + (reason.map { " (\($0))" } ?? "")]
        if let serversListed {
            parts.append(
                "\(serversListed) server\(serversListed == 1 ? "" : "s")"
                    + (cpus.map { ", \($0) CPU\($0 == 1 ? "" : "s")" } ?? ""))
        }
        parts.append("\(total) compiled there")
        if fallbacks > 0 { parts.append("\(fallbacks) fell back") }
        return parts.joined(separator: " · ")
    }

    /// The fallbacks' reasons, most first: "connection refused ×3, no capacity ×1".
    public var reasonsText: String {
        Self.mostFirst(fallbackReasons).map { "\($0.reason) ×\($0.count)" }.joined(separator: ", ")
    }

    /// Fallbacks' reasons, the most frequent first, then by name (the panel's rows and `reasonsText`).
    public static func mostFirst(_ reasons: [String: Int]) -> [(reason: String, count: Int)] {
        reasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
    }
}
