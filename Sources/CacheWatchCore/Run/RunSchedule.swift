/// The periodic work of a running build, decided here and carried out by the session: sccache's numbers sampled
/// (with the new lines of its server log), the mounted directories scanned, the build's exit checked (the PTY's
/// end says it too, unless a grandchild holds the PTY open). Times are the session's monotonic clock; the
/// running build's ticks (every `AppState.runningTick`) bring each due time.
public struct RunSchedule: Hashable, Codable, Sendable {
    /// How often each is done while a build runs.
    public struct Periods: Hashable, Codable, Sendable {
        public var stats = 0.4
        public var disk = 2.0
        public var exit = 0.2
        /// The farm's scheduler (an HTTP request on the loopback or the LAN), and the client's view of it (a start
        /// of sccache's client, as a stats sample is).
        public var farm = 1.0
        public var farmClient = 5.0

        public init(stats: Double = 0.4, disk: Double = 2, exit: Double = 0.2, farm: Double = 1, farmClient: Double = 5) {
            self.stats = stats
            self.disk = disk
            self.exit = exit
            self.farm = farm
            self.farmClient = farmClient
        }
    }

    /// How the running build's numbers are read (with each `Effect.sampleStats`): a container's stats file older
    /// than `staleAfter` seconds means its poller stopped; with no file at all `askServerAfter` seconds after the
    /// run was prepared (a Docker daemon on another machine mounts its own directories, not ours), sccache is asked
    /// in the container instead.
    public struct Sampling: Hashable, Codable, Sendable {
        public var staleAfter = 10.0
        public var askServerAfter = 15.0

        public init(staleAfter: Double = 10, askServerAfter: Double = 15) {
            self.staleAfter = staleAfter
            self.askServerAfter = askServerAfter
        }

        public static let standard = Sampling()
    }

    /// How a build is stopped and its end waited for: a container is given `containerGrace` seconds (`docker stop
    /// --time`) and its `docker run` client `clientWait` to follow before the container is killed; the build's process
    /// group `processGrace` between SIGTERM and SIGKILL; a child whose terminal closed `exitSettle` to exit before its
    /// exit is left to `Effect.checkExit`; the dashboard's end `shutdown` to stop everything cleanly.
    public struct Stopping: Hashable, Codable, Sendable {
        public var containerGrace = 2
        public var clientWait = 5.0
        public var processGrace = 3.0
        public var exitSettle = 0.25
        public var shutdown = 3.0

        public init(
            containerGrace: Int = 2, clientWait: Double = 5, processGrace: Double = 3, exitSettle: Double = 0.25,
            shutdown: Double = 3
        ) {
            self.containerGrace = containerGrace
            self.clientWait = clientWait
            self.processGrace = processGrace
            self.exitSettle = exitSettle
            self.shutdown = shutdown
        }
    }

    /// The periodic work whose cost spaces it out.
    public enum Work: String, Hashable, Codable, Sendable {
        case stats, disk
    }

    public var periods = Periods()
    public var sampling = Sampling.standard
    public var stopping = Stopping()
    /// The CPU seconds the last of each took (`Event.workCost`): each comes every period, or less often when it
    /// costs more than `share` of one core at that period (a `target/` of 100 000 files is not stat'ed every 2 s;
    /// a busy machine's slower sccache client is asked less often).
    public var costs: [Work: Double] = [:]
    /// The most of one core each periodic work may take: the numbers half a percent, the disk a quarter (its
    /// figures move slowly, and a cheaper scan would otherwise only come more often).
    public static func share(_ work: Work) -> Double { work == .stats ? 0.005 : 0.0025 }
    /// False where nothing shows the disk while the build runs (headless mode): it is scanned at the build's start
    /// and end only.
    public var watchesDisk = true
    /// True when sccache's client is set up for a build farm: it is looked at while a build runs.
    public var watchesFarm = false
    /// For its first seconds a build's stats are sampled at their period whatever they cost: a short build is seen
    /// closely (a server that restarts between two samples would go unnoticed), a long one is paced.
    public static let closeWatch = 10.0
    /// When the running build began.
    private(set) var startedAt: Double?
    /// A tenth of the running build's tick.
    static let slack = 0.01
    /// When each is next due; nil while no build runs.
    private(set) var nextStats: Double?
    private(set) var nextDisk: Double?
    private(set) var nextExit: Double?
    private(set) var nextFarm: Double?
    private(set) var nextFarmClient: Double?

    public init(periods: Periods = Periods()) {
        self.periods = periods
    }

    /// A build started at `t`: its numbers are sampled at once, the rest after one period.
    mutating func begin(at t: Double) -> [Effect] {
        startedAt = t
        costs = [:]  // the last run's (its final sample may have counted the build, reaped meanwhile)
        nextStats = t + periods.stats
        nextDisk = watchesDisk ? t + periods.disk : nil
        nextExit = t + periods.exit
        guard watchesFarm else { return [.sampleStats(sampling)] }
        // The client is asked early: one that started while the scheduler was away compiles everything locally, and
        // only it can say so. Its server has just started, so the first look waits one period.
        nextFarm = t + periods.farm
        nextFarmClient = t + periods.farm
        return [.sampleStats(sampling)]
    }

    /// What is due at `t` (or within `slack` of it: a tick a hair early does not put it off a whole tick), each due
    /// again one period after `t` (a late tick never brings a burst).
    mutating func due(at t: Double) -> [Effect] {
        var effects: [Effect] = []
        if let due = nextExit, due <= t + Self.slack {
            effects.append(.checkExit)
            nextExit = t + periods.exit
        }
        if let due = nextStats, due <= t + Self.slack {
            effects.append(.sampleStats(sampling))
            nextStats = t + (t - (startedAt ?? t) < Self.closeWatch ? periods.stats : period(.stats))
        }
        if let due = nextDisk, due <= t + Self.slack {
            effects.append(.scanDisk(.periodic))
            nextDisk = t + period(.disk)
        }
        if let due = nextFarm, due <= t + Self.slack {
            let client = (nextFarmClient ?? .infinity) <= t + Self.slack
            effects.append(.sampleFarm(client: client))
            nextFarm = t + periods.farm
            if client { nextFarmClient = t + periods.farmClient }
        }
        return effects
    }

    /// The time between two of `work`: its period, longer when the last one cost more than `share` of it.
    public func period(_ work: Work) -> Double {
        max(work == .stats ? periods.stats : periods.disk, (costs[work] ?? 0) / Self.share(work))
    }

    /// The build ended (or never started): nothing more is due.
    mutating func end() {
        startedAt = nil
        nextStats = nil
        nextDisk = nil
        nextExit = nil
        nextFarm = nil
        nextFarmClient = nil
    }
}
