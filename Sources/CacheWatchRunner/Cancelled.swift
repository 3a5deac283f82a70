/// Work that was cancelled (a new run was asked for, or the dashboard is ending).
public struct Cancelled: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "cancelled" }
}
