/// The finished-build notice: when a build ends while the terminal is not focused, or after it ran at least
/// `afterSeconds`, the terminal's bell rings and its title says the outcome (as bacon and many build tools do).
public struct NotifySettings: Hashable, Codable, Sendable {
    public var enabled: Bool
    public var afterSeconds: Double

    public static let defaultAfter = 10.0

    public init(enabled: Bool = true, afterSeconds: Double = Self.defaultAfter) {
        self.enabled = enabled
        self.afterSeconds = max(0, afterSeconds)
    }

    /// Whether a build that ran `duration` seconds, ending while the terminal was `focused` or not, is announced.
    public func announces(duration: Double, focused: Bool) -> Bool {
        enabled && (!focused || duration >= afterSeconds)
    }
}
