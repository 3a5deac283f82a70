import CacheWatchCore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

/// The reachability probe against a real redis-server (scripts/redis-up) and against sockets that are no Redis.
@Suite("The cache backend's probe", .serialized)
struct BackendProbeTests {
    private func backend(_ url: String) -> CacheBackend {
        CacheBackend.from(environment: ["SCCACHE_REDIS_ENDPOINT": url])
    }

    private func failure(_ backend: CacheBackend, environment: [String: String] = [:]) -> String? {
        do {
            try BackendProbe.check(backend, environment: environment)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("rediss:// must answer TLS: a plain Redis there is named as such; a real TLS server (openssl s_server) passes")
    func tls() throws {
        let redis = try TestRedis()
        defer { redis.stop() }
        let plain = try #require(failure(backend("rediss://127.0.0.1:\(redis.port)")))
        #expect(plain.contains("did not answer a TLS handshake") && plain.contains("use redis://"), "\(plain)")
        // A real TLS server with a self-signed certificate, on a free loopback port.
        let work = try TestDirectory.make("tls probe")
        let keygen = try CommandRunner.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", work + "/key.pem", "-out",
                work + "/cert.pem", "-days", "1", "-subj", "/CN=localhost",
            ], timeout: 60)
        #expect(keygen.succeeded, "\(keygen.stderr)")
        let port = try #require(Ports.free())
        // In the background with stdin from /dev/null (it serves until killed), stopped by its pid.
        let started = try CommandRunner.run(
            [
                "sh", "-c",
                "openssl s_server -accept \"127.0.0.1:$1\" -cert \"$2/cert.pem\" -key \"$2/key.pem\" -quiet "
                    + "</dev/null >/dev/null 2>&1 & echo $!",
                "tls", String(port), work,
            ], timeout: 30)
        let pid = try #require(pid_t(started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(pid, SIGKILL) }
        // Ready when it accepts a connection (a deadline, not a sleep).
        var answer: String? = "not tried"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            answer = failure(backend("rediss://127.0.0.1:\(port)"))
            if answer == nil || !(answer ?? "").contains("does not answer") { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(answer == nil, "\(answer ?? "")")
    }

    @Test("A real Redis with a password: the right one passes, a wrong or missing one is named; nothing leaks")
    func realRedis() throws {
        let redis = try TestRedis()
        defer { redis.stop() }
        let good = backend(redis.endpoint)
        #expect(failure(good, environment: ["SCCACHE_REDIS_PASSWORD": redis.password]) == nil)
        let wrong = try #require(failure(good, environment: ["SCCACHE_REDIS_PASSWORD": "not-it"]))
        #expect(wrong.contains("refused the password") && wrong.contains(redis.endpoint), "\(wrong)")
        #expect(!wrong.contains("not-it"))
        let missing = try #require(failure(good))
        #expect(missing.contains("needs a password") && missing.contains("SCCACHE_REDIS_PASSWORD"), "\(missing)")
        // The password inside the URL is the one sent, and the message masks it.
        let inURL = "redis://default:\(redis.password)@127.0.0.1:\(redis.port)"
        #expect(failure(backend(inURL), environment: ["SCCACHE_REDIS_ENDPOINT": inURL]) == nil)
        let wrongURL = "redis://default:wrong-one@127.0.0.1:\(redis.port)"
        let masked = try #require(failure(backend(wrongURL), environment: ["SCCACHE_REDIS_ENDPOINT": wrongURL]))
        #expect(!masked.contains("wrong-one") && masked.contains("redis://default:****@127.0.0.1"), "\(masked)")
    }

    @Test("Nothing listening: a clear message naming the endpoint, well within 2 s")
    func unreachable() throws {
        let port = try #require(Ports.free())
        let started = MonotonicClock.now()
        let message = try #require(failure(backend("redis://127.0.0.1:\(port)")))
        #expect(MonotonicClock.now() - started < 2)
        #expect(message.contains("redis://127.0.0.1:\(port) does not answer") && message.contains("--no-probe"), "\(message)")
    }

    @Test("A listener that is no Redis (it never answers): given up after the timeout, said so")
    func silentListener() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        listen(fd, 4)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let started = MonotonicClock.now()
        let message = try #require(failure(backend("redis://127.0.0.1:\(port)")))
        #expect(MonotonicClock.now() - started < 2)
        #expect(message.contains("did not answer within"), "\(message)")
    }

    @Test("A real memcached answers `version`; a Redis probe sent to it says it did not answer as Redis does")
    func realMemcached() throws {
        let port = try #require(Ports.free())
        let server = try CommandRunner.run(
            [
                "sh", "-c", "memcached -u \"$(id -un)\" -l 127.0.0.1 -p \(port) -U 0 -d -P \"$1\" && sleep 0.3", "memcached",
                NSTemporaryDirectory() + "memcached-\(port).pid",
            ],
            timeout: 30)
        #expect(server.succeeded, "memcached is needed (scripts/setup installs it): \(server.stderr)")
        defer {
            if let pid = try? String(contentsOfFile: NSTemporaryDirectory() + "memcached-\(port).pid", encoding: .utf8),
                let number = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                kill(number, SIGTERM)
            }
        }
        let memcached = CacheBackend.from(environment: ["SCCACHE_MEMCACHED_ENDPOINT": "tcp://127.0.0.1:\(port)"])
        #expect(failure(memcached) == nil)
        let wrongKind = try #require(failure(backend("redis://127.0.0.1:\(port)")))
        #expect(wrongKind.contains("did not answer") || wrongKind.contains("PING"), "\(wrongKind)")
    }

    @Test("An unresolvable host is named; only Redis and memcached are probed")
    func unresolvable() throws {
        let message = try #require(failure(backend("redis://no-such-host.invalid:6379")))
        #expect(message.contains("cannot resolve no-such-host.invalid"), "\(message)")
        #expect(failure(CacheBackend.from(environment: ["SCCACHE_BUCKET": "b"])) == nil)
        #expect(failure(.localDisk) == nil)
    }
}
