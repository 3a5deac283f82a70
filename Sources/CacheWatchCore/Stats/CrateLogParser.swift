/// Reads sccache's server log (`SCCACHE_LOG=debug`) line by line into one result per compile.
///
/// A crate can be compiled more than once in a build (for the host, for build scripts and proc macros,
/// and for a `--target`, as in muslrust): each compile is a row of its own, the second named "name (2)".
/// sccache's lines name only the crate, so a line goes to the oldest compile of that name still waiting for it.
public struct CrateLogParser: Sendable {
    public private(set) var results: [CrateResult] = []
    /// Rows of each crate name, oldest first.
    private var rows: [String: [Int]] = [:]
    private var sequence = 0

    public init() {}

    public mutating func feed(_ lines: [String]) {
        for line in lines { feed(line) }
    }

    public mutating func feed(_ line: String) {
        guard let message = Self.message(of: line) else { return }
        if message.hasPrefix("parse_arguments: CannotCache(") {
            if let row = notCacheable(message) {
                let time = Self.time(of: line)
                results[row].started = time
                results[row].ended = time
            }
            return
        }
        guard message.hasPrefix("["), let close = message.firstIndex(of: "]") else { return }
        let name = String(message[message.index(after: message.startIndex)..<close])
        var rest = message[message.index(after: close)...]
        guard rest.hasPrefix(": ") else { return }
        rest = rest.dropFirst(2)
        if rest.hasPrefix("get_cached_or_compile:") {
            let arguments = Self.quotedStrings(rest.dropFirst("get_cached_or_compile:".count))
            let row = add(name)
            results[row].started = Self.time(of: line)
            results[row].kind = RustArguments(arguments).kind
            results[row].argvDigest = Self.digest(arguments)
            results[row].arguments = arguments
        } else if rest.hasPrefix("Hash key: ") {
            let key = String(rest.dropFirst("Hash key: ".count)).trimmingSpaces
            guard key.count == 64, key.allSatisfy(\.isHexDigit) else { return }
            update(name, waiting: { $0.outcome == .pending && $0.hashKey == nil }) { $0.hashKey = key.lowercased() }
        } else if rest.hasPrefix("compile result: ") {
            let text = String(rest.dropFirst("compile result: ".count)).trimmingSpaces
            let outcome: CrateResult.Outcome
            switch text {
            case "cache hit": outcome = .hit
            case "cache miss": outcome = .miss
            case "cache error": outcome = .error
            default: outcome = .other(text)
            }
            let time = Self.time(of: line)
            update(name, waiting: { $0.outcome == .pending }) {
                $0.outcome = outcome
                $0.ended = time
            }
        } else if rest.hasPrefix("Cache read error: ") || rest.hasPrefix("process error: ") {
            let text = String(rest.prefix(240))
            update(name, waiting: { $0.outcome == .pending && $0.errorText == nil }) { $0.errorText = text }
        } else if rest.hasPrefix("Compiled in ") || rest.hasPrefix("Cache hit in ") {
            let words = rest.split(separator: " ")
            let number = words.firstIndex(of: "in").flatMap { $0 + 1 < words.count ? Double(words[$0 + 1]) : nil }
            update(name, waiting: { $0.outcome == .pending && $0.seconds == nil }) { $0.seconds = number }
        }
    }

    /// Takes the causes of `compiles` (the same compiles, explained), by arrival order.
    public mutating func explain(_ compiles: [CrateResult]) {
        let bySequence = Dictionary(compiles.map { ($0.sequence, $0.cause) }, uniquingKeysWith: { first, _ in first })
        for index in results.indices {
            if let cause = bySequence[results[index].sequence] { results[index].cause = cause }
        }
    }

    /// Takes causes by arrival order (only where a compile has none yet).
    public mutating func explain(_ causes: [Int: MissCause]) {
        for index in results.indices where results[index].cause == nil {
            if let cause = causes[results[index].sequence] { results[index].cause = cause }
        }
    }

    /// The build ended: compiles still waiting for a result never get one.
    public mutating func interruptPending() {
        for index in results.indices where results[index].outcome == .pending { results[index].outcome = .interrupted }
    }

    /// Counts by outcome kind: hits, misses, not cacheable, errors.
    public var summary: (hits: Int, misses: Int, notCacheable: Int, errors: Int) {
        var s = (hits: 0, misses: 0, notCacheable: 0, errors: 0)
        for r in results {
            switch r.outcome {
            case .hit: s.hits += 1
            case .miss: s.misses += 1
            case .notCacheable: s.notCacheable += 1
            case .error: s.errors += 1
            default: break
            }
        }
        return s
    }

    /// A new compile of `name`; returns its row.
    @discardableResult
    private mutating func add(_ name: String, outcome: CrateResult.Outcome = .pending) -> Int {
        let earlier = rows[name]?.count ?? 0
        let shown = earlier == 0 ? name : "\(name) (\(earlier + 1))"
        results.append(CrateResult(name: shown, outcome: outcome, seconds: nil, sequence: sequence))
        sequence += 1
        rows[name, default: []].append(results.count - 1)
        return results.count - 1
    }

    /// Changes the oldest compile of `name` that is `waiting` for this line (a new row if none is).
    private mutating func update(_ name: String, waiting: (CrateResult) -> Bool, _ change: (inout CrateResult) -> Void) {
        let row = rows[name]?.first { waiting(results[$0]) } ?? add(name)
        change(&results[row])
    }

    /// `parse_arguments: CannotCache(crate-type, bin): ["--crate-name", "x", …]`; cargo's probes are left out.
    /// Returns the new row.
    private mutating func notCacheable(_ message: Substring) -> Int? {
        let afterParen = message.dropFirst("parse_arguments: CannotCache(".count)
        guard let close = afterParen.firstIndex(of: ")") else { return nil }
        let reason = String(afterParen[..<close].split(separator: ",").first ?? "").trimmingSpaces
        let arguments = Self.quotedStrings(afterParen[close...])
        let parsed = RustArguments(arguments)
        guard let crate = parsed.crateName, crate != "___" else { return nil }
        var name = crate
        if crate == "build_script_build", let outDir = parsed.outDir {
            let last = outDir.split(separator: "/").last.map(String.init) ?? crate
            let package = last.split(separator: "-").dropLast().joined(separator: "-")
            name = "\(package.isEmpty ? last : package) (build script)"
        }
        return add(name, outcome: .notCacheable(reason))
    }

    /// FNV-1a over the arguments, each ended by a zero byte.
    static func digest(_ arguments: [String]) -> String {
        var hash = FNV1a()
        for argument in arguments {
            hash.add(argument.utf8)
            hash.add(CollectionOfOne(0))
        }
        return hash.hex
    }

    /// The time in a line's `[2026-11-24T23:26:53.236Z LEVEL module]` header.
    static func time(of line: String) -> Double? {
        guard line.hasPrefix("["), let space = line.firstIndex(of: " ") else { return nil }
        return Timestamp.parse(line[line.index(after: line.startIndex)..<space])
    }

    /// The text after the `[timestamp LEVEL module] ` header.
    static func message(of line: String) -> Substring? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        let rest = line[line.index(after: close)...]
        return rest.first == " " ? rest.dropFirst() : rest
    }

    static func quotedStrings(_ text: Substring) -> [String] {
        var result: [String] = []
        var current = ""
        var inside = false
        var escaped = false
        for c in text {
            if inside {
                if escaped {
                    current.append(c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    result.append(current)
                    current = ""
                    inside = false
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                inside = true
            }
        }
        return result
    }

    /// The value of `--flag value` or `--flag=value` in rustc's arguments.
}
