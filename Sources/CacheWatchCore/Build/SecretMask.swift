/// The one rule set that hides secrets before anything is drawn or written: a command, an environment
/// variable, a cache location, a line of sccache's log.
///
/// What counts as a secret:
/// - the value of a variable or flag whose name says so (`*_TOKEN`, `*_PASSWORD`, `*_SECRET*`, `API_KEY`,
///   `*_KEY` but not `*_KEY_ID`/`*_KEY_PATH`, …): `NAME=value`, `--name=value`, `--name value`;
/// - the password in a URL's user information (`redis://user:pw@host` → `redis://user:****@host`), or the
///   whole user information when it has no colon (`redis://pw@host`, `https://token@host`);
/// - the keys and passwords of connection strings (`AccountKey=…;`, `SharedAccessKey=…;`, `Password=…;`).
public enum SecretMask {
    public static let mask = "****"

    /// Every argument masked; a secret flag given as two arguments (`--token VALUE`) masks the second.
    public static func arguments(_ arguments: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(arguments.count)
        var hideNext = false
        for argument in arguments {
            if hideNext {
                result.append(argument.isEmpty ? argument : mask)
                hideNext = false
                continue
            }
            result.append(self.argument(argument))
            hideNext = isSecretFlag(argument)
        }
        return result
    }

    /// One argument: `NAME=value`, `-eNAME=value`, `--env=NAME=value`, `--password=value`, or any text with a URL.
    public static func argument(_ argument: String) -> String {
        var prefix = ""
        var assignment = Substring(argument)
        for flag in ["--env=", "-e"] where assignment.hasPrefix(flag) {
            let rest = assignment.dropFirst(flag.count)
            if rest.contains("=") {
                prefix = flag
                assignment = rest
                break
            }
        }
        if assignment.hasPrefix("-"), let equals = assignment.firstIndex(of: "=") {
            let flag = assignment[..<equals]
            if isSecretName(flagName(flag)) { return prefix + flag + "=" + mask }
            return prefix + flag + "=" + text(String(assignment[assignment.index(after: equals)...]))
        }
        if let equals = assignment.firstIndex(of: "="), isVariableName(assignment[..<equals]) {
            let name = String(assignment[..<equals])
            let value = String(assignment[assignment.index(after: equals)...])
            return prefix + name + "=" + environmentValue(name: name, value: value)
        }
        return text(argument)
    }

    /// The value of environment variable `name` as it may be shown.
    public static func environmentValue(name: String, value: String) -> String {
        if isSecretName(name) { return value.isEmpty ? value : mask }
        return text(value)
    }

    /// `name=value` for a listing of an environment.
    public static func environment(_ variables: [String: String]) -> [String] {
        variables.keys.sorted().map { "\($0)=\(environmentValue(name: $0, value: variables[$0] ?? ""))" }
    }

    /// Free text (a location, a log line, JSON): URL credentials, secret assignments and secret flags masked.
    /// Only characters of a secret are replaced, so JSON and quoting around them stay intact. Masking what is
    /// already masked changes nothing (overlapping forms are masked until nothing changes).
    public static func text(_ input: String) -> String {
        var text = input
        for _ in 0..<4 {
            let masked = maskOnce(text)
            if masked == text { break }
            text = masked
        }
        return text
    }

    private static func maskOnce(_ input: String) -> String {
        guard mightHoldSecret(input) else { return input }
        var scalars = Array(input.unicodeScalars)
        var ranges: [Range<Int>] = []
        urlCredentials(scalars, into: &ranges)
        assignments(scalars, into: &ranges)
        flagValues(scalars, into: &ranges)
        guard !ranges.isEmpty else { return input }
        // Replace from the end so earlier offsets stay valid; overlapping ranges are merged first.
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in ranges where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        for range in merged.reversed() {
            scalars.replaceSubrange(range, with: mask.unicodeScalars)
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    // MARK: Names

    /// True for names that hold secrets: `GITHUB_TOKEN`, `DB_PASSWORD`, `AWS_SECRET_ACCESS_KEY`, `API_KEY`,
    /// `password`, `api-key`; false for `AWS_ACCESS_KEY_ID`, `SCCACHE_GCS_KEY_PATH`, `PWD`, `CARGO_HOME`.
    public static func isSecretName<S: StringProtocol>(_ name: S) -> Bool {
        let upper = name.uppercased().replacingAll("-", with: "_")
        guard !upper.isEmpty else { return false }
        let words = upper.split(separator: "_")
        guard let last = words.last else { return false }
        for word in words {
            switch word {
            case "PASSWORD", "PASSWD", "PASS", "SECRET", "SECRETS", "TOKEN", "APIKEY", "PASSPHRASE", "CREDENTIAL":
                return true
            default:
                if word.hasSuffix("TOKEN") || word.hasSuffix("PASSWORD") || word.hasSuffix("SECRET") { return true }
            }
        }
        if last == "KEY" || last == "ACCOUNTKEY" || last == "ACCESSKEY" { return true }
        return false
    }

    private static func isVariableName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
        }
    }

