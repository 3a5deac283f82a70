/// One line of `cachewatch doctor`: what was checked, what was found, and what to do about it.
public struct DoctorFinding: Hashable, Codable, Sendable {
    public enum Level: String, Hashable, Codable, Sendable {
        case ok
        case warning
        /// The build would fail (or cachewatch would refuse to start it).
        case failure

        public var mark: String {
            switch self {
            case .ok: return "✔"
            case .warning: return "⚠"
            case .failure: return "✘"
            }
        }
    }

    public var level: Level
    public var subject: String
    public var detail: String
    public var fix: String?

    public init(_ level: Level, _ subject: String, _ detail: String, fix: String? = nil) {
        self.level = level
        self.subject = subject
        self.detail = detail
        self.fix = fix
    }

    /// "✘ Cargo.lock: missing, and the command passes --locked", then the fix on a line of its own.
    public var lines: [String] {
        ["\(level.mark) \(subject): \(detail)"] + (fix.map { ["    → \($0)"] } ?? [])
    }
}
