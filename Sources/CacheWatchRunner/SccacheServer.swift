import CPty
import CacheWatchCore
import Foundation

/// The native engine's sccache server, run in the foreground (`SCCACHE_NO_DAEMON=1`) as a child in a
/// process group of its own: a daemonized server could outlive the dashboard with a compile in flight.
public final class SccacheServer: @unchecked Sendable {
    private let client: SccacheClient
    private let pid = LockedValue<pid_t?>(nil)

    /// How long a starting server has to answer on its port.
    static let answerSeconds = 15.0

    public init(client: SccacheClient) {
        self.client = client
    }

    /// Starts a fresh server whose debug log (the per-crate table's source) goes to `run`'s server log;
    /// waits until it answers. The server dies with the dashboard, however the dashboard ends.
    public func start(logging run: RunDirectory, cancel: CancelFlag = .shutdown) throws {
        stop()
        let logFD = try run.openServerLogForWriting()
        defer { close(logFD) }
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(null) }
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in client.environment { environment[key] = value }
        environment["SCCACHE_START_SERVER"] = "1"
        environment["SCCACHE_NO_DAEMON"] = "1"
        environment["SCCACHE_LOG"] = "debug"
        environment["SCCACHE_LOG_MILLIS"] = "1"  // the compile timeline's times, to the millisecond
        environment.removeValue(forKey: "SCCACHE_ERROR_LOG")  // the foreground server logs to stderr: our file
        let argv = CStringArray([client.binary])
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" }.sorted())
        var child: pid_t = 0
        let code = cw_spawn_fds(client.binary, argv.pointers, envp.pointers, -1, null, logFD, 0, 1, &child)
        guard code == 0 else { throw StartError(.serverNotSpawned(cause: String(cString: strerror(code)))) }
        pid.set(child)
        ChildGroups.add(child)
        // The compiles it runs are its group's: they end with the dashboard too.
        Watchdog.shared.watch(group: child)
        enum Start { case listening, cancelled, exited }
        // A connect to a port nobody listens on yet costs microseconds: asked every half millisecond for the first
        // 20 ms (a server takes 5 to 15 to answer), then every 2 ms.
        let start = Backoff.poll(timeout: Self.answerSeconds, backoff: Backoff(first: 500, cap: 2000, growAfter: 40)) {
            () -> Start? in
            if client.isServerRunning() { return .listening }
            if cancel.isSet { return .cancelled }
            var status: Int32 = 0
            return waitpid(child, &status, WNOHANG) == child ? .exited : nil
        }
        switch start {
        case .listening?:
            return
        case .cancelled?:
            stop(timeout: 0)
            throw Cancelled()
        case .exited?:
            pid.set(nil)
            ChildGroups.remove(child)
            let log = SecretMask.text(String(decoding: run.serverLog(), as: UTF8.self))
            let tail = log.split(separator: "\n").suffix(3).joined(separator: " / ")
            throw StartError(.serverExited(logTail: tail))
        case nil:
            break
        }
        stop()
        throw StartError(.serverSilent(port: client.port, seconds: Int(Self.answerSeconds)))
    }

    /// Stops the server: politely first (as `--stop-server` does: what is under way finishes and is logged), then its
    /// whole group. Returns at once when no server runs.
    public func stop(timeout: Double = 10) {
        guard let child = pid.get() else { return }
        if timeout > 0, !client.requestShutdown(timeout: min(timeout, 2)), client.isServerRunning() {
            _ = try? CommandRunner.run([client.binary, "--stop-server"], environment: client.environment, timeout: timeout)
        }
        var status: Int32 = 0
        let exited =
            Backoff.waitForExit(of: child, timeout: 2) { waitpid(child, &status, WNOHANG) == child ? true : nil } ?? false
        kill(-child, SIGKILL)  // the server and any compile it still runs
        Watchdog.shared.forget(group: child)
        if !exited { waitpid(child, &status, 0) }
        ChildGroups.remove(child)
        pid.set(nil)
    }
}
