/// The outcome of a short command.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public var succeeded: Bool { status == 0 }

    /// The first line the command wrote to stderr, for one-line error messages.
    public var firstErrorLine: String? {
        stderr.split(separator: "\n").first.map(String.init)
    }
}
