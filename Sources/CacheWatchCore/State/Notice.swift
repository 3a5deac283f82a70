/// A short message in the status bar.
public struct Notice: Hashable, Sendable {
    public enum Level: Hashable, Sendable { case info, warning, error }

    public var text: String
    public var level: Level
    /// When it disappears (same clock as `Event.tick`); nil keeps it until replaced.
    public var expiresAt: Double?

    public init(_ text: String, level: Level = .info, expiresAt: Double? = nil) {
        self.text = text
        self.level = level
        self.expiresAt = expiresAt
    }
}
