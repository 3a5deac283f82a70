import CacheWatchCore
import CacheWatchRunner
import CacheWatchTestSupport
import Foundation
import Testing

/// `cachewatch trust`'s work in-process: what it shows, what it records, what it refuses.
@Suite("Trusting a project's file")
struct TrustActionTests {
    private func action(_ name: String) throws -> (TrustAction, String) {
        let root = try TestDirectory.make(name)
        let host = LaunchPlan.Host(
            environment: ["XDG_STATE_HOME": root + "/state", "XDG_CONFIG_HOME": root + "/config"], home: root + "/home",
            workingDirectory: root, uid: getuid(), gid: getgid())
        try FileManager.default.createDirectory(atPath: root + "/clone", withIntermediateDirectories: true)
        return (TrustAction(loader: SettingsLoader(host: host)), root)
    }

    @Test("Trusting shows each setting the file changes and its digest; again says so; list and revoke follow")
    func trustListRevoke() throws {
        let (action, root) = try action("trust action")
        let project = root + "/clone"
        #expect(action.perform(.list).out == ["cachewatch: no project file is trusted"])
        #expect(
            action.perform(.trust(project: project)).err == [
                "cachewatch: error: there is no \(project)/.cachewatch.toml to trust"
            ])
        try "engine = \"native\"\nscrollback = 500\n".write(
            toFile: project + "/.cachewatch.toml", atomically: false, encoding: .utf8)
        let first = action.perform(.trust(project: project))
        #expect(first.status == 0 && first.err.isEmpty, "\(first)")
        #expect(first.out.first?.hasPrefix("cachewatch: \(project)/.cachewatch.toml (sha256 ") == true, "\(first.out)")
        #expect(first.out.contains { $0.contains("engine") } && first.out.contains { $0.contains("scrollback") }, "\(first.out)")
        #expect(first.out.last?.hasPrefix("cachewatch: trusted: it applies") == true, "\(first.out)")
        #expect(action.perform(.trust(project: project)).out.last == "cachewatch: it was trusted already, with this content")
        #expect(action.perform(.list).out == ["\(project)/.cachewatch.toml  trusted"])
        try "engine = \"docker\"\n".write(toFile: project + "/.cachewatch.toml", atomically: false, encoding: .utf8)
        #expect(action.perform(.list).out == ["\(project)/.cachewatch.toml  changed since: not trusted"])
        #expect(
            action.perform(.revoke(project: project)).out == [
                "cachewatch: \(project)/.cachewatch.toml is no longer trusted: none of it applies"
            ])
        #expect(
            action.perform(.revoke(project: project)).out == [
                "cachewatch: \(project)/.cachewatch.toml was not trusted: nothing to forget"
            ])
    }

    @Test("A file with a setting a project may not give, or a path through a link out of the project, is not trusted")
    func refused() throws {
        let (action, root) = try action("trust action refused")
        let project = root + "/clone"
        try "sccache = \"/tmp/evil\"\n".write(toFile: project + "/.cachewatch.toml", atomically: false, encoding: .utf8)
        let forbidden = action.perform(.trust(project: project))
        #expect(forbidden.status == 1 && forbidden.out.isEmpty, "\(forbidden)")
        #expect(forbidden.err.last == "cachewatch: \(project)/.cachewatch.toml is not trusted: fix it first", "\(forbidden)")
        try FileManager.default.createSymbolicLink(atPath: project + "/out", withDestinationPath: root + "/home")
        try "report = \"out/report.json\"\n".write(toFile: project + "/.cachewatch.toml", atomically: false, encoding: .utf8)
        let linked = action.perform(.trust(project: project))
        #expect(linked.status == 1, "\(linked)")
        #expect(linked.err.first?.contains("leads through the symbolic link") == true, "\(linked)")
        #expect(action.perform(.list).out == ["cachewatch: no project file is trusted"], "nothing was recorded")
    }
}

/// `config --init`'s file and the replay's parsed options, in-process.
@Suite("Small command helpers")
struct CommandHelperTests {
    @Test("config --init writes the template once; --force replaces it; a file there is not overwritten")
    func template() throws {
        let root = try TestDirectory.make("config init")
        let loader = SettingsLoader(
            host: LaunchPlan.Host(
                environment: ["XDG_CONFIG_HOME": root + "/config"], home: root, workingDirectory: root, uid: getuid(),
                gid: getgid()))
        #expect(try loader.writeTemplate(to: nil, force: false).hasPrefix("cachewatch: wrote ~/config/cachewatch/config.toml"))
        #expect(try String(contentsOfFile: loader.userFile, encoding: .utf8) == ConfigText.template())
        #expect(throws: LaunchFailure.self) { try loader.writeTemplate(to: nil, force: false) }
        try "mine".write(toFile: loader.userFile, atomically: false, encoding: .utf8)
        _ = try loader.writeTemplate(to: nil, force: true)
        #expect(try String(contentsOfFile: loader.userFile, encoding: .utf8) == ConfigText.template())
    }

    @Test("--speed is a factor above 0; --size is WxH within 60x16 and 1000x500")
    func replayOptions() {
        #expect(ReplayLoop.speed("2") == 2 && ReplayLoop.speed("0.5") == 0.5)
        #expect(ReplayLoop.speed("0") == nil && ReplayLoop.speed("max") == nil && ReplayLoop.speed("inf") == nil)
        #expect(CastExporter.size("120x35")! == (120, 35) && CastExporter.size("60X16")! == (60, 16))
        #expect(CastExporter.size("59x16") == nil && CastExporter.size("1001x40") == nil && CastExporter.size("80") == nil)
    }
}
