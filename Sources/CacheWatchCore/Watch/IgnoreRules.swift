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
        /// The pattern's components, as UTF-8 (matched against the path's bytes: no characters are made).
        var components: [[UInt8]]
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
                    components: line.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) },
                    negated: negated,
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
                ? Glob.match(bytes: rule.components[...], below[...])
                : below.last.map { Glob.matchComponent(bytes: rule.components[0], $0) } ?? false
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

/// Git's wildcard matching, a path component at a time, on UTF-8 bytes (as git does); `?` and a `[...]` class take
/// one whole character's bytes.
enum Glob {
    /// Pattern components against path components; `**` matches any number of components.
    static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        match(bytes: pattern.map { Array($0.utf8) }[...], path)
    }

    static func match(bytes pattern: ArraySlice<[UInt8]>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == Self.anyComponents {
            let rest = pattern.dropFirst()
            var candidate = path
            while true {
                if match(bytes: rest, candidate) { return true }
                guard !candidate.isEmpty else { return false }
                candidate = candidate.dropFirst()
            }
        }
        guard let component = path.first, matchComponent(bytes: first, component) else { return false }
        return match(bytes: pattern.dropFirst(), path.dropFirst())
    }

    private static let anyComponents = Array("**".utf8)

    /// One component: `*` (any run), `?` (one character), `[abc]`, `[a-z]`, `[!x]`, and `\` escapes.
    static func matchComponent(_ pattern: Substring, _ text: Substring) -> Bool {
        matchComponent(bytes: Array(pattern.utf8), text)
    }

    static func matchComponent(bytes pattern: [UInt8], _ text: Substring) -> Bool {
        pattern.withUnsafeBufferPointer { p in
            text.utf8.withContiguousStorageIfAvailable { t in matchFrom(p, t) }
                ?? Array(text.utf8).withUnsafeBufferPointer { t in matchFrom(p, t) }
        }
    }

    /// The length of the UTF-8 sequence starting with `byte` (1 for a stray continuation byte).
    private static func width(_ byte: UInt8) -> Int {
        byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
    }

    /// The character (scalar value) at `i` and the index after it.
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let n = min(width(bytes[i]), bytes.count - i)
        guard n > 1 else { return (UInt32(bytes[i]), i + 1) }
        var value = UInt32(bytes[i]) & (0xFF >> UInt32(n + 1))
        for k in 1..<n { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (value, i + n)
    }

    private static func matchFrom(_ p: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var pi = 0
        var ti = 0
        // The last `*` seen and where in the text it was tried, to backtrack to.
        var star: (pattern: Int, text: Int)?
        while ti < t.count {
            if pi < p.count {
                switch p[pi] {
                case UInt8(ascii: "*"):
                    star = (pi, ti)
                    pi += 1
                    continue
                case UInt8(ascii: "?"):
                    pi += 1
                    ti = scalar(t, ti).1
                    continue
                case UInt8(ascii: "["):
                    let (c, next) = scalar(t, ti)
                    if let (matched, after) = bracket(p, pi, c) {
                        if matched {
                            pi = after
                            ti = next
                            continue
                        }
                    } else if t[ti] == UInt8(ascii: "[") {
                        pi += 1
                        ti += 1
                        continue
                    }
                case UInt8(ascii: "\\") where pi + 1 < p.count:
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
            // Backtrack by a whole character, so a `?` after the `*` never starts inside one.
            let resume = scalar(t, last.text).1
            star = (last.pattern, resume)
            pi = last.pattern + 1
            ti = resume
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    /// A `[...]` class at `start`: whether `c` is in it and the index after it; nil when the class is not closed.
    private static func bracket(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ c: UInt32) -> (Bool, Int)? {
        var i = start + 1
        var negated = false
        if i < p.count && (p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^")) {
            negated = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count && (p[i] != UInt8(ascii: "]") || first) {
            first = false
            let (low, next) = scalar(p, i)
            if next + 1 < p.count && p[next] == UInt8(ascii: "-") && p[next + 1] != UInt8(ascii: "]") {
                let (high, after) = scalar(p, next + 1)
                if low <= c && c <= high { matched = true }
                i = after
            } else {
                if low == c { matched = true }
                i = next
            }
        }
        guard i < p.count else { return nil }
        return (matched != negated, i + 1)
    }
}
