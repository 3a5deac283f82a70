/// The container's stats file is older than `RunSchedule.Sampling.staleAfter` (its poller stopped).
public struct StatsStale: Error {
    public let seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }
}
