/// What a run waits on before its build can start, as the Runner reports it (`Event.working`); Core words it for
/// the status bar.
public enum Preparation: Hashable, Sendable {
    /// The doctor's quick checks before each build (the cache backend's probe among them).
    case checkingSetup
    case dockerDaemon
    case pulling(image: String)
    /// The native engine's fresh sccache server for the run.
    case startingServer
    /// Already worded, as recordings made before this type (and test engines) carry it.
    case worded(String)

    public var label: String {
        switch self {
        case .checkingSetup: return "checking the setup"
        case .dockerDaemon: return "waiting for the Docker daemon"
        case .pulling(let image): return "pulling \(image)"
        case .startingServer: return "starting sccache's server"
        case .worded(let text): return text
        }
    }
}

extension Preparation: Codable {
    private enum Key: String, CodingKey {
        case checkingSetup
        case dockerDaemon
        case pulling
        case startingServer
    }

    /// A string is a recording's worded preparation; otherwise one key (`pulling` holds the image).
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .worded(text)
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        if let image = try container.decodeIfPresent(String.self, forKey: .pulling) {
            self = .pulling(image: image)
        } else if container.contains(.dockerDaemon) {
            self = .dockerDaemon
        } else if container.contains(.startingServer) {
            self = .startingServer
        } else if container.contains(.checkingSetup) {
            self = .checkingSetup
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no preparation"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case .worded(let text) = self {
            var container = encoder.singleValueContainer()
            try container.encode(text)
            return
        }
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .checkingSetup: try container.encode(true, forKey: .checkingSetup)
        case .dockerDaemon: try container.encode(true, forKey: .dockerDaemon)
        case .pulling(let image): try container.encode(image, forKey: .pulling)
        case .startingServer: try container.encode(true, forKey: .startingServer)
        case .worded: break
        }
    }
}
