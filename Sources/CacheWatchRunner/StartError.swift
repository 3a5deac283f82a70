import CacheWatchCore

/// An error that stops a build before it starts, as data (Core words it: `StartFailure.message`).
public struct StartError: Error, CustomStringConvertible {
    public let failure: StartFailure

    public init(_ failure: StartFailure) {
        self.failure = failure
    }

    public var description: String { failure.message }
}

extension StartFailure {
    /// `error` as a start failure: its own when it is a `StartError`, else as the error describes itself.
    init(_ error: any Error) {
        self = (error as? StartError)?.failure ?? .other("\(error)")
    }
}
