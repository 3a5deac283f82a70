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

/// Writes argv for people to read, quoting like a POSIX shell (display only; never executed).
public enum ShellQuote {
    public static func join(_ arguments: [String]) -> String {
        arguments.map(quote).joined(separator: " ")
    }

    public static func quote(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", ":", "=", "+", ",", "@", "%": return true
            default: return false
            }
        }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingAll("'", with: "'\\''") + "'"
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for c in self { if c == target { result += replacement } else { result.append(c) } }
        return result
    }
}
