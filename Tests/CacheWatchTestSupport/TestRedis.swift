import CacheWatchRunner
import Foundation

/// A real redis-server on a free loopback port, started and stopped with the project's own scripts
/// (scripts/redis-up, scripts/redis-down), with a password: what the shared-cache tests build against.
public final class TestRedis: @unchecked Sendable {
    public let port: Int
    public let password: String
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts a server; fails with the script's own message when redis-server is missing or does not start.
    public init(password: String = "team-\(UInt32.random(in: 100_000...999_999))-secret") throws {
        guard let port = Ports.free() else { throw Failure(description: "no free loopback port") }
        self.port = port
        self.password = password
        let result = try CommandRunner.run(
            [Self.root + "/scripts/redis-up"], environment: ["REDIS_PORT": String(port), "REDIS_PASSWORD": password],
            timeout: 300)
        guard result.succeeded else {
            throw Failure(description: "scripts/redis-up failed (exit \(result.status)): \(result.stderr)")
        }
        Self.started.update { $0.insert(port) }
    }

    /// Every server started and not stopped yet: stopped when the test process exits (a suite's server lives in a
    /// static, which is never deinitialised).
    private static let started: LockedValue<Set<Int>> = {
        atexit {
            for port in TestRedis.started.get() {
                _ = try? CommandRunner.run(
                    [TestRedis.root + "/scripts/redis-down"], environment: ["REDIS_PORT": String(port)], timeout: 30)
            }
        }
        return LockedValue([])
    }()

    /// What sccache needs to use it (the password in its own variable: sccache 0.16 cannot use one in the URL).
    public var environment: [String: String] {
        ["SCCACHE_REDIS_ENDPOINT": endpoint, "SCCACHE_REDIS_PASSWORD": password]
    }

    public var endpoint: String { "redis://127.0.0.1:\(port)" }

    /// `redis-cli` with the password in REDISCLI_AUTH (never on its argv).
    public func cli(_ arguments: [String]) throws -> String {
        let result = try CommandRunner.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", String(port), "--no-auth-warning"] + arguments,
            environment: ["REDISCLI_AUTH": password], timeout: 30)
        guard result.succeeded else { throw Failure(description: "redis-cli \(arguments): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// How many keys the server holds.
    public func keyCount() throws -> Int {
        let answer = try cli(["dbsize"])
        guard let count = Int(answer) else { throw Failure(description: "dbsize answered \(answer)") }
        return count
    }

    public func stop() {
        Self.started.update { $0.remove(port) }
        _ = try? CommandRunner.run(
            [Self.root + "/scripts/redis-down"], environment: ["REDIS_PORT": String(port)], timeout: 30)
    }

    deinit { stop() }
}
