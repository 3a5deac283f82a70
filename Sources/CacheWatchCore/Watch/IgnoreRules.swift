/// Which of the project's files watch mode ignores: `target/` and `.git/`, editors' scratch files, the mount root
/// when it is inside the project, and what the project's `.gitignore` files list (git's rules: the last pattern
/// that matches decides, `!` re-includes, a trailing `/` matches directories only, a pattern with a `/` in it is
/// relative to its `.gitignore`'s directory, `*` and `?` stay within a path component, `**` spans them).
public struct IgnoreRules: Sendable {
    struct Rule: Sendable {
        /// The directory of the `.gitignore` it came from, relative to the project ("" for the project itself).
        var base: String
        /// `base` split at its slashes, once: every path checked is compared with it.
        var baseComponents: [Substring]
        var components: [Substring]
        var negated: Bool
        var directoryOnly: Bool
        /// Matched against the whole path below `base` (it had a `/`), else against the last component.
        var anchored: Bool
        /// Read from a `.gitignore` (not one of cachewatch's own).
        var fromGitignore: Bool
    }

    private var rules: [Rule] = []

    /// The rules every project gets: cargo's output (and the temporary directory it creates `target/` as, then
    /// renames: `target` and six random characters), git's store, editors' swap and backup files.
    public static let defaultPatterns = ["/target/", "/target??????/", ".git/", "*.swp", "*.swx", "*~", ".#*", "4913"]

    /// The defaults, plus `extra` paths relative to the project (the mount root, when inside it).
    public init(ignoringPaths extra: [String] = []) {
        add(patterns: Self.defaultPatterns + extra.map { "/" + $0 + "/" }, in: "", fromGitignore: false)
    }

    /// Adds the lines of a `.gitignore` found in `base` (relative to the project; "" for its root), replacing what an
    /// earlier reading of the same file added.
    public mutating func add(gitignore text: String, in base: String) {
        rules.removeAll { $0.base == base && $0.fromGitignore }
        add(
            patterns: text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init), in: base,
            fromGitignore: true)
    }

    private mutating func add(patterns: [String], in base: String, fromGitignore: Bool) {
        let baseComponents = base.split(separator: "/")
        var added: [Rule] = []
        for var line in patterns {
            if line.hasSuffix("\r") { line.removeLast() }
            // Trailing spaces are ignored unless escaped.
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var negated = false
            if line.hasPrefix("!") {
                negated = true
                line.removeFirst()
            } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
                line.removeFirst()
            }
            var directoryOnly = false
            if line.hasSuffix("/") {
                directoryOnly = true
                line.removeLast()
            }
            let anchored = line.contains("/")
            if line.hasPrefix("/") { line.removeFirst() }
            guard !line.isEmpty else { continue }
            added.append(
                Rule(
                    base: base, baseComponents: baseComponents,
                    components: line.split(separator: "/", omittingEmptySubsequences: true), negated: negated,
                    directoryOnly: directoryOnly, anchored: anchored, fromGitignore: fromGitignore))
        }
        // A deeper `.gitignore` decides over a shallower one: rules stay ordered by their directory's depth.
        let at = rules.firstIndex { $0.baseComponents.count > baseComponents.count } ?? rules.endIndex
        rules.insert(contentsOf: added, at: at)
    }

    /// Whether `path` (relative to the project) is ignored; `isDirectory` for directories. Callers do not descend into
    /// ignored directories, so a path's parents are not looked at again here (as in git, a file cannot be
    /// re-included inside an ignored directory).
    public func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        var ignored = false
        for rule in rules {
            if rule.directoryOnly && !isDirectory { continue }
            guard let below = Self.strip(base: rule.baseComponents, from: components) else { continue }
            let matches =
                rule.anchored
                ? Glob.match(rule.components[...], below[...])
                : below.last.map { Glob.matchComponent(rule.components[0], $0) } ?? false
            if matches { ignored = !rule.negated }
        }
        return ignored
    }

    private static func strip(base: [Substring], from components: [Substring]) -> [Substring]? {
        guard !base.isEmpty else { return components }
        guard components.count > base.count, Array(components.prefix(base.count)) == base else { return nil }
        return Array(components.dropFirst(base.count))
    }
}

/// Git's wildcard matching, a path component at a time.
enum Glob {
    /// Pattern components against path components; `**` matches any number of components.
    static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var candidate = path
            while true {
                if match(rest, candidate) { return true }
                guard !candidate.isEmpty else { return false }
                candidate = candidate.dropFirst()
            }
        }
        guard let component = path.first, matchComponent(first, component) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// One component: `*` (any run), `?` (one character), `[abc]`, `[a-z]`, `[!x]`, and `\` escapes.
    static func matchComponent(_ pattern: Substring, _ text: Substring) -> Bool {
        matchFrom(Array(pattern), 0, Array(text), 0)
    }

    private static func matchFrom(_ p: [Character], _ pi: Int, _ t: [Character], _ ti: Int) -> Bool {
        var pi = pi
        var ti = ti
        // The last `*` seen and where in the text it was tried, to backtrack to.
        var star: (pattern: Int, text: Int)?
        while ti < t.count {
            if pi < p.count {
                switch p[pi] {
                case "*":
                    star = (pi, ti)
                    pi += 1
                    continue
                case "?":
                    pi += 1
                    ti += 1
                    continue
                case "[":
                    if let (matched, next) = bracket(p, pi, t[ti]) {
                        if matched {
                            pi = next
                            ti += 1
                            continue
                        }
                    } else if t[ti] == "[" {
                        pi += 1
                        ti += 1
                        continue
                    }
                case "\\" where pi + 1 < p.count:
                    if p[pi + 1] == t[ti] {
                        pi += 2
                        ti += 1
                        continue
                    }
                default:
                    if p[pi] == t[ti] {
                        pi += 1
                        ti += 1
                        continue
                    }
                }
            }
            guard let last = star else { return false }
            star = (last.pattern, last.text + 1)
            pi = last.pattern + 1
            ti = last.text + 1
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// A `[...]` class at `start`: whether `c` is in it and the index after it; nil when the class is not closed.
    private static func bracket(_ p: [Character], _ start: Int, _ c: Character) -> (Bool, Int)? {
        var i = start + 1
        var negated = false
        if i < p.count && (p[i] == "!" || p[i] == "^") {
            negated = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count && (p[i] != "]" || first) {
            first = false
            let low = p[i]
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                if low <= c && c <= p[i + 2] { matched = true }
                i += 3
            } else {
                if low == c { matched = true }
                i += 1
            }
        }
        guard i < p.count else { return nil }
        return (matched != negated, i + 1)
    }
}
