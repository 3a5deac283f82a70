/// Why a run's build did not start, as the Runner found it: the facts, with what the failing part said as a
/// `cause`. Core words it (`message`) for the log, the status bar, the record and the report.
public enum StartFailure: Hashable, Codable, Sendable {
    /// This run's directory (under the mount root) could not be made.
    case runDirectory(cause: String)
    /// The checks before each build found what would make it fail (`verdict`: the doctor's, worded by Core).
    case checks(verdict: String)
    /// The docker client is not on PATH.
    case dockerNotFound
    /// The Docker daemon did not answer (`cause`: docker's first error line, or how the command failed).
    case dockerSilent(cause: String)
    /// The image is not present and could not be pulled.
    case imageUnavailable(image: String, cause: String)
    /// The image could not be inspected.
    case imageUnreadable(image: String, cause: String)
    /// A mount source failed its checks (a link, an owner, a path outside the mount root).
    case mountRefused(cause: String)
    /// No loopback port was free for the container's sccache.
    case noFreePort
    /// sccache's server could not be spawned, exited as it started (`logTail`: its log's last lines), or did not
    /// answer on its port in time.
    case serverNotSpawned(cause: String)
    case serverExited(logTail: String)
    case serverSilent(port: Int, seconds: Int)
    /// The build's program is not on PATH, or could not be spawned.
    case commandNotFound(program: String)
    case commandNotSpawned(program: String, cause: String)
    /// As the failing part said it (an error of a kind not named above).
    case other(String)

    public var message: String {
        switch self {
        case .runDirectory(let cause): return "cannot create this run's directory: \(cause)"
        case .checks(let verdict): return verdict
        case .dockerNotFound:
            return "docker not found on PATH. Install Docker (Debian: apt-get install docker.io), "
                + "or build on this machine with --engine native."
        case .dockerSilent(let cause):
            return "the Docker daemon does not answer (\(cause)). Start it (systemctl start docker, or "
                + "scripts/docker-up), or build on this machine with --engine native."
        case .imageUnavailable(let image, let cause): return "image \(image) is not present and could not be pulled: \(cause)"
        case .imageUnreadable(let image, let cause): return "docker image inspect \(image) failed: \(cause)"
        case .mountRefused(let cause): return cause
        case .noFreePort: return "no free loopback port for the container's sccache"
        case .serverNotSpawned(let cause): return "could not start sccache: \(cause)"
        case .serverExited(let tail): return "sccache's server exited at start: \(tail)"
        case .serverSilent(let port, let seconds):
            return "sccache's server did not answer on port \(port) within \(seconds) s"
        case .commandNotFound(let program): return "\(program): command not found on PATH"
        case .commandNotSpawned(let program, let cause): return "could not start \(program): \(cause)"
        case .other(let text): return text
        }
    }

    /// The same, every cause with secrets masked (`SecretMask.text`): a server's log, docker's answer or an
    /// error may quote a backend's password, and the failure goes to the screen, the record and the recording.
    public var masked: StartFailure {
        let m = SecretMask.text
        switch self {
        case .runDirectory(let cause): return .runDirectory(cause: m(cause))
        case .checks(let verdict): return .checks(verdict: m(verdict))
        case .dockerSilent(let cause): return .dockerSilent(cause: m(cause))
        case .imageUnavailable(let image, let cause): return .imageUnavailable(image: m(image), cause: m(cause))
        case .imageUnreadable(let image, let cause): return .imageUnreadable(image: m(image), cause: m(cause))
        case .mountRefused(let cause): return .mountRefused(cause: m(cause))
        case .serverNotSpawned(let cause): return .serverNotSpawned(cause: m(cause))
        case .serverExited(let tail): return .serverExited(logTail: m(tail))
        case .commandNotFound(let program): return .commandNotFound(program: m(program))
        case .commandNotSpawned(let program, let cause): return .commandNotSpawned(program: m(program), cause: m(cause))
        case .other(let text): return .other(m(text))
        case .dockerNotFound, .noFreePort, .serverSilent: return self
        }
    }
}

/// What zeroing sccache's statistics (`z`) came to.
public enum ZeroResult: Hashable, Codable, Sendable {
    case zeroed
    /// No build was running: the native server is a run's own, so there was nothing to zero.
    case noBuild
    /// sccache (or docker) refused: `cause` as it said it.
    case failed(cause: String)

    public var notice: Notice {
        switch self {
        case .zeroed: return Notice("Statistics zeroed", ttl: 4)
        case .noBuild: return Notice("Could not zero the stats: no build is running", level: .error, ttl: 8)
        case .failed(let cause): return Notice("Could not zero the stats: \(cause)", level: .error, ttl: 8)
        }
    }
}
