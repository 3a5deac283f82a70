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
    /// - Parameter yielding: a live sample, beside the build (nicer); the final numbers are not.
    public func statsJSON(timeout: Double = 20, cancel: CancelFlag = .shutdown, yielding: Bool = false) throws -> String {
        try ask(["--show-stats", "--stats-format=json"], timeout: timeout, cancel: cancel, yielding: yielding)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The numbers and sccache's text report (`--show-stats`, as it prints it at the end of a build), both clients
    /// started at once from this thread; the text is nil when sccache did not give it.
    public func finalStats(timeout: Double) throws -> (json: String, text: String?) {
        let flags = ["--show-stats"]
        let text = try? CommandRunner.start([binary] + flags, environment: environment, timeout: timeout)
        let json = Result { try statsJSON(timeout: timeout) }
        let report = try? text.map { try answer(flags, $0.finish()) }
        return (try json.get(), report)
    }

    /// The request `sccache --stop-server` sends, without starting a client (22 MB, ~5 ms): a 4-byte big-endian
    /// length, then bincode's 4-byte little-endian index of `Request::Shutdown` (3 since sccache 0.2.9, which
    /// added `DistStatus` before it).
    static let shutdownRequest: [UInt8] = [0, 0, 0, 4, 3, 0, 0, 0]

    /// Asks the server to shut down gracefully (it finishes what is under way, then exits), as `--stop-server`
    /// does. True once it answered; false when it did not within `timeout` (not running, hung, or a protocol
    /// this request is not: then `--stop-server` is the way).
    public func requestShutdown(timeout: Double) -> Bool {
        let deadline = MonotonicClock.now() + timeout
        guard let connection = try? TCPConnection.open(host: "127.0.0.1", port: port, deadline: deadline) else { return false }
        defer { connection.close() }
        guard connection.send(Self.shutdownRequest) else { return false }
        // The answer: its length, then the server's statistics (bincode, which changes between versions: not read).
        return connection.receive(deadline: deadline, limit: 4) { $0.count >= 4 }.count == 4
    }

    /// The client's view of its build farm (`--dist-status`, one JSON line).
    public func distStatus(timeout: Double = 5, cancel: CancelFlag = .shutdown) throws -> String {
        try ask(["--dist-status"], timeout: timeout, cancel: cancel, yielding: true)
    }

    public func zeroStats() throws {
        _ = try ask(["--zero-stats"])
    }

    /// What the client printed for `flags`; its first error line as the failure when it did not succeed.
    private func ask(_ flags: [String], timeout: Double = 20, cancel: CancelFlag = .shutdown, yielding: Bool = false) throws
        -> String
    {
        try answer(
            flags,
            CommandRunner.run([binary] + flags, environment: environment, timeout: timeout, cancel: cancel, yielding: yielding))
    }

    private func answer(_ flags: [String], _ result: CommandResult) throws -> String {
        guard result.succeeded else {
            throw CommandRunner.Failure.launch("sccache \(flags[0])", result.firstErrorLine ?? "no output")
        }
        return result.stdout
    }

    /// `--show-stats` never starts a server, so a TCP connect tells whether one runs.
    public func isServerRunning() -> Bool {
        Ports.isListening(port: port)
    }
}
