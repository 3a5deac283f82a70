/// Reads sccache's server log (`SCCACHE_LOG=debug`) line by line into one result per compile.
///
/// A crate can be compiled more than once in a build (for the host, for build scripts and proc macros,
/// and for a `--target`, as in muslrust): each compile is a row of its own, the second named "name (2)".
/// sccache's lines name only the crate, so a line goes to the oldest compile of that name still waiting for it.
///
/// Every version from 0.8 to 0.16 names the crate on its lookup (`[c]: Cache hit in …`, `[c]: Cache miss in …`)
/// and compile (`[c]: Compiled in …`) lines, and a row takes its outcome from those; the server's `compile result:`
/// line names the crate only in newer versions (misses from 0.10, every result from 0.16), and a compile that fails
/// is `Compilation failed: …` in all of them. A line without a crate goes to the oldest compile at the stage that
/// line ends; one that fits no compile is counted in `unplaced`, for a warning.
public struct CrateLogParser: Sendable {
    public private(set) var results: [CrateResult] = []
    /// Result lines that fit no compile (the log was not read as this sccache writes it).
    public private(set) var unplaced = 0
    /// Calls sccache could not cache that name no crate: cargo's probes (`rustc -vV`, `rustc - --crate-name ___
    /// --print=file-names`). sccache counts them among its non-cacheable calls; they get no row.
    public private(set) var withoutCrate = 0
    /// Compiles of each crate name so far (the second is "name (2)").
    private var compiled: [String: Int] = [:]
    /// How far each unfinished compile has got, by row; a row leaves when sccache's server logs its result.
    private var stages: [Int: Stage] = [:]
    /// The unfinished rows of each crate name, oldest first, and the name of each.
    private var open: [String: [Int]] = [:]
    private var openName: [Int: String] = [:]
    private var sequence = 0
    /// The farm's per-server counts as the last `stats after compile result:` line gave them, and the compile whose
    /// server the next change in them names (see `serverOfLastMiss`).
    private var distSeen: [String: Int]?
    private var awaitingServer: Int?
    /// The compile the last `compile result: cache miss` line finished.
    private var lastMiss: Int?
    /// sccache is packaging the compiler for its build farm (the first farm compile: ~200 MiB, ~15 s), from its
    /// `Packaging Rust compiler` line until the package is sent or the compile falls back.
    public private(set) var packagingToolchain = false
    /// At most this many compiles wait for a result (a build has as many as it runs at once): past it, the oldest is
    /// given up, so a log of endless requests costs neither memory nor time per line.
    static let maxUnfinished = 4096

