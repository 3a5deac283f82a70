import CacheWatchCore
import CacheWatchRunner
import CacheWatchTestSupport
import Foundation
import Testing

@Suite("The trusted files' list on disk, and hostile config files through the real TOML parser")
struct TrustAndLimitsTests {
    @Test("The list lives in $XDG_STATE_HOME/cachewatch (0700), the file 0600; a link there is refused, never followed")
    func store() throws {
        let directory = try TestDirectory.make("trust store")
        let store = TrustStore(environment: ["XDG_STATE_HOME": directory + "/state"], home: "/nonexistent")
        #expect(store.path == directory + "/state/cachewatch/trusted")
        #expect(TrustStore(environment: [:], home: "/h").path == "/h/.local/state/cachewatch/trusted")
        #expect(try store.load().digests.isEmpty)
        let project = directory + "/clone"
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
        let file = project + "/.cachewatch.toml"
        try "engine = \"native\"\n".write(toFile: file, atomically: false, encoding: .utf8)
        let digest = SHA256.hex(Array("engine = \"native\"\n".utf8))
        #expect(store.trust(projectFile: file, digest: digest) == .untrusted)
        var list = try store.load()
        list.trust(path: try #require(TrustStore.canonical(file)), digest: digest)
        try store.save(list)
        var info = stat()
        #expect(stat(store.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(stat(directory + "/state/cachewatch", &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(store.trust(projectFile: file, digest: digest) == .trusted)
        // The same file reached through a link to its directory is the same file; other content is not trusted.
        try FileManager.default.createSymbolicLink(atPath: directory + "/alias", withDestinationPath: project)
        #expect(store.trust(projectFile: directory + "/alias/.cachewatch.toml", digest: digest) == .trusted)
        #expect(store.trust(projectFile: file, digest: SHA256.hex([0])) == .changed)
        // A link planted where the list is: not read through, and nothing is trusted by it.
        unlink(store.path)
        try FileManager.default.createSymbolicLink(atPath: store.path, withDestinationPath: directory + "/planted")
        try list.text.write(toFile: directory + "/planted", atomically: false, encoding: .utf8)
        #expect(store.trust(projectFile: file, digest: digest) == .untrusted)
        #expect(throws: SafeFile.Failure.self) { try store.save(list) }
    }

    @Test("A 10 KB file of one dotted key, and 600 KB of nested brackets, are refused at once (they took 437 MB and crashed)")
    func hostileShapes() throws {
        let deep = Array(repeating: "a", count: 5000).joined(separator: ".") + " = 1\n"
        #expect(deep.utf8.count < 11_000)
        for text in [
            deep, "[" + Array(repeating: "a", count: 100_000).joined(separator: ".") + "]\n",
            "x = " + String(repeating: "[", count: 200_000),
        ] {
            do {
                _ = try ConfigReader.parse(text, path: "p.toml", directory: "/", kind: .project)
                Issue.record("parsed a hostile file")
            } catch {
                #expect(error.description.contains("refused unparsed") || error.description.contains("larger than"))
            }
        }
    }

    @Test("Seeded fuzz through TOMLKit: whatever the shape, a config file is entries or a clear problem, never a crash")
    func fuzz() {
        var random = SplitMix64(state: 0x7E57_C0F1)
        let pieces = [
            "a", "b", ".", "=", "[", "]", "{", "}", "\"", "'", "\"\"\"", "'''", "\n", " ", "1", "1.5", "true", ",", "#",
            "[[", "]]", "keys", "engine", "\"x.y\"", "\\", "\u{1B}", "é", "-", "+inf", "nan", "1979-05-27", "!", "$",
            "%", "&", "(", ")", "*", "+", "/", ":", ";", "<", ">", "?", "@", "^", "`", "|", "~", "\t", "\r", "0x1F", "1e5",
            "_", "T", "Z", "07:32:00", "\\u00e9", "\\n",
        ]
        var parsed = 0
        let cases = ProcessInfo.processInfo.environment["CACHEWATCH_FUZZ_CASES"].flatMap(Int.init) ?? 3000
        for _ in 0..<cases {
            let count = Int.random(in: 1...80, using: &random)
            let text = (0..<count).map { _ in pieces.randomElement(using: &random)! }.joined()
            do {
                let file = try ConfigReader.parse(text, path: "f.toml", directory: "/", kind: .project)
                parsed += file.entries.count >= 0 ? 1 : 0
            } catch {
                #expect(!error.problems.isEmpty && error.problems.allSatisfy { !$0.message.isEmpty })
            }
        }
        #expect(parsed > 0)
    }
}
