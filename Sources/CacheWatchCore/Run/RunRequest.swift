/// A start Core asks the Runner for (`Effect.startBuild`): which run of the session it is and how it runs and stops.
public struct RunRequest: Hashable, Codable, Sendable {
    /// The run's number in this session, from 1 (its directory's name and the log's separator say it). A start that
    /// replaces one still being prepared (`r` twice) keeps its number.
    public var number: Int
    /// false: no compiler wrapper (`--compare`'s baseline); sccache's server still runs, and counts nothing.
    public var wrapped: Bool
    /// How the run's build is stopped, and how long its end is waited for.
    public var stopping: RunSchedule.Stopping

    public init(number: Int, wrapped: Bool = true, stopping: RunSchedule.Stopping = RunSchedule.Stopping()) {
        self.number = number
        self.wrapped = wrapped
        self.stopping = stopping
    }
}
