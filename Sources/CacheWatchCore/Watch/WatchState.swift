/// Watch mode in the dashboard: file changes are gathered until they stop for the debounce time, then make one
/// re-run. Pure: the watcher at the edge reports changes as events, and the clock is the events' own.
public struct WatchState: Hashable, Sendable {
    public internal(set) var settings: WatchSettings
    /// Whether changes re-run the build now.
    public var enabled: Bool { settings.enabled }
    /// The first changed paths since the last re-run (a few, in order), and how many changed in all.
    public internal(set) var pending: [String] = []
    public internal(set) var pendingCount = 0
    /// When the debounce ends (monotonic seconds), while changes wait.
    public internal(set) var due: Double?
    /// Under the wait strategy, a re-run held until the running build ends: what changed.
    public internal(set) var held: String?
    /// What started the run under way or last ended ("crates/slate/src/lib.rs changed"); nil when the user did.
    public internal(set) var trigger: String?
    /// How the watcher watches ("inotify, 12 directories"), once it said so.
    public internal(set) var method: String?
    /// Whether any change gathered since the last re-run came while no build ran (a person's edit, surely).
    var pendingOutsideBuild = false
    /// Re-runs in a row that only changes made while a build ran started, and the files of the last one: a build
    /// that writes into the project (a build script appending to a source file) would otherwise re-run itself.
    public internal(set) var selfTriggered = 0
    var selfTriggeredPaths: [String] = []

    /// Re-runs in a row started by changes made during builds, of the same files, after which watch pauses.
    public static let selfTriggerLimit = 3

    /// Paths kept to name in the status bar; the rest are counted.
    static let shownPaths = 8

    public init(settings: WatchSettings) {
        self.settings = settings
    }

    /// Changes reported at `now`: gathered, and the debounce starts again. Returns when to look again (seconds).
    mutating func changed(_ paths: [String], at now: Double, duringBuild: Bool = false) -> Double? {
        guard enabled, !paths.isEmpty else { return nil }
        if !duringBuild { pendingOutsideBuild = true }
        for path in paths where !pending.contains(path) {
            pendingCount += 1
            if pending.count < Self.shownPaths { pending.append(path) }
        }
        due = now + settings.debounce
        return settings.debounce
    }

    /// At `now`: what changed, once the debounce has ended (the changes are then taken); nil otherwise.
    mutating func takeDue(at now: Double) -> String? {
        guard let due, due <= now + 1e-9, let first = pending.first else { return nil }
        let more = pendingCount - 1
        let text = more > 0 ? "\(first) and \(more) more changed" : "\(first) changed"
        if pendingOutsideBuild || pending != selfTriggeredPaths {
            selfTriggered = pendingOutsideBuild ? 0 : 1
        } else {
            selfTriggered += 1
        }
        selfTriggeredPaths = pendingOutsideBuild ? [] : pending
        self.due = nil
        pending = []
        pendingCount = 0
        pendingOutsideBuild = false
        return text
    }

    /// The files a build keeps changing in the project, once it re-ran itself `selfTriggerLimit` times in a row and would again for
    /// them; nil otherwise.
    var runaway: [String]? {
        selfTriggered > Self.selfTriggerLimit ? selfTriggeredPaths : nil
    }

    mutating func setEnabled(_ on: Bool) {
        settings.enabled = on
        if !on {
            due = nil
            pending = []
            pendingCount = 0
            held = nil
        }
        selfTriggered = 0
        selfTriggeredPaths = []
        pendingOutsideBuild = false
    }

    mutating func hold(_ change: String) { held = change }

    mutating func takeHeld() -> String? {
        defer { held = nil }
        return held
    }

    mutating func started(by change: String?) { trigger = change }

    mutating func watching(_ method: String) { self.method = method }
}
