/// Why a run ended without sccache's final numbers, as the engine found it: data from the Runner, words from Core
/// (the panel's problem line and the log's last note).
public enum EndDiagnosis: Hashable, Codable, Sendable {
    /// The build's container was killed from outside (exit 137 or 143) before sccache reported.
    case containerKilled(container: String, exit: Int32)
    /// The build's container ended some other way without sccache's report.
    case containerEnded(container: String, exit: Int32)
    /// The native sccache server was gone when the build ended.
    case serverStopped
    /// The native server did not answer within `seconds` after the build.
    case serverSilent(seconds: Int)
    /// No final numbers, for no reason the engine could tell.
    case noFinalNumbers

    public var message: String {
        let last = "the panel shows its last sample"
        switch self {
        case .containerKilled(let name, let exit):
            return "container \(name) was killed from outside (exit \(exit)) before sccache's final report; \(last)"
        case .containerEnded(let name, let exit):
            return "container \(name) ended (exit \(exit)) without sccache's final report; \(last)"
        case .serverStopped: return "sccache's server stopped before the build ended; \(last)"
        case .serverSilent(let seconds):
            return "sccache's server did not answer within \(seconds) s after the build (stopped or hung); \(last)"
        case .noFinalNumbers: return "sccache gave no final numbers; \(last)"
        }
    }
}
