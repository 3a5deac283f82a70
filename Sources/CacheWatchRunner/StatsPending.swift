/// No stats sample yet (the build is starting); the panel keeps waiting without an error.
public struct StatsPending: Error {
    public init() {}
}

/// The container's stats file is older than `RunSchedule.Sampling.staleAfter` (its poller stopped).
public struct StatsStale: Error {
    public let seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }
}
