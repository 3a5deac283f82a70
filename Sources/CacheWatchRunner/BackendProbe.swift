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
        let fd: Int32
        do {
            fd = try connect(host: endpoint.host, port: endpoint.port, deadline: deadline)
        } catch let failure as Failure {
            let start = endpoint.kind == .redis ? "start it (scripts/redis-up starts a local Redis)" : "start it"
            throw Failure(
                description:
                    "\(name) does not answer (\(failure.description)); \(start), correct the endpoint, or pass --no-probe")
        }
        defer { close(fd) }
        if endpoint.tls {
            try checkTLS(fd, name: name, deadline: deadline, timeout: timeout)
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
        guard send(fd, request) else { throw Failure(description: "\(name) closed the connection") }
        let expected = endpoint.kind == .redis ? (credentials.password == nil ? 1 : 2) : 1
        let lines = receiveLines(fd, count: expected, deadline: deadline)
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
    static func checkTLS(_ fd: Int32, name: String, deadline: Double, timeout: Double) throws {
        guard send(fd, clientHello) else { throw Failure(description: "\(name) closed the connection") }
        var header = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 5)
        while header.count < 5 {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let left = Int32(max(0, (deadline - MonotonicClock.now()) * 1000))
            guard left > 0, poll(&poller, 1, left) > 0 else { break }
            let n = recv(fd, &buffer, 5 - header.count, 0)
            guard n > 0 else { break }
            header += buffer[0..<n]
        }
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

    /// A non-blocking connect to the first address that accepts before `deadline`.
    private static func connect(host: String, port: Int, deadline: Double) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw Failure(description: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(
                info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            if Foundation.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
            guard errno == EINPROGRESS else {
                lastError = String(cString: strerror(errno))
                close(fd)
                continue
            }
            let remaining = Int32(max(0, (deadline - MonotonicClock.now()) * 1000))
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            if poll(&poller, 1, remaining) == 1 {
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                if error == 0 { return fd }
                lastError = String(cString: strerror(error))
            } else {
                lastError = "no connection within \(remaining) ms"
            }
            close(fd)
        }
        throw Failure(description: lastError.lowercased())
    }

    private static func send(_ fd: Int32, _ text: String) -> Bool {
        send(fd, Array(text.utf8))
    }

    private static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                Foundation.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n < 0 && errno == EAGAIN {
                usleep(1000)
                continue
            }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    /// Up to `count` CRLF-ended lines, or fewer when `deadline` passes or the peer closes.
    private static func receiveLines(_ fd: Int32, count: Int, deadline: Double) -> [String] {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while buffer.count < 4096 {
            let lines = String(decoding: buffer, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
            if lines.count >= count { return Array(lines.prefix(count)) }
            let remaining = Int32(max(0, (deadline - MonotonicClock.now()) * 1000))
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard remaining > 0, poll(&poller, 1, remaining) == 1 else { break }
            let n = read(fd, &chunk, chunk.count)
            guard n > 0 else { break }
            buffer += chunk[0..<n]
        }
        return Array(String(decoding: buffer, as: UTF8.self).components(separatedBy: "\r\n").dropLast().prefix(count))
    }
}
