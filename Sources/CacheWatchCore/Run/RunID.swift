/// A run's identity, minted once when it starts: its directory's name under `<mount root>/cachewatch/runs`
/// ("20261129-071450-native-run1-4242-x7k2": time, engine, run number, the dashboard's pid, a random part).
public struct RunID: Hashable, Codable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { value }
}
