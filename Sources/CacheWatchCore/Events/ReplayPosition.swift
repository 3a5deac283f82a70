/// A replay's position, for the status bar.
public struct ReplayPosition: Hashable, Codable, Sendable {
    /// Seconds into the recording, and its length.
    public var at: Double
    public var length: Double
    /// nil: as fast as it goes (`--speed max`).
    public var speed: Double?
    public var paused: Bool
    /// Every recorded event has been shown.
    public var ended: Bool

    public init(at: Double, length: Double, speed: Double?, paused: Bool, ended: Bool = false) {
        self.at = at
        self.length = length
        self.speed = speed
        self.paused = paused
        self.ended = ended
    }

    /// "▶ replay 1:23 / 4:56 · 2×", "⏸ replay … · paused".
    public var label: String {
        let speedText = speed.map { $0 == $0.rounded() ? "\(Int($0))×" : "\(FixedPoint.format($0))×" } ?? "max"
        let state = ended ? "end" : paused ? "paused" : speedText
        return "\(paused ? "‖" : "▶") replay \(Durations.clock(at)) / \(Durations.clock(length)) · \(state)"
    }
}
