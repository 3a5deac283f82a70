/// No stats sample yet (the build is starting); the panel keeps waiting without an error.
public struct StatsPending: Error {
    public init() {}
}
