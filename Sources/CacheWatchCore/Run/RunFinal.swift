/// What the Runner gathered after the build's process exited (as `Effect.finishRun` asked): every candidate for
/// sccache's final numbers and report, secrets masked, and what the engine saw of sccache's server. Core chooses
/// among them (`numbers`, `report`) and says why the numbers are sccache's last sample (`diagnosis`).
public struct RunFinal: Hashable, Codable, Sendable {
    /// One reading of sccache's JSON statistics: as printed, and parsed (nil when it does not parse).
    public struct Reading: Hashable, Codable, Sendable {
        public var json: String
        public var stats: SccacheStats?

        public init(json: String, stats: SccacheStats?) {
            self.json = json
            self.stats = stats
        }
    }

    /// Asked of sccache after the build (the native server, still up), with its text report.
    public var asked: Reading?
    public var askedReport: String?
    /// What the build printed between the final-stats markers before it exited (the container's script).
    public var printed: Reading?
    public var printedReport: String?
    /// The run's last live sample.
    public var lastSample: Reading?
    /// What the engine found of sccache's server after the build (stopped, silent), if anything.
    public var server: EndDiagnosis?

    public init(
        asked: Reading? = nil, askedReport: String? = nil, printed: Reading? = nil, printedReport: String? = nil,
        lastSample: Reading? = nil, server: EndDiagnosis? = nil
    ) {
        self.asked = asked
        self.askedReport = askedReport
        self.printed = printed
        self.printedReport = printedReport
        self.lastSample = lastSample
        self.server = server
    }

    /// The run's final numbers: sccache's own after the build (asked, else printed) when they parse, else the last
    /// live sample; `own` says which.
    public var numbers: (reading: Reading, own: Bool)? {
        if let reading = asked ?? printed, reading.stats != nil { return (reading, true) }
        if let last = lastSample, last.stats != nil { return (last, false) }
        return nil
    }

    /// sccache's final text report (asked, else printed), when it gave one.
    public var report: String? {
        [askedReport, printedReport].lazy.compactMap { $0 }.first { !$0.isEmpty }
    }

    /// Why the run has no final numbers of sccache's own, for a build that was not stopped: its container (`container`:
    /// the build ran in one, named so) killed from outside or ended, the server stopped or silent, or no reason known.
    public func diagnosis(_ status: ExitStatus, container: String?) -> EndDiagnosis? {
        guard numbers?.own != true else { return nil }
        if let container {
            let name = container.isEmpty ? "the container" : container
            let killed = status.code == 137 || status.code == 143
            return killed
                ? .containerKilled(container: name, exit: status.code) : .containerEnded(container: name, exit: status.code)
        }
        return server ?? .noFinalNumbers
    }
}
