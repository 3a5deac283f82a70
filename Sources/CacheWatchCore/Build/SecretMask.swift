/// Hides secrets in commands before they are shown or written: values of `AWS_SECRET_ACCESS_KEY`,
/// `*_TOKEN`, `*_PASSWORD`, `*_SECRET`, and the password inside `SCCACHE_REDIS*` URLs.
public enum SecretMask {
    public static let mask = "****"

    /// Every argument masked (`NAME=value`, `--env=NAME=value`); the arguments themselves are never changed.
    public static func arguments(_ arguments: [String]) -> [String] {
        arguments.map(argument)
    }

    public static func argument(_ argument: String) -> String {
        var prefix = ""
        var assignment = Substring(argument)
        for flag in ["--env=", "-e"] where assignment.hasPrefix(flag) && assignment.contains("=") {
            let rest = assignment.dropFirst(flag.count)
            if rest.contains("=") {
                prefix = flag
                assignment = rest
                break
            }
        }
        guard let equals = assignment.firstIndex(of: "=") else { return argument }
        let name = String(assignment[..<equals])
        let value = String(assignment[assignment.index(after: equals)...])
        guard let masked = maskedValue(name: name, value: value) else { return argument }
        return prefix + name + "=" + masked
    }

    /// The value to show for `name=value`, or nil when it is not a secret.
    public static func maskedValue(name: String, value: String) -> String? {
        let upper = name.uppercased()
        guard !upper.isEmpty, upper.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        if upper.hasPrefix("SCCACHE_REDIS") {
            return urlWithoutPassword(value)
        }
        if upper == "AWS_SECRET_ACCESS_KEY" || upper == "AWS_SESSION_TOKEN" || upper.hasSuffix("_TOKEN")
            || upper.hasSuffix("_PASSWORD") || upper.hasSuffix("_SECRET") || upper == "PASSWORD" || upper == "TOKEN"
        {
            return value.isEmpty ? value : mask
        }
        return nil
    }

    /// `redis://user:pass@host/0` → `redis://user:****@host/0`; nil when the URL has no password.
    public static func urlWithoutPassword(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return nil }
        let credentials = rest[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return nil }
        return String(url[..<scheme.upperBound]) + credentials[..<colon] + ":" + mask + String(rest[at...])
    }
}
