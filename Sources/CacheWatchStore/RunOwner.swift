import Foundation

/// The process that is running a build, told apart from a later process with the same pid: its pid, the
/// machine's boot id and the process's start time (in clock ticks since boot). A run whose owner is gone reads
/// "interrupted".
public struct RunOwner: Hashable, Sendable {
    public var pid: Int32
    public var boot: String
    public var start: Int64

    public init(pid: Int32, boot: String, start: Int64) {
        self.pid = pid
        self.boot = boot
        self.start = start
    }

    /// This process.
    public static var current: RunOwner {
        let pid = getpid()
        return RunOwner(pid: pid, boot: bootID, start: startTime(of: pid) ?? 0)
    }

    /// Whether the owner still runs: same machine and boot, and its pid still names the same process.
    public var isAlive: Bool {
        guard boot == Self.bootID, pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        // A zombie (killed, not yet reaped by its parent) runs nothing any more.
        guard let fields = Self.statFields(of: pid), fields.count > 19, fields[0] != "Z" else { return false }
        return Int64(fields[19]) == start
    }

    /// The token stored with a running run: "boot:start".
    var token: String { "\(boot):\(start)" }

    init?(pid: Int32, token: String) {
        guard let colon = token.lastIndex(of: ":"), let start = Int64(token[token.index(after: colon)...]) else {
            return nil
        }
        self.init(pid: pid, boot: String(token[..<colon]), start: start)
    }

    static let bootID: String = {
        (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
    }()

    /// Field 22 of /proc/PID/stat: the process's start time.
    static func startTime(of pid: Int32) -> Int64? {
        guard let fields = statFields(of: pid), fields.count > 19 else { return nil }
        return Int64(fields[19])
    }

    /// The fields of /proc/PID/stat after the parenthesised command name (which may hold spaces): the state
    /// (field 3) first, so the start time (field 22) is the 20th.
    static func statFields(of pid: Int32) -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }
}
