import CPty
import Foundation

/// Ends what the dashboard started when the dashboard dies without ending it (a `kill -9`): killing a `docker run`
/// client does not stop its container, and the processes an sccache server or cargo started outlive them (the
/// death signal reaches only direct children). A small watchdog process, in a session of its own, reads on a pipe
/// that only the dashboard holds which containers and process groups are alive; when the pipe closes (the dashboard
/// exited, however) it kills the groups still listed and removes the containers.
public final class Watchdog: @unchecked Sendable {
    public static let shared = Watchdog()

    private let lock = NSLock()
    private var writeFD: Int32 = -1
    private var pid: pid_t = 0
    /// Sessions open in this process (tests run several at once): the pipe closes when the last one ends.
    private var sessions = 0

    /// Lines "+c:NAME"/"-c:NAME" add and remove a container, "+g:PGID"/"-g:PGID" a process group.
    static let script = """
        names=' '
        groups=' '
        while IFS= read -r line; do
          case "$line" in
            +c:*) names="$names${line#+c:} " ;;
            -c:*) n="${line#-c:}"; case "$names" in *" $n "*) names="${names%% $n *} ${names#* $n }" ;; esac ;;
            +g:*) groups="$groups${line#+g:} " ;;
            -g:*) n="${line#-g:}"; case "$groups" in *" $n "*) groups="${groups%% $n *} ${groups#* $n }" ;; esac ;;
          esac
        done
        for g in $groups; do kill -9 "-$g" 2>/dev/null; done
        set -- $names
        [ $# -eq 0 ] || exec docker rm -f "$@" >/dev/null 2>&1
        """

    /// Starts watching container `name` (before it is started).
    public func watch(container name: String) {
        send("+c:" + name)
    }

    /// The container is gone.
    public func forget(container name: String) {
        send("-c:" + name)
    }

    /// Starts watching the process group `group` (a build, an sccache server and what they start).
    public func watch(group: pid_t) {
        send("+g:\(group)")
    }

    /// The group was ended (forgotten at once, so a later process never inherits the number and the kill).
    public func forget(group: pid_t) {
        send("-g:\(group)")
    }

    /// A session begins: the watchdog stays until it ends (`leave`).
    public func enter() {
        lock.withLock { sessions += 1 }
    }

    /// A session ended; the last one's `finish` closes the pipe.
    public func leave() {
        lock.withLock { sessions = max(0, sessions - 1) }
    }

    /// Closes the pipe and waits (up to `timeout` seconds) for the watchdog to end what is still listed; while
    /// another session of this process is open, nothing (its groups and containers are still watched).
    public func finish(timeout: Double = 10) {
        lock.lock()
        defer { lock.unlock() }
        guard writeFD >= 0, sessions == 0 else { return }
        close(writeFD)
        writeFD = -1
        var status: Int32 = 0
        _ = Backoff.waitForExit(of: pid, timeout: timeout) { waitpid(pid, &status, WNOHANG) == 0 ? nil : true }
        pid = 0
    }

    private func send(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        if writeFD < 0 { start() }
        guard writeFD >= 0 else { return }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBufferPointer { write(writeFD, $0.baseAddress, $0.count) }
    }

    private func start() {
        guard let shell = Executables.find("sh") else { return }
        var fds: [Int32] = [0, 0]
        guard cw_pipe_cloexec(&fds) == 0 else { return }
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer {
            close(fds[0])
            close(null)
        }
        let argv = CStringArray([shell, "-c", Self.script, "cachewatch-watchdog"])
        let envp = CStringArray(ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }.sorted())
        var child: pid_t = 0
        // Its own session and no death signal: it must outlive a dashboard that is killed.
        guard cw_spawn_fds(shell, argv.pointers, envp.pointers, fds[0], null, null, 1, 0, &child) == 0 else {
            close(fds[1])
            return
        }
        writeFD = fds[1]
        pid = child
    }
}
