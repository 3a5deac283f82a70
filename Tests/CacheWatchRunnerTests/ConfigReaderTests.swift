import CacheWatchCore
import CacheWatchRunner
import CacheWatchTestSupport
import Foundation
import Testing

@Suite("Config files read through TOMLKit: values, lines and every problem")
struct ConfigReaderTests {
    private func parse(_ text: String, kind: ConfigFileKind = .user) throws(ConfigError) -> ConfigFile {
        try ConfigReader.parse(text, path: "c.toml", directory: "/d", kind: kind)
    }

    private func problems(_ text: String) -> [String] {
        do {
            _ = try ConfigResolver.resolve(user: try parse(text))
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test("A real file: values typed, tables flattened, each entry on its line")
    func reads() throws {
        let file = try parse(
            """
            # cachewatch
            engine = "native"
            scrollback = 5000
            notify-after = 2.5
            docker-arg = [
                "--cpus", "2",
            ]
            watch = true

            [keys]
            rerun = "R"
            stop = ["S", "ctrl-s"]

            [colors]
            hit = "bold bright-green"
            """)
        let entries = Dictionary(uniqueKeysWithValues: file.entries.map { ($0.path, ($0.value, $0.line)) })
        #expect(entries[["engine"]]! == (.string("native"), 2))
        #expect(entries[["scrollback"]]! == (.integer(5000), 3))
        #expect(entries[["notify-after"]]! == (.number(2.5), 4))
        #expect(entries[["docker-arg"]]! == (.array([.string("--cpus"), .string("2")]), 5))
        #expect(entries[["watch"]]! == (.bool(true), 8))
        #expect(entries[["keys", "stop"]]! == (.array([.string("S"), .string("ctrl-s")]), 12))
        #expect(entries[["colors", "hit"]]!.1 == 15)
        #expect(file.entries.map(\.line) == file.entries.map(\.line).sorted())
        let settings = try ConfigResolver.resolve(user: file)
        #expect(settings.engine == "native" && settings.scrollback == 5000 && settings.notifyAfter == 2.5 && settings.watch)
        #expect(settings.keymap.key(.rerun) == "R" && settings.colors[.hit] == ColorSpec(foreground: 10, bold: true))
    }

    @Test("Not TOML: one problem with the line and column, before anything else is checked")
    func syntax() {
        do {
            _ = try parse("engine = \"native\"\nscrollback = = 3\n")
            Issue.record("parsed")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].description.hasPrefix("c.toml:2: not valid TOML: "), "\(error)")
            #expect(error.problems[0].description.contains("column"))
        }
    }

    @Test("Every problem of a file at once, each with its line")
    func everyProblem() {
        let found = problems(
            """
            engin = "native"
            scrollback = 5
            [keys]
            zero-stat = "Z"
            rerun = "s"
            [colors]
            miss = "purple"
            """)
        #expect(found.count == 5, "\(found)")
        #expect(found.contains("c.toml:1: unknown setting engin; did you mean engine?"))
        #expect(found.contains { $0.hasPrefix("c.toml:2: scrollback must be an integer from 100") })
        #expect(found.contains("c.toml:4: unknown action zero-stat; did you mean zero-stats?"))
        #expect(found.contains { $0.hasPrefix("c.toml:7: colors.miss must be attributes") })
        #expect(found.contains { $0.hasPrefix("c.toml:5: rerun = \"s\" conflicts with stop") })
    }

    @Test("A date where a path belongs, an inline table, an array of tables: named, never a crash")
    func oddTypes() {
        #expect(problems("mount-root = 1979-05-27\n") == ["c.toml:1: mount-root must be a path (a string) (got a date)"])
        #expect(problems("keys = { rerun = \"R\" }\n").isEmpty)
        #expect(problems("[[keys]]\nrerun = \"R\"\n").first?.contains("keys") == true)
    }

    @Test("config --init's text reads back as the defaults, and every commented example is a valid value")
    func templateRoundTrip() throws {
        let text = ConfigText.template()
        let settings = try ConfigResolver.resolve(user: try parse(text))
        let defaults = try ConfigResolver.resolve()
        for option in ConfigOption.all {
            #expect(settings.values[option.key] == defaults.values[option.key], "\(option.name)")
        }
        #expect(settings.keymap.bindings.map(\.keys) == Keymap.standard.bindings.map(\.keys))
        // Uncommented, the examples and the [keys] and [colors] lines are all accepted as they are.
        let setting = try Regex("^# [a-z][a-z-]* = ")
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.firstMatch(of: setting) == nil ? String(line) : String(line.dropFirst(2))
        }.joined(separator: "\n")
        let all = try parse(uncommented)
        #expect(all.entries.count > ConfigOption.all.count + Keymap.standard.actions.count)
        _ = try ConfigResolver.resolve(user: all)
    }

    @Test("A project's file is never read through a symbolic link; not UTF-8 and too large are clear problems")
    func files() throws {
        let directory = try TestDirectory.make("config files")
        let target = directory + "/elsewhere.toml"
        try "engine = \"native\"\n".write(toFile: target, atomically: true, encoding: .utf8)
        let link = ConfigReader.projectFile(project: directory)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: ConfigError.self) { try ConfigReader.read(link, shown: link, kind: .project) }
        do {
            _ = try ConfigReader.read(link, shown: ".cachewatch.toml", kind: .project)
        } catch {
            #expect(error.description == ".cachewatch.toml:1: cannot read it: is a symbolic link (not followed)")
        }
        unlink(link)
        #expect(try ConfigReader.read(link, shown: link, kind: .project) == nil)
        #expect(FileManager.default.createFile(atPath: link, contents: Data([0x65, 0x3D, 0xFF, 0xFE])))
        #expect(throws: ConfigError.self) { try ConfigReader.read(link, shown: link, kind: .project) }
        #expect(FileManager.default.createFile(atPath: link, contents: Data(repeating: 0x23, count: 2 << 20)))
        do {
            _ = try ConfigReader.read(link, shown: "big.toml", kind: .project)
            Issue.record("read a 2 MiB file")
        } catch {
            #expect(error.description == "big.toml:1: is larger than 256 KiB: not a config file")
        }
    }

    @Test("The user's file: $XDG_CONFIG_HOME when absolute, else ~/.config")
    func userFile() {
        #expect(ConfigReader.userFile(environment: ["XDG_CONFIG_HOME": "/x"], home: "/h") == "/x/cachewatch/config.toml")
        #expect(ConfigReader.userFile(environment: ["XDG_CONFIG_HOME": "rel"], home: "/h") == "/h/.config/cachewatch/config.toml")
        #expect(ConfigReader.userFile(environment: [:], home: "/h") == "/h/.config/cachewatch/config.toml")
    }
}