    /// Where a compile is between being asked for and its result.
    private enum Stage: Equatable {
        case asked
        /// Its key was computed, or failed to be (then a cache error follows).
        case hashed
        case keyed
        /// Read from the cache.
        case hit
        /// Looked up and missed: compiling.
        case compiling
        /// Compiled: its outcome is known, the server's result line is still to come.
        case compiled
    }

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
        if message.hasPrefix("stats after compile result: ") {
            serverOfLastMiss(Self.distCompiles(in: message))
            return
        }
        if message.hasPrefix("compile result: ") {
            placeResult(String(message.dropFirst("compile result: ".count)).trimmingSpaces, time: Self.time(of: line))
            return
        }
        if message.hasPrefix("Compilation failed: ") {
            // A compile rustc failed (every version logs it without the crate): the one whose source file rustc's
            // errors name, else the oldest compiling (several compile at once in a busy build).
            let compiling = stages.filter { $0.value == .compiling }.keys.sorted()
            let named = compiling.first { row in
                guard let source = results[row].arguments?.last(where: { $0.hasSuffix(".rs") && !$0.hasPrefix("-") })
                else { return false }
                return message.contains(source)
            }
            if let row = named ?? compiling.first {
                finish(row, .other("compile failed"), at: Self.time(of: line))
            } else {
                unplaced += 1
            }
            return
        }
        if message.hasPrefix("Packaging Rust compiler for sysroot") {
            packagingToolchain = true
            return
        }
        if message.hasPrefix("[\"") {
            failed(message)
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
            start(row, name, at: .asked)
            results[row].started = Self.time(of: line)
            results[row].kind = RustArguments(arguments).kind
            results[row].argvDigest = Self.digest(arguments)
            results[row].arguments = arguments
        } else if rest.hasPrefix("generate_hash_key took ") {
            advance(name, from: [.asked], to: .hashed) { _ in }
        } else if rest.hasPrefix("Hash key: ") {
            let key = String(rest.dropFirst("Hash key: ".count)).trimmingSpaces
            guard key.count == 64, key.allSatisfy(\.isHexDigit) else { return }
            advance(name, from: [.asked, .hashed], to: .keyed) { $0.hashKey = key.lowercased() }
        } else if rest.hasPrefix("Cache hit in ") {
            let time = Self.time(of: line)
            let seconds = Self.seconds(in: rest)
            advance(name, from: [.asked, .hashed, .keyed], to: .hit) {
                $0.outcome = .hit
                $0.seconds = seconds
                $0.ended = time
            }
        } else if Self.lookupMisses.contains(where: { rest.hasPrefix($0) }) {
            let text = rest.hasPrefix("Cache read error: ") ? String(rest.prefix(240)) : nil
            advance(name, from: [.asked, .hashed, .keyed], to: .compiling) { $0.errorText = $0.errorText ?? text }
        } else if rest.hasPrefix("Compiled in ") {
            let time = Self.time(of: line)
            let seconds = Self.seconds(in: rest)
            let outcome: CrateResult.Outcome =
                rest.contains("but failed")
                ? .other("compile failed")
                : rest.contains("but not cacheable")
                    ? .other("not cacheable")
                    : rest.contains("but not caching") ? .other("not cached") : .miss
            advance(name, from: [.compiling, .keyed, .hashed, .asked], to: .compiled) {
                $0.outcome = outcome
                $0.seconds = seconds
                $0.ended = time
            }
        } else if rest.hasPrefix("Attempting distributed compilation") {
            advance(name, from: [.compiling, .keyed, .hashed, .asked], to: nil) { $0.farm = .sent(nil) }
        } else if rest.hasPrefix("Sending toolchain ") {
            packagingToolchain = false
        } else if rest.hasPrefix("Could not perform distributed compile, falling back to local: ") {
            packagingToolchain = false
            let reason = CrateResult.FarmPlace.reason(
                rest.dropFirst("Could not perform distributed compile, falling back to local: ".count))
            advance(name, from: [.compiling, .keyed, .hashed], to: nil) { $0.farm = .fellBack(reason) }
        } else if rest.hasPrefix("process error: ") {
            let text = String(rest.prefix(240))
            advance(name, from: [.hashed, .keyed, .compiling], to: nil) { $0.errorText = $0.errorText ?? text }
        } else if rest.hasPrefix("compile result: ") {
            let outcome = Self.outcome(String(rest.dropFirst("compile result: ".count)).trimmingSpaces)
            let row = open[name]?.first ?? add(name)
            finish(row, outcome, at: Self.time(of: line))
        }
    }

    /// The lines that say a lookup missed and a compile begins (a read error is a miss, and a warning).
    private static let lookupMisses = [
        "Cache miss in ", "Cache none in ", "Cache recache in ", "Cache timed out ", "Cache read error: ",
    ]

    static func outcome(_ text: String) -> CrateResult.Outcome {
        switch text {
        case "cache hit": return .hit
        case "cache miss": return .miss
        case "cache error": return .error
        default: return .other(text)
        }
    }

    /// `["name"] http error status: …` (the build farm refused the compile: a wrong token's 401; it fails, with no
    /// fallback) or `["name"] fatal error: …` (a cache error sccache could not get past): the compile ends there,
    /// with no `compile result` line.
    private mutating func failed(_ message: Substring) {
        let afterQuote = message.dropFirst(2)
        guard let end = afterQuote.firstRange(of: "\"] ") else { return }
        let name = String(afterQuote[..<end.lowerBound])
        let rest = afterQuote[end.upperBound...]
        guard let row = open[name]?.first else { return }  // a cause line after the error, or an unknown compile
        let text = TerminalSafe.text(String(rest.prefix(240)))
        if rest.hasPrefix("http error status: ") {
            // Only the farm's HTTP client fails this way.
            results[row].farm = .refused(CrateResult.FarmPlace.reason(rest.dropFirst("http error status: ".count)))
            results[row].errorText = text
            packagingToolchain = false
            finish(row, .other("compile failed"), at: nil)
        } else if rest.hasPrefix("fatal error: ") {
            results[row].errorText = text
            finish(row, .error, at: nil)
        }
    }

    /// `compile result: …` without the crate: the oldest compile at the stage that result ends.
    private mutating func placeResult(_ text: String, time: Double?) {
        let outcome = Self.outcome(text)
        let row: Int?
        switch outcome {
        case .hit: row = oldest { stage, _ in stage == .hit }
        case .error: row = oldest { stage, result in stage == .hashed && result.hashKey == nil }
        default: row = oldest { stage, result in stage == .compiled && result.outcome == outcome }
        }
        guard let row else {
            unplaced += 1
            return
        }
        finish(row, outcome, at: time)
    }

    /// The result of `row`, as sccache's server logged it: the compile is done.
    private mutating func finish(_ row: Int, _ outcome: CrateResult.Outcome, at time: Double?) {
        if outcome == .error, stages[row] == .hashed, results[row].hashKey == nil, results[row].errorText == nil {
            // Its key could not be computed: rustc failed while sccache hashed it (0.16 logs that `process error`
            // itself; older versions say nothing more).
            results[row].errorText = "process error: rustc failed while sccache computed the key"
        }
        results[row].outcome = outcome
        results[row].ended = time ?? results[row].ended
        if outcome == .miss { lastMiss = row }
        close(row)
    }

    /// Which build server ran each compile sent to the farm. sccache logs no server per compile, but for each miss,
    /// under one lock, it logs `compile result: cache miss`, then `stats after compile result:` with the counts
    /// *before* that compile's own `dist_compiles` increment, then adds it. So the one server whose count grew by one
    /// between a miss's stats line and the next one (or the final stats: `settleFarm`) ran that miss; when more than
    /// one grew (a farm compile that was not cached came between, or the stats were zeroed), it is left unknown.
    private mutating func serverOfLastMiss(_ dist: [String: Int]?) {
        guard let dist else { return }
        settleFarm(dist)
        if let row = lastMiss, results[row].farm == .sent(nil) { awaitingServer = row }
        lastMiss = nil
    }

    /// The farm's per-server counts after every compile so far (sccache's final stats, or its next stats line): the
    /// compile waiting for its server gets the one whose count grew by exactly one.
    public mutating func settleFarm(_ dist: [String: Int]) {
        defer { distSeen = dist }
        guard let row = awaitingServer, let before = distSeen else { return }
        awaitingServer = nil
        let grown = dist.filter { $0.value != before[$0.key, default: 0] }
        guard grown.count == 1, let (server, count) = grown.first, count == before[server, default: 0] + 1,
            before.allSatisfy({ dist[$0.key] != nil })
        else { return }
        results[row].farm = .sent(server)
    }

    /// The `dist_compiles: {"127.0.0.1:10501": 1, …}` map of a `ServerStats { … }` debug line, each server's name
    /// bounded and terminal-safe as the stats' own (nil when the line has none).
    static func distCompiles(in message: Substring) -> [String: Int]? {
        guard let marker = message.firstRange(of: "dist_compiles: {") else { return nil }
        var stats = SccacheStats()
        for entry in message[marker.upperBound...].prefix(while: { $0 != "}" }).split(separator: ",") {
            guard let colon = entry.lastIndex(of: ":"),
                let count = Int(String(entry[entry.index(after: colon)...]).trimmingSpaces),
                count >= 0
            else { continue }
            let server = String(entry[..<colon]).trimmingSpaces
            stats.addDistCompiles(server: String(server.filter { $0 != "\"" }), count)
        }
        return stats.distCompiles ?? [:]
    }

    /// `row` (of crate `name`) now waits for its result, at `stage`.
    private mutating func start(_ row: Int, _ name: String, at stage: Stage) {
        if stages.count >= Self.maxUnfinished, let oldest = stages.keys.min() { close(oldest) }
        stages[row] = stage
        open[name, default: []].append(row)
        openName[row] = name
    }

    /// `row` waits no more.
    private mutating func close(_ row: Int) {
        guard stages.removeValue(forKey: row) != nil, let name = openName.removeValue(forKey: row) else { return }
        let left = open[name, default: []].filter { $0 != row }
        open[name] = left.isEmpty ? nil : left
    }

    /// The oldest unfinished compile (of any crate) for which `fits` holds.
    private func oldest(where fits: (Stage, CrateResult) -> Bool) -> Int? {
        stages.filter { fits($0.value, results[$0.key]) }.keys.min()
    }

    /// Moves the oldest compile of `name` at one of `stages` on to `next` (nil: stays), changing it; a new row when
    /// none is there (a log read from the middle).
    private mutating func advance(
        _ name: String, from allowed: [Stage], to next: Stage?, _ change: (inout CrateResult) -> Void
    ) {
        var row = open[name]?.first { stages[$0].map(allowed.contains) ?? false }
        if row == nil {
            row = add(name)
            start(row!, name, at: allowed[0])
        }
        change(&results[row!])
        if let next { stages[row!] = next }
    }

    /// The number after "in" (`Compiled in 0.077 s, …`, `Cache hit in 0.000 s`).
    private static func seconds(in text: Substring) -> Double? {
        let words = text.split(separator: " ")
        return words.firstIndex(of: "in").flatMap { $0 + 1 < words.count ? Double(words[$0 + 1]) : nil }
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
        packagingToolchain = false
        for index in results.indices where results[index].outcome == .pending { results[index].outcome = .interrupted }
        stages = [:]
        open = [:]
        openName = [:]
    }

    /// Compiles whose result sccache has not logged yet.
    public var unfinished: Int { stages.count }

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
        let earlier = compiled[name, default: 0]
        let shown = earlier == 0 ? name : "\(name) (\(earlier + 1))"
        results.append(CrateResult(name: shown, outcome: outcome, seconds: nil, sequence: sequence))
        sequence += 1
        compiled[name] = earlier + 1
        return results.count - 1
    }

    /// `parse_arguments: CannotCache(crate-type, bin): ["--crate-name", "x", …]`; cargo's probes are left out.
    /// Returns the new row.
    private mutating func notCacheable(_ message: Substring) -> Int? {
        let afterParen = message.dropFirst("parse_arguments: CannotCache(".count)
        guard let close = afterParen.firstIndex(of: ")") else { return nil }
        let reason = String(afterParen[..<close].split(separator: ",").first ?? "").trimmingSpaces
        let arguments = Self.quotedStrings(afterParen[close...])
        let parsed = RustArguments(arguments)
        guard let crate = parsed.crateName, crate != "___" else {
            withoutCrate += 1
            return nil
        }
        var name = crate
        if parsed.kind == "build-script", let last = parsed.outDir?.split(separator: "/").last {
            name = "\(BuildScriptOutput.package(ofDirectory: last) ?? String(last)) (build script)"
        }
        let row = add(name, outcome: .notCacheable(reason))
        results[row].kind = parsed.kind
        // A build script's inputs are read after the build: "why" tells whether the same script wrote its output.
        if parsed.kind == "build-script" { results[row].arguments = arguments }
        return row
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
