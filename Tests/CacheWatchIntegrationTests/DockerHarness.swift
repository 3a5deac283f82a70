import CacheWatchRunner
import Foundation
import Testing

/// The real Docker engine and the stand-in muslrust image (scripts/docker-up, scripts/standin-image).
enum DockerHarness {
    static let image = ProcessInfo.processInfo.environment["CACHEWATCH_STANDIN_IMAGE"] ?? "cachewatch/muslrust-standin:1"
    static let isCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false

    /// Why the engine tests cannot run here, or nil when they can.
    static let unavailable: String? = {
        guard Executables.find("docker") != nil else { return "no docker client" }
        guard (try? CommandRunner.run(["docker", "info"], timeout: 20))?.succeeded == true else {
            return "no Docker daemon answers"
        }
        guard (try? CommandRunner.run(["docker", "image", "inspect", image], timeout: 20))?.succeeded == true else {
            return "the stand-in image \(image) is not built"
        }
        return nil
    }()

    /// Runs the engine tests where an engine is ready, and always in CI, where a missing one fails.
    static var enabled: Bool { unavailable == nil || isCI }
    static let howTo = "Docker engine tests need a daemon and the stand-in image: run scripts/docker-up and scripts/standin-image"

    /// Fails the test (in CI) when the engine is missing; returns false then.
    static func require() -> Bool {
        if let why = unavailable {
            Issue.record("\(why). \(howTo)")
            return false
        }
        return Harness.require(["cargo", "rustc"])
    }

    /// `--docker-arg`s that make the stand-in image build the example workspace (whose crates come from its own
    /// local registry): the host's Rust toolchain, read-only.
    static var dockerArguments: [String] {
        let sysroot =
            (try? CommandRunner.run(["rustc", "--print", "sysroot"]))?.stdout
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return ["-v", "\(sysroot):/usr/local/rust:ro"].flatMap { ["--docker-arg", $0] }
    }

    /// Containers whose name starts with `prefix`, running or not.
    static func containers(prefix: String = "cachewatch-") -> [String] {
        let result = try? CommandRunner.run(["docker", "ps", "-a", "--format", "{{.Names}}"], timeout: 20)
        return (result?.stdout ?? "").split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    /// A copy of the example workspace (without target/) at a path with spaces and quotes.
    static func demoCopy(in directory: String) throws -> String {
        let copy = directory + "/demo 'copy' $(x)"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        for item in ["Cargo.toml", "Cargo.lock", ".cargo", "app", "crates", "local-registry"] {
            try FileManager.default.copyItem(atPath: Harness.demo + "/" + item, toPath: copy + "/" + item)
        }
        return copy
    }
}

extension DockerHarness {
    /// The argv (joined by spaces) of every running `docker run` client whose arguments mention `text`.
    static func clientCommands(containing text: String) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var found: [String] = []
        for entry in entries where Int32(entry) != nil {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty else { continue }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard arguments.count > 2, arguments[0].hasSuffix("docker"), arguments[1] == "run",
                arguments.contains(where: { $0.contains(text) })
            else { continue }
            found.append(arguments.joined(separator: " "))
        }
        return found
    }
}
