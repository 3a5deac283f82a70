import CPty
import CacheWatchCore
import Foundation

/// A child process on its own pseudo-terminal and in its own process group.
///
/// Shared by the PTY's reader thread (which reads and finally closes the descriptor) and the session queue
/// (which resizes, polls and signals): the descriptor's state and the exit status are guarded by one lock,
/// so a resize never reaches a descriptor that was closed (and perhaps reused) meanwhile.
public final class PTYProcess: @unchecked Sendable {
    public let pid: pid_t
    /// The PTY's master side: the child's output is read here (non-blocking).
    public let descriptor: Int32
    private let lock = NSLock()
    private var reaped: ExitStatus?
    private var closed = false

    /// Starts `plan` with the dashboard's environment plus the plan's variables.
    public init(plan: BuildPlan, rows: Int, columns: Int) throws {
        guard let program = plan.arguments.first else { throw StartError(.commandNotFound(program: "(empty command)")) }
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in plan.environment { environment[key] = value }
        environment["TERM"] = environment["TERM"] ?? "xterm-256color"
        guard let path = Executables.find(program, path: environment["PATH"]) else {
            throw StartError(.commandNotFound(program: program))
        }

        let argv = CStringArray(plan.arguments)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" }.sorted())
        var master: Int32 = -1
        var child: pid_t = 0
        let code = cw_spawn_pty(
            path, argv.pointers, envp.pointers, plan.workingDirectory,
            UInt16(clamping: max(1, rows)), UInt16(clamping: max(1, columns)), &master, &child)
        guard code == 0 else {
            throw StartError(.commandNotSpawned(program: program, cause: String(cString: strerror(code))))
        }
        pid = child
        descriptor = master
        ChildGroups.add(child)
    }

    deinit {
        ChildGroups.remove(pid)
        closeDescriptor()
    }

    /// Closes the PTY (the reader thread does, once it has read everything).
    public func closeDescriptor() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        close(descriptor)
    }

    /// Reads what is available; nil at end of output (the PTY closes when every writer has exited).
    /// Only the reader thread reads, and only it closes, so the read itself needs no lock.
    public func read(into buffer: inout [UInt8]) -> Int? {
        guard !isClosed else { return nil }
        let n = Foundation.read(descriptor, &buffer, buffer.count)
        if n > 0 { return n }
        if n < 0 && (errno == EAGAIN || errno == EINTR) { return 0 }
        return nil
    }

    private var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed
    }

    /// Sends `signal` to the child's whole process group.
    public func signalGroup(_ signal: Int32) {
        lock.lock()
        defer { lock.unlock() }
        guard reaped == nil else { return }
        kill(-pid, signal)
    }

    public func resize(rows: Int, columns: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        _ = cw_pty_resize(descriptor, UInt16(clamping: max(1, rows)), UInt16(clamping: max(1, columns)))
    }

    /// The exit status if the child has ended (never blocks).
    public func poll() -> ExitStatus? {
        lock.lock()
        defer { lock.unlock() }
        if let reaped { return reaped }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        reaped = Self.decode(status)
        return reaped
    }

    /// Waits up to `timeout` seconds for the child to end (seen the moment it does: `Backoff.waitForExit`).
    public func wait(timeout: Double) -> ExitStatus? {
        Backoff.waitForExit(of: pid, timeout: timeout) { poll() }
    }

    /// Ends the group: SIGTERM, then SIGKILL after `grace` seconds; waits for the child.
    @discardableResult
    public func terminate(grace: Double = 2) -> ExitStatus {
        if let status = poll() {
            kill(-pid, SIGKILL)  // stragglers of the group
            return status
        }
        signalGroup(SIGTERM)
        if let status = wait(timeout: grace) {
            kill(-pid, SIGKILL)
            return status
        }
        kill(-pid, SIGKILL)
        return wait(timeout: 5) ?? .signaled(SIGKILL)
    }

    static func decode(_ status: Int32) -> ExitStatus {
        let signal = status & 0x7F
        if signal == 0 { return .exited((status >> 8) & 0xFF) }
        return .signaled(signal)
    }
}
