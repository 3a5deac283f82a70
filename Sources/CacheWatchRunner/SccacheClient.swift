import Foundation

/// Talks to one sccache server (the dashboard's own port) through the real sccache binary.
public struct SccacheClient: Sendable {
    public let binary: String
    /// SCCACHE_SERVER_PORT, SCCACHE_DIR and friends, as the build's wrapper sees them.
    public let environment: [String: String]

    public init(binary: String, environment: [String: String]) {
        self.binary = binary
        self.environment = environment
    }

    public var port: Int { Int(environment["SCCACHE_SERVER_PORT"] ?? "") ?? 4226 }

    /// One stats sample as sccache printed it (a single JSON object).
    public func statsJSON(timeout: Double = 20, cancel: CancelFlag = .shutdown) throws -> String {
        let result = try CommandRunner.run(
            [binary, "--show-stats", "--stats-format=json"], environment: environment, timeout: timeout, cancel: cancel)
        guard result.succeeded else {
            throw CommandRunner.Failure.launch("sccache --show-stats", result.firstErrorLine ?? "no output")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func zeroStats() throws {
        let result = try CommandRunner.run([binary, "--zero-stats"], environment: environment, timeout: 20)
        guard result.succeeded else {
            throw CommandRunner.Failure.launch("sccache --zero-stats", result.firstErrorLine ?? "no output")
        }
    }

    /// `--show-stats` never starts a server, so a TCP connect tells whether one runs.
    public func isServerRunning() -> Bool {
        Ports.isListening(port: port)
    }
}
