/// Why a live sample of sccache's numbers failed, as the Runner found it: data from the Runner, words from Core.
public enum StatsProblem: Hashable, Sendable {
    /// sccache (or `docker exec` of it) did not answer; the detail is the error it gave.
    case noAnswer(String)
    /// The container's stats file was last written `seconds` ago, longer than `RunSchedule.Sampling.staleAfter`
    /// (its poller stopped).
    case stale(seconds: Int)
    /// Already worded, as recordings made before this type carry it.
    case worded(String)

    public var message: String {
        switch self {
        case .noAnswer(let detail): return "sccache did not answer: \(detail)"
        case .stale(let seconds): return "no stats from the container for \(seconds) s; the panel shows its last sample"
        case .worded(let text): return text
        }
    }
}

extension StatsProblem: Codable {
    private enum Key: String, CodingKey {
        case noAnswer
        case stale
    }

    /// A string is a recording's worded problem; otherwise one key: `noAnswer` (the detail) or `stale` (seconds).
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .worded(text)
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        if let detail = try container.decodeIfPresent(String.self, forKey: .noAnswer) {
            self = .noAnswer(detail)
        } else {
            self = .stale(seconds: try container.decode(Int.self, forKey: .stale))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .worded(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .noAnswer(let detail):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(detail, forKey: .noAnswer)
        case .stale(let seconds):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(seconds, forKey: .stale)
        }
    }
}