    /// `--api-key` → `api-key`.
    private static func flagName(_ flag: Substring) -> Substring {
        var name = flag
        while name.hasPrefix("-") { name = name.dropFirst() }
        return name
    }

    /// `--token`, `--password`: a flag whose value is the next argument.
    private static func isSecretFlag(_ argument: String) -> Bool {
        argument.hasPrefix("--") && !argument.contains("=") && isSecretName(flagName(Substring(argument)))
    }

    // MARK: Text scanning

    /// A cheap test that skips text with nothing to mask (most log lines): one pass over the bytes.
    private static func mightHoldSecret(_ input: String) -> Bool {
        var dash = false
        for byte in input.utf8 {
            if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "=") || (dash && byte == UInt8(ascii: "-")) { return true }
            dash = byte == UInt8(ascii: "-")
        }
        return false
    }

    private static func isStop(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\"", "'", "`", "<", ">", "\\": return true
        default: return false
        }
    }

    /// `scheme://user:pw@host`: the password (or the whole user information when it has no colon).
    private static func urlCredentials(_ s: [Unicode.Scalar], into ranges: inout [Range<Int>]) {
        var i = 0
        while i + 3 <= s.count {
            guard s[i] == ":", i + 2 < s.count, s[i + 1] == "/", s[i + 2] == "/", i > 0, s[i - 1].properties.isAlphabetic
            else {
                i += 1
                continue
            }
            let start = i + 3
            var end = start
            var at: Int?
            while end < s.count, !isStop(s[end]), s[end] != "/", s[end] != "?", s[end] != "#" {
                // The next URL of a list (`redis://:a@h1,redis://:b@h2`, a cluster's endpoints) ends this one at its
                // scheme, and is scanned on its own.
                if s[end] == ":", end + 2 < s.count, s[end + 1] == "/", s[end + 2] == "/" {
                    var scheme = end
                    while scheme > start, isSchemeScalar(s[scheme - 1]) { scheme -= 1 }
                    if scheme < end, scheme > start, s[scheme - 1] == "," || s[scheme - 1] == ";" || s[scheme - 1] == " " {
                        end = scheme - 1
                        break
                    }
                }
                if s[end] == "@" { at = end }
                end += 1
            }
            if let at, at > start {
                let colon = s[start..<at].firstIndex(of: ":")
                if let colon {
                    if colon + 1 < at { ranges.append((colon + 1)..<at) }
                } else {
                    ranges.append(start..<at)
                }
            }
            i = max(end, i + 1)
        }
    }

    /// `NAME=value` with a secret name, connection-string keys (`AccountKey=…;`) and query parameters
    /// (`?token=…&`): the value, up to a space, a quote, a `;` or a `&`.
    private static func assignments(_ s: [Unicode.Scalar], into ranges: inout [Range<Int>]) {
        var i = 0
        while i < s.count {
            guard s[i] == "=", i > 0 else {
                i += 1
                continue
            }
            var nameStart = i
            while nameStart > 0, s[nameStart - 1] == "_" || s[nameStart - 1] == "-" || isWordScalar(s[nameStart - 1]) {
                nameStart -= 1
            }
            var name = String.UnicodeScalarView()
            name.append(contentsOf: s[nameStart..<i])
            let valueStart = i + 1
            var end = valueStart
            while end < s.count, !isStop(s[end]), s[end] != ";", s[end] != "&" { end += 1 }
            let bare = String(name).drop { $0 == "-" }
            if !bare.isEmpty, isSecretName(bare), end > valueStart {
                ranges.append(valueStart..<end)
            }
            i = max(end, i + 1)
        }
    }

    /// `--password value`, `--token value` in running text: the next word.
    private static func flagValues(_ s: [Unicode.Scalar], into ranges: inout [Range<Int>]) {
        var i = 0
        while i + 2 < s.count {
            guard s[i] == "-", s[i + 1] == "-", i == 0 || isStop(s[i - 1]) else {
                i += 1
                continue
            }
            var end = i + 2
            while end < s.count, s[end] == "-" || s[end] == "_" || isWordScalar(s[end]) { end += 1 }
            var name = String.UnicodeScalarView()
            name.append(contentsOf: s[(i + 2)..<end])
            guard end < s.count, s[end] == " ", isSecretName(String(name)) else {
                i = end
                continue
            }
            let valueStart = end + 1
            var valueEnd = valueStart
            while valueEnd < s.count, !isStop(s[valueEnd]) { valueEnd += 1 }
            if valueEnd > valueStart, s[valueStart] != "-" { ranges.append(valueStart..<valueEnd) }
            i = valueEnd
        }
    }

    /// A URL scheme's characters (`redis`, `rediss`, `memcache`, `svn+ssh`).
    private static func isSchemeScalar(_ scalar: Unicode.Scalar) -> Bool {
        isWordScalar(scalar) || scalar == "+" || scalar == "-" || scalar == "."
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }
}
