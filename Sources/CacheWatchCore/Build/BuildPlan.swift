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

    /// The same build with no compiler wrapper (`--compare`'s baseline): `RUSTC_WRAPPER` set empty, which cargo reads
    /// as none, in the child's environment and in a `docker run`'s `-e RUSTC_WRAPPER=…`.
    public var withoutWrapper: BuildPlan {
        var plan = self
        if plan.environment["RUSTC_WRAPPER"] != nil { plan.environment["RUSTC_WRAPPER"] = "" }
        for index in plan.arguments.indices.dropFirst()
        where plan.arguments[index - 1] == "-e" && plan.arguments[index].hasPrefix("RUSTC_WRAPPER=") {
            plan.arguments[index] = "RUSTC_WRAPPER="
        }
        return plan
    }
}
