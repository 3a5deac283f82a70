import Testing

@testable import CacheWatchCore

@Suite("Config files: what no valid file needs is refused before the TOML parser sees it")
struct ConfigLimitsTests {
    @Test("Every file cachewatch writes itself passes, and so do deep-enough real keys")
    func validPasses() {
        #expect(ConfigLimits.problem(in: ConfigText.template()) == nil)
        #expect(ConfigLimits.problem(in: "[keys]\nrerun = \"F5\"\nnotify-after = 1.5\n\"a.b.c\" = 'x.y.z'\n") == nil)
        #expect(ConfigLimits.problem(in: "s = \"\"\"\n[[[[[[[[[[[[ ........................\n\"\"\"\n") == nil)
        #expect(ConfigLimits.problem(in: "# [[[[[[[[[[[[[[[[ a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a é\n") == nil)
        #expect(ConfigLimits.problem(in: "image = \"ghcr.io/é/muslrust\"\n") == nil)
    }

    @Test(
        "The shapes that exhausted memory or overflowed the stack in the parser are refused, with their line",
        arguments: [
            ("x = 1\n" + Array(repeating: "a", count: 5000).joined(separator: ".") + " = 1\n", 2, "deeper than"),
            ("[" + Array(repeating: "a", count: 3000).joined(separator: ".") + "]\n", 1, "deeper than"),
            ("\"a\"." + Array(repeating: "\"a\"", count: 40).joined(separator: ".") + " = 1\n", 1, "deeper than"),
            ("x = " + String(repeating: "[", count: 100_000) + "\n", 1, "nests"),
            ("x = " + String(repeating: "{a=", count: 1000) + "\n", 1, "nests"),
            (String(repeating: "k = 1\n", count: 6000), 5001, "more than 5000 keys"),
            (String(repeating: "#", count: 300 << 10), 1, "larger than 256 KiB"),
            // Found by the seeded fuzz through TOMLKit: the parser asserted on a non-ASCII character in a table header.
            ("ok = 1\n[é[\u{1B} #x\n", 2, "table header"), ("ok = 1\nclé = 2\n", 2, "non-ASCII"),
            // Found by fuzzing TOMLKit's own parser (toml++) beside the pre-scan: each of these asserted (a crash).
            ("[.", 1, "table header"), ("a = 1\n  [[ =]]\n", 2, "table header"), ("[\\", 1, "table header"),
            ("0x1F=[}a", 1, "closes a [ with }"), ("x = {a = [1}", 1, "closes a [ with }"),
        ])
    func refused(text: String, line: Int, message: String) throws {
        let problem = try #require(ConfigLimits.problem(in: text))
        #expect(problem.line == line && problem.message.contains(message), "\(problem)")
    }
}
