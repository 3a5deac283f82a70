import Foundation

/// What sccache's client knows of its build farm: `sccache --dist-status` prints one JSON line,
/// `{"SchedulerStatus":[url,{…}]}`, `{"NotConnected":[url,reason]}` or `{"Disabled":"disabled"}`.
public enum DistStatus: Hashable, Codable, Sendable {
    /// No `[dist]` in the client's config: every compile runs on this machine.
    case disabled
    /// Connected to the scheduler at `scheduler`, which counts the farm's servers, CPUs and jobs.
    case connected(scheduler: String, farm: FarmLoad)
    /// A farm is configured but not reached: every compile then runs here, and sccache's stats look exactly like
    /// no farm at all (`dist_errors` stays 0). `reason` is sccache's ("enabled, not connected, will retry in 30.0s").
    case notConnected(scheduler: String, reason: String)

    /// Reads `--dist-status`'s line; nil when it is none of its three forms. Text from the client is untrusted:
    /// made terminal-safe and bounded here, once.
    public static func parse(_ text: String) -> DistStatus? {
        guard let value = try? JSONValue.parse(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        if case .string = value["Disabled"] { return .disabled }
        if case .array(let parts) = value["SchedulerStatus"], parts.count == 2, case .string(let url) = parts[0],
            let farm = FarmLoad(parts[1])
        {
            return .connected(scheduler: safe(url, trimmingSlash: true), farm: farm)
        }
        if case .array(let parts) = value["NotConnected"], parts.count == 2, case .string(let url) = parts[0],
            case .string(let reason) = parts[1]
        {
            return .notConnected(scheduler: safe(url, trimmingSlash: true), reason: safe(reason, trimmingSlash: false))
        }
        return nil
    }

    static func safe(_ text: String, trimmingSlash: Bool) -> String {
        var text = TerminalSafe.text(String(text.prefix(200)))
        if trimmingSlash, text.hasSuffix("/") { text.removeLast() }
        return SecretMask.text(text)
    }
}

/// The scheduler's view of its farm (`GET /api/v1/scheduler/status` with `Accept: application/json`, no auth;
/// `--dist-status` carries the same): build servers registered, their CPUs, and jobs in flight across all clients.
public struct FarmLoad: Hashable, Codable, Sendable {
    public var servers: Int
    public var cpus: Int
    public var inProgress: Int

    public init(servers: Int, cpus: Int, inProgress: Int) {
        self.servers = servers
        self.cpus = cpus
        self.inProgress = inProgress
    }

    /// `{"num_servers":2,"num_cpus":4,"in_progress":3}`; nil unless all three are counts.
    public init?(_ value: JSONValue) {
        func count(_ key: String) -> Int? {
            guard case .integer(let number) = value[key], number >= 0 else { return nil }
            return Int(min(number, Int64(SccacheStats.maxCount)))
        }
        guard let servers = count("num_servers"), let cpus = count("num_cpus"), let jobs = count("in_progress") else {
            return nil
        }
        self.init(servers: servers, cpus: cpus, inProgress: jobs)
    }

    /// The endpoint's body read.
    public static func parse(_ text: String) -> FarmLoad? {
        (try? JSONValue.parse(text)).flatMap(FarmLoad.init)
    }
}
