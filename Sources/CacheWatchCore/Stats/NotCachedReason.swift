/// One reason sccache gave for not caching, and how many calls it covered.
public struct NotCachedReason: Hashable, Codable, Sendable {
    public var reason: String
    public var count: Int

    public init(_ reason: String, _ count: Int) {
        self.reason = reason
        self.count = count
    }
}
