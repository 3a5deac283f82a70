import CPty
import Foundation

/// Removes this dashboard's containers when the dashboard dies without doing it (a `kill -9`): killing a
/// `docker run` client does not stop its container. A small watchdog process, in a session of its own, reads
/// the names of live containers on a pipe that only the dashboard holds; when the pipe closes (the dashboard
/// exited, however) it runs `docker rm -f` on those still listed.
public final class ContainerReaper: @unchecked Sendable {
    public static let shared = ContainerReaper()

    private let lock = NSLock()
    private var writeFD: Int32 = -1
    private var pid: pid_t = 0

    /// "+name" adds a container, "-name" removes it; at the end of input the listed ones are removed.
    static let script = """
        names=' '
        while IFS= read -r line; do
          case "$line" in
            +*) names="$names${line#+} " ;;
            -*) n="${line#-}"; case "$names" in *" $n "*) names="${names%% $n *} ${names#* $n }" ;; esac ;;
          esac
        done
        set -- $names
        [ $# -eq 0 ] || exec docker rm -f "$@" >/dev/null 2>&1
        """

    /// Starts watching container `name` (before it is started).
    public func watch(_ name: String) {
        send("+" + name)
    }

    /// The container is gone: nothing to remove at the end.
    public func forget(_ name: String) {
        send("-" + name)
    }

    /// Closes the pipe and waits (up to `timeout` seconds) for the watchdog to remove what is still listed.
    public func finish(timeout: Double = 10) {
        lock.lock()
        defer { lock.unlock() }
        guard writeFD >= 0 else { return }
        close(writeFD)
        writeFD = -1
        let deadline = MonotonicClock.now() + timeout
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 && MonotonicClock.now() < deadline { usleep(10_000) }
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
        let argv = CStringArray([shell, "-c", Self.script, "cachewatch-reaper"])
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
