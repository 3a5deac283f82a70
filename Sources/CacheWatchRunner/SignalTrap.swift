import Foundation

/// Turns SIGINT, SIGTERM, SIGHUP and SIGWINCH (and for the dashboard SIGTSTP and SIGCONT) into bytes on a pipe
/// the run loop polls. The handlers only write one byte (async-signal-safe); the loop does the rest.
public enum SignalTrap {
    nonisolated(unsafe) private static var writeFD: Int32 = -1
    nonisolated(unsafe) public private(set) static var readFD: Int32 = -1

    /// Installs the handlers once; ignores SIGPIPE so a closed pipe is an error, not death. `jobControl` also
    /// traps SIGTSTP and SIGCONT, so the dashboard can give the terminal back before it stops and take it after.
    public static func install(jobControl: Bool = false) {
        guard readFD < 0 else { return }
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] + (jobControl ? [SIGTSTP, SIGCONT] : []) {
            var action = sigaction()
            #if os(Linux)
                action.__sigaction_handler.sa_handler = { number in
                    var byte = UInt8(truncatingIfNeeded: number)
                    _ = write(SignalTrap.writeFD, &byte, 1)
                }
            #else
                action.__sigaction_u.__sa_handler = { number in
                    var byte = UInt8(truncatingIfNeeded: number)
                    _ = write(SignalTrap.writeFD, &byte, 1)
                }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
        // A parent may have started us with these signals blocked (a test runner, a CI agent): unblock them,
        // or Ctrl-C and SIGTERM would never arrive.
        var trapped = sigset_t()
        sigemptyset(&trapped)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] + (jobControl ? [SIGTSTP, SIGCONT] : []) { sigaddset(&trapped, sig) }
        pthread_sigmask(SIG_UNBLOCK, &trapped, nil)
    }

    /// The signals received since the last call.
    public static func take() -> [Int32] {
        guard readFD >= 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64)
        var result: [Int32] = []
        while true {
            let n = read(readFD, &buffer, buffer.count)
            if n <= 0 { break }
            result += buffer[0..<n].map { Int32($0) }
        }
        return result
    }
}
