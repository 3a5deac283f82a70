/// What a chown of the mounted directories did, as data: the Runner reports it, Core words the notice.
public struct ChownResult: Hashable, Codable, Sendable {
    public enum Ending: Hashable, Codable, Sendable {
        /// It ran: files it changed, files it could not change, the first error.
        case done(changed: Int, failed: Int, firstError: String?)
        /// The mount check refused to hand the directories to a container (a link, a foreign owner).
        case refused(String)
        /// Stopped (the dashboard quit) before it finished.
        case stopped
        /// It could not run or exited badly.
        case failed(String)
        /// Not needed here (Docker's files on macOS are not root's).
        case skipped
    }

    /// "1000:1000".
    public var owner: String
    /// Run by a container (as root) rather than by cachewatch itself.
    public var inContainer: Bool
    public var ending: Ending

    public init(owner: String, inContainer: Bool = false, _ ending: Ending) {
        self.owner = owner
        self.inContainer = inContainer
        self.ending = ending
    }

    public var failed: Bool {
        switch ending {
        case .done(_, let failed, _): return failed > 0
        case .skipped: return false
        case .refused, .stopped, .failed: return true
        }
    }

    /// "chown 1000:1000 in a container: 517 changed", or that there was nothing to change; failures after.
    public var summary: String {
        let who = "chown \(owner)"
        switch ending {
        case .done(let changed, let failed, let firstError):
            let how = inContainer ? " in a container" : ""
            var text = changed > 0 ? "\(who)\(how): \(changed) changed" : "\(who)\(how): nothing to change"
            if failed > 0 { text += ", \(failed) failed (\(firstError ?? "?"))" }
            return text
        case .refused(let why): return "\(who) refused: \(why)"
        case .stopped: return "\(who) stopped"
        case .failed(let why): return "\(who) failed: \(why)"
        case .skipped: return "chown skipped: on macOS Docker's files are not owned by root (and chown is slow there)"
        }
    }
}
