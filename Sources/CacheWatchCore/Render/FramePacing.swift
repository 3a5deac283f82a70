/// How often the dashboard draws. A key's effect shows within a frame at 60 a second; what the build brings (its
/// output, its numbers, the clock) is drawn at most 20 times a second, and less often when frames cost more, so
/// that drawing takes about `share` of one core: a 300-crate build's frame costs a millisecond or two, and at 20 a
/// second the dashboard spent most of its own CPU drawing while the eye saw no difference. At least 4 a second.
public struct FramePacing: Sendable {
    public static let input = 1.0 / 60
    public static let fastest = 1.0 / 20
    public static let slowest = 1.0 / 4
    public static let share = 0.01

    /// The recent cost of a frame (render and present), in seconds: a moving average.
    public private(set) var cost: Double = 0

    public init() {}

    /// A frame took `seconds`.
    public mutating func drew(seconds: Double) {
        guard seconds.isFinite, seconds >= 0 else { return }
        cost = cost == 0 ? seconds : cost * 0.8 + seconds * 0.2
    }

    /// The time between two frames of the build's own changes.
    public var data: Double { min(Self.slowest, max(Self.fastest, cost / Self.share)) }
}
