import CacheWatchCore
import Foundation

/// Checks, before a build, that a Redis or memcached cache answers: a TCP connect, then `PING` (after `AUTH`
/// when a password is configured) or memcached's `version`, all within about a second. Without it an unreachable
/// cache costs sccache's 10 s server start and "Timed out waiting for server startup", then every compile fails.
public enum BackendProbe {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Probes every probed level of `backend`; throws the first failure, naming the endpoint masked.
    public static func check(
        _ backend: CacheBackend, environment: [String: String], timeout: Double = 1, cancel: CancelFlag = .shutdown
    ) throws {
        for endpoint in backend.endpoints where endpoint.kind.isProbed {
            if cancel.isSet { throw Cancelled() }
            try check(endpoint, credentials: credentials(for: endpoint, environment: environment), timeout: timeout)
        }
    }

    /// The username and password sccache would send: the URL's own, else `SCCACHE_REDIS_USERNAME`/`_PASSWORD`.
    static func credentials(for endpoint: CacheEndpoint, environment: [String: String]) -> (user: String?, password: String?) {
        guard endpoint.kind == .redis else { return (nil, nil) }
        let raw = CacheBackend.endpointURLs(.redis, environment: environment) ?? ""
        if let url = URLComponents(string: raw.split(separator: ",").first.map(String.init) ?? raw), url.password != nil {
            return (url.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }, url.password?.removingPercentEncoding)
        }
        let user = environment["SCCACHE_REDIS_USERNAME"].flatMap { $0.isEmpty ? nil : $0 }
        let password = environment["SCCACHE_REDIS_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        return (user, password)
    }

    static func check(_ endpoint: CacheEndpoint, credentials: (user: String?, password: String?), timeout: Double) throws {
        let name = "the \(endpoint.kind.word) cache at \(endpoint.masked)"
        let deadline = MonotonicClock.now() + timeout
        let connection: TCPConnection
        do {
            connection = try TCPConnection.open(host: endpoint.host, port: endpoint.port, deadline: deadline)
        } catch let failure as TCPConnection.Failure {
            let start = endpoint.kind == .redis ? "start it (scripts/redis-up starts a local Redis)" : "start it"
            throw Failure(
                description:
                    "\(name) does not answer (\(failure.description)); \(start), correct the endpoint, or pass --no-probe")
        }
        defer { connection.close() }
        if endpoint.tls {
            try checkTLS(connection, name: name, deadline: deadline, timeout: timeout)
            return
        }
        var request = ""
        switch endpoint.kind {
        case .redis:
            if let password = credentials.password {
                request += command(credentials.user.map { ["AUTH", $0, password] } ?? ["AUTH", password])
            }
            request += command(["PING"])
        case .memcached:
            request = "version\r\n"
        default:
            return
        }
        guard connection.send(request) else { throw Failure(description: "\(name) closed the connection") }
        let expected = endpoint.kind == .redis ? (credentials.password == nil ? 1 : 2) : 1
        let lines = receiveLines(connection, count: expected, deadline: deadline)
        guard lines.count == expected else {
            throw Failure(
                description: "\(name) accepted a connection but did not answer within \(Int(timeout * 1000)) ms "
                    + "(is it a \(endpoint.kind.word) server?); pass --no-probe to build anyway")
        }
        switch endpoint.kind {
        case .redis:
            if credentials.password != nil, !lines[0].hasPrefix("+OK") {
                throw Failure(description: "\(name) refused the password (\(answer(lines[0]))): check SCCACHE_REDIS_PASSWORD")
            }
            let pong = lines[expected - 1]
            if pong.hasPrefix("-NOAUTH") {
                throw Failure(description: "\(name) needs a password: set SCCACHE_REDIS_PASSWORD (and SCCACHE_REDIS_USERNAME)")
            }
            guard pong.hasPrefix("+PONG") else {
                throw Failure(description: "\(name) did not answer PING (\(answer(pong)))")
            }
        default:
            guard lines[0].hasPrefix("VERSION") else {
                throw Failure(description: "\(name) did not answer as memcached does (\(answer(lines[0])))")
            }
        }
    }

    /// A `rediss://` endpoint must answer a TLS ClientHello as a TLS server does (a handshake record, or an alert
    /// when it wants other parameters): a plain Redis there answers with an error line, and sccache's handshake
    /// would fail. The certificate is sccache's business.
    static func checkTLS(_ connection: TCPConnection, name: String, deadline: Double, timeout: Double) throws {
        guard connection.send(clientHello) else { throw Failure(description: "\(name) closed the connection") }
        let header = connection.receive(deadline: deadline, limit: 5) { $0.count >= 5 }
        if header.count >= 3, header[0] == 0x16 || header[0] == 0x15, header[1] == 0x03 { return }
        if header.first == UInt8(ascii: "-") || header.first == UInt8(ascii: "+") {
            throw Failure(
                description: "\(name) answers as plain Redis, not TLS: use redis:// for it (sccache's TLS handshake "
                    + "would fail), or point rediss:// at the TLS port")
        }
        throw Failure(
            description: "\(name) accepted a connection but did not answer a TLS handshake within "
                + "\(Int(timeout * 1000)) ms (a plain Redis there? then use redis://); pass --no-probe to build anyway")
    }

    /// A TLS 1.2 ClientHello (ECDHE and RSA suites, x25519 and P-256): enough for a TLS server to answer.
    static let clientHello: [UInt8] = {
        let suites: [UInt8] = [0xC0, 0x2F, 0xC0, 0x30, 0xC0, 0x2B, 0xC0, 0x2C, 0x00, 0x9C, 0x00, 0x9D, 0x00, 0x2F, 0x00, 0x35]
        var extensions: [UInt8] = []
        extensions += [0x00, 0x0A, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1D, 0x00, 0x17]  // supported groups
        extensions += [0x00, 0x0B, 0x00, 0x02, 0x01, 0x00]  // point formats
        extensions += [0x00, 0x0D, 0x00, 0x0A, 0x00, 0x08, 0x04, 0x01, 0x08, 0x04, 0x04, 0x03, 0x05, 0x01]  // signatures
        var body: [UInt8] = [0x03, 0x03] + (0..<32).map { _ in UInt8.random(in: 0...255) } + [0x00]
        body += [UInt8(suites.count >> 8), UInt8(suites.count & 0xFF)] + suites + [0x01, 0x00]
        body += [UInt8(extensions.count >> 8), UInt8(extensions.count & 0xFF)] + extensions
        let handshake = [0x01, 0x00, UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
        let record = [0x16, 0x03, 0x01, UInt8(handshake.count >> 8), UInt8(handshake.count & 0xFF)] + handshake
        return record
    }()

    /// A Redis reply for a message: its first line, without the secret it cannot hold but cut short anyway.
    private static func answer(_ line: String) -> String {
        SecretMask.text(String(line.prefix(80)))
    }

    /// A RESP array of bulk strings.
    private static func command(_ words: [String]) -> String {
        var text = "*\(words.count)\r\n"
        for word in words { text += "$\(word.utf8.count)\r\n\(word)\r\n" }
        return text
    }

    /// Up to `count` CRLF-ended lines, or fewer when `deadline` passes or the peer closes.
    private static func receiveLines(_ connection: TCPConnection, count: Int, deadline: Double) -> [String] {
        func lines(_ bytes: [UInt8]) -> ArraySlice<String> {
            String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        }
        return Array(lines(connection.receive(deadline: deadline) { lines($0).count >= count }).prefix(count))
    }
}
