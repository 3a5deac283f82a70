/// A build to run: an argv array (never a shell string), extra environment and a directory.
public struct BuildPlan: Hashable, Sendable {
    /// argv: the program and its arguments, passed to the child unchanged.
    public var arguments: [String]
    /// Variables set for the child on top of the dashboard's own environment.
    public var environment: [String: String]
    public var workingDirectory: String

    public init(arguments: [String], environment: [String: String] = [:], workingDirectory: String) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }
}
