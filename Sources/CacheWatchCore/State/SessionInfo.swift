/// What this dashboard runs, shown in the header.
public struct SessionInfo: Hashable, Sendable {
    /// "native" or "docker".
    public var engine: String
    public var project: String
    /// The build command as the user would type it (for display only, never executed).
    public var command: String
    /// Extra facts for the header, such as the image ("image clux/muslrust:stable").
    public var details: [String]

    public init(engine: String, project: String, command: String, details: [String] = []) {
        self.engine = engine
        self.project = project
        self.command = command
        self.details = details
    }
}
