/// What goes wrong on a build farm that sccache's numbers alone hide or leave unexplained, each worded with what to
/// do: the panel's warnings while the build runs, and the run's warnings after (the report, the history, the job
/// summary, the headless summary).
public enum FarmProblem: Hashable, Codable, Sendable {
    /// Set up for a farm, not connected to it: every compile runs here, and the stats look exactly like no farm
    /// (sccache retries only when a compile arrives 30 s after its last try).
    case notConnected(scheduler: String, reason: String)
    /// The client's sccache runs without a farm though its config file has one.
    case disabled(config: String)
    /// The scheduler refused the client's token (401): compiles sent there failed, with no fallback.
    case refused(compiles: Int, config: String)
    /// A server the scheduler still lists did not take its jobs (dead: listed up to 90 s after its last heartbeat).
    case serverDown(server: String, compiles: Int)
    /// Jobs refused for lack of capacity, run here (normal on small servers).
    case noCapacity(compiles: Int)
    /// sccache's server stopped mid-build and a new one started: its numbers begin again (its idle timeout can end
    /// it under a farm job that hangs).
    case clientRestarted

    public var message: String {
        func compiles(_ n: Int) -> String { n == 1 ? "1 compile" : "\(n) compiles" }
        switch self {
        case .notConnected(let scheduler, let reason):
            return "the build farm is not connected: every compile runs on this machine (sccache: \(reason)). "
                + "Start the scheduler at \(scheduler), then re-run"
        case .disabled(let config):
            return "sccache's server runs without a build farm (no [dist] in what it read), though \(config) has one: "
                + "was SCCACHE_CONF set when its server started?"
        case .refused(let n, let config):
            return "the build farm's scheduler refused this client's token (401): \(compiles(n)) sent there failed, "
                + "with no fallback to this machine. Make [dist.auth] token in \(config) the scheduler's client_auth token"
        case .serverDown(let server, let n):
            return
                "\(compiles(n)) fell back to this machine: build server \(server) did not take \(n == 1 ? "its job" : "their jobs"). "
                + "The scheduler lists a server for up to 90 s after its last heartbeat, so a dead one still gets jobs: "
                + "restart it, or they run here until it is dropped"
        case .noCapacity(let n):
            return "\(compiles(n)) ran on this machine for lack of capacity on the farm: a server takes cores + 1 + "
                + "cores/8 jobs at once, so a few refusals are normal on small servers"
        case .clientRestarted:
            return "sccache's server stopped mid-build and a new one started (its numbers begin again): with a farm, a "
                + "job that hangs past SCCACHE_IDLE_TIMEOUT (600 s unless set) lets it time out; set "
                + "SCCACHE_IDLE_TIMEOUT=0 for long farm builds"
        }
    }

    /// The farm's problems now: the client's state, the compiles' places, whether sccache's server restarted.
    public static func find(_ farm: FarmState, compiles: [CrateResult], serverRestarted: Bool) -> [FarmProblem] {
        var problems: [FarmProblem] = []
        switch farm.status {
        case .notConnected(_, let reason)?: problems.append(.notConnected(scheduler: farm.config.scheduler, reason: reason))
        case .disabled?: problems.append(.disabled(config: farm.config.path))
        default: break
        }
        var refused = 0
        var down: [String: Int] = [:]
        var noCapacity = 0
        for compile in compiles {
            switch compile.farm {
            case .refused(let reason)? where reason == "not authorized": refused += 1
            case .fellBack(let reason)?:
                if reason == "no capacity" { noCapacity += 1 }
                if let server = CrateResult.FarmPlace.refusingServer(reason) { down[server, default: 0] += 1 }
            default: break
            }
        }
        if refused > 0 { problems.append(.refused(compiles: refused, config: farm.config.path)) }
        problems += down.sorted { $0.key < $1.key }.map { .serverDown(server: $0.key, compiles: $0.value) }
        if noCapacity > 0 { problems.append(.noCapacity(compiles: noCapacity)) }
        if serverRestarted { problems.append(.clientRestarted) }
        return problems
    }
}
