/// One look at the build farm (`Effect.sampleFarm`): the client's view when it was asked (`--dist-status`), the
/// scheduler's load from its status endpoint, and what went wrong asking.
public struct FarmSample: Hashable, Codable, Sendable {
    public var status: DistStatus?
    public var load: FarmLoad?
    /// Why the scheduler did not answer (refused, timed out, not HTTP); nil when it did.
    public var problem: String?

    public init(status: DistStatus? = nil, load: FarmLoad? = nil, problem: String? = nil) {
        self.status = status
        self.load = load
        self.problem = problem
    }
}

/// The build farm as the dashboard knows it: the client's config, and its latest state.
public struct FarmState: Hashable, Sendable {
    public let config: DistConfig
    /// The client's view, last asked.
    public private(set) var status: DistStatus?
    /// The scheduler's servers, CPUs and jobs in flight, last polled (or as `--dist-status` gave them).
    public private(set) var load: FarmLoad?
    /// Why the last poll of the scheduler failed.
    public private(set) var problem: String?

    public init(config: DistConfig) {
        self.config = config
    }

    mutating func record(_ sample: FarmSample) {
        if let status = sample.status {
            self.status = status
            if case .connected(_, let farm) = status, sample.load == nil { load = farm }
        }
        if let load = sample.load { self.load = load }
        problem = sample.problem
    }

    /// The header's words: "dist: scheduler http://127.0.0.1:10600 · 2 servers · 4 CPUs", what is wrong instead of
    /// the numbers when the client is not connected or the scheduler does not answer. `compact` (a narrow terminal)
    /// leaves out the scheduler and sccache's reason: "dist: 2 servers · 4 CPUs · 3 jobs".
    public func summary(running: Bool, packaging: Bool = false, compact: Bool = false) -> String {
        let head = compact ? "dist:" : "dist: scheduler \(config.scheduler)"
        if case .disabled = status { return head + " · the client's sccache has no [dist]: every compile is local" }
        if case .notConnected(_, let reason) = status {
            return head
                + (compact ? " · not connected: every compile is local" : " · not connected (\(reason)): every compile is local")
        }
        if let problem { return head + " · unreachable: \(problem)" }
        guard let load else { return compact ? head + " " + config.scheduler : head }
        let servers = load.servers == 1 ? "1 server" : "\(load.servers) servers"
        let jobs = running && load.inProgress > 0 ? " · \(load.inProgress) job\(load.inProgress == 1 ? "" : "s")" : ""
        let packing = running && packaging ? " · packaging the compiler…" : ""
        return head + (compact ? " " : " · ") + "\(servers) · \(load.cpus) CPU\(load.cpus == 1 ? "" : "s")" + jobs + packing
    }
}
