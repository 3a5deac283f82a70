/// A short message in the status bar.
public struct Notice: Hashable, Codable, Sendable {
    public enum Level: String, Hashable, Codable, Sendable { case info, warning, error }

    public var text: String
    public var level: Level
    /// How long it shows, in seconds from when the dashboard receives it; nil keeps it until replaced.
    public var ttl: Double?
    /// When it disappears, on the clock of `Event.tick`: set by `AppState` from `ttl` (so a replay at another
    /// speed expires it at the same point of the recording).
    public internal(set) var expiresAt: Double?

    public init(_ text: String, level: Level = .info, ttl: Double? = nil) {
        self.text = text
        self.level = level
        self.ttl = ttl
    }
}
