import CPty
import Foundation

/// Runs short one-off commands (argv arrays, never shell strings) and reads all their output.
public enum CommandRunner {
    public enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        case launch(String, String)
        case timedOut([String], Double)

        public var description: String {
            switch self {
            case .notFound(let program): return "\(program): not found"
            case .launch(let program, let why): return "\(program) failed: \(why)"
            case .timedOut(let argv, let seconds):
                return "\(argv.joined(separator: " ")) did not finish within \(Int(seconds)) s"
            }
        }
    }

    /// How much nicer than the dashboard a `yielding` command runs.
    static let yieldingNice: Int32 = 10

    /// Runs `arguments` with the environment plus `environment`; kills its process group after `timeout` seconds,
    /// or as soon as `cancel` (or the dashboard's shutdown) is set, then throws `Cancelled`. A `yielding` command
    /// (work beside the build: a live sample) runs nicer, so a busy machine gives the build the CPU.
    /// Output is read to the end (sccache panics when its pipe closes early). A daemon the command
    /// leaves behind holding the pipes does not block: reading stops once the command has exited
    /// and the pipes are drained.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, timeout: Double = 60,
        cancel: CancelFlag = .shutdown, yielding: Bool = false, onOutput: (([UInt8]) -> Void)? = nil
    ) throws -> CommandResult {
        try start(
            arguments, environment: environment, directory: directory, timeout: timeout, cancel: cancel, yielding: yielding
        ).finish(onOutput: onOutput)
    }

    /// A command started, its output not read yet: several started from one thread run side by side, with no
    /// thread to wake for each (on a VM a woken thread can wait milliseconds for a core).
    public struct Started {
        let arguments: [String]
        let pid: pid_t
        let outFD: Int32
        let errFD: Int32
        let timeout: Double
        let deadline: Double
        let cancel: CancelFlag

        /// Reads the command's output to the end and reaps it (`run`'s contract).
        public func finish(onOutput: (([UInt8]) -> Void)? = nil) throws -> CommandResult {
            try CommandRunner.finish(self, onOutput: onOutput)
        }
    }

    /// Starts `arguments` as `run` does; `finish` reads it.
    public static func start(
        _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, timeout: Double = 60,
        cancel: CancelFlag = .shutdown, yielding: Bool = false
    ) throws -> Started {
        if cancel.isSet { throw Cancelled() }
        guard let program = arguments.first else { throw Failure.notFound("(empty command)") }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        guard let path = Executables.find(program, path: env["PATH"]) else { throw Failure.notFound(program) }
        let argv = CStringArray(arguments)
        let envp = CStringArray(env.map { "\($0.key)=\($0.value)" }.sorted())
        var outFD: Int32 = -1
        var errFD: Int32 = -1
        var pid: pid_t = 0
        let code = cw_spawn_pipes(
            path, argv.pointers, envp.pointers, directory, yielding ? Self.yieldingNice : 0, &outFD, &errFD, &pid)
        guard code == 0 else { throw Failure.launch(program, String(cString: strerror(code))) }
        return Started(
            arguments: arguments, pid: pid, outFD: outFD, errFD: errFD, timeout: timeout,
            deadline: MonotonicClock.now() + timeout, cancel: cancel)
    }

    private static func finish(_ started: Started, onOutput: (([UInt8]) -> Void)?) throws -> CommandResult {
        let (outFD, errFD, pid, cancel) = (started.outFD, started.errFD, started.pid, started.cancel)
        defer {
            close(outFD)
            close(errFD)
        }
        var out: [UInt8] = []
        var err: [UInt8] = []
        var open = [outFD: true, errFD: true]
        var exitStatus: Int32?
        var buffer = [UInt8](repeating: 0, count: 65536)
        // Once both pipes closed the child is exiting: checked again soon, then less often.
        var exiting = Backoff(first: 250, cap: 5000)
        // A cancel is seen between two polls: within a millisecond or two while the command is young (a stats
        // sample cancelled as the build ends must not hold the run's end back), within 5 ms later.
        var patience: Int32 = 1
        while true {
            var fds = [outFD, errFD].filter { open[$0] == true }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if fds.isEmpty && exitStatus != nil { break }
            if !fds.isEmpty {
                _ = poll(&fds, nfds_t(fds.count), patience)
                patience = min(patience * 2, 5)
            } else {
                exiting.sleep()
            }
            for fd in [outFD, errFD] where open[fd] == true {
                while true {
                    let n = read(fd, &buffer, buffer.count)
                    if n > 0 {
                        if fd == outFD { out += buffer[0..<n] } else { err += buffer[0..<n] }
                        onOutput?(Array(buffer[0..<n]))
                    } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                        open[fd] = false
                        break
                    } else {
                        break
                    }
                }
            }
            if exitStatus == nil {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid {
                    exitStatus = PTYProcess.decode(status).code
                    // A grandchild may keep the pipes open: read what is there, then stop.
                    open[outFD] = drain(outFD, into: &out, buffer: &buffer)
                    open[errFD] = drain(errFD, into: &err, buffer: &buffer)
                    break
                }
            }
            if MonotonicClock.now() > started.deadline || cancel.isSet {
                kill(-pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
                if cancel.isSet { throw Cancelled() }
                throw Failure.timedOut(started.arguments, started.timeout)
            }
        }
        return CommandResult(
            status: exitStatus ?? -1,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// Reads what is available now; returns false (closed) in every case.
    private static func drain(_ fd: Int32, into bytes: inout [UInt8], buffer: inout [UInt8]) -> Bool {
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { bytes += buffer[0..<n] } else { return false }
        }
    }
}
