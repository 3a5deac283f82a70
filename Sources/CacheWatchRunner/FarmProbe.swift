import CacheWatchCore
import Foundation

/// Asks a build farm's scheduler how it is (`GET /api/v1/scheduler/status` with `Accept: application/json`: no
/// auth, ~50 bytes): one HTTP/1.1 request on a connection of its own, with a deadline.
public enum FarmProbe {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The scheduler's load; what went wrong otherwise, in words for the header.
    public static func load(scheduler: String, timeout: Double = 1) -> Result<FarmLoad, Failure> {
        guard let (host, port) = endpoint(scheduler) else {
            return .failure(Failure(description: "not an http:// URL (its status is read through sccache instead)"))
        }
        let deadline = MonotonicClock.now() + timeout
        let connection: TCPConnection
        do {
            connection = try TCPConnection.open(host: host, port: port, deadline: deadline)
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
        defer { connection.close() }
        let request =
            "GET /api/v1/scheduler/status HTTP/1.1\r\nHost: \(host):\(port)\r\nAccept: application/json\r\n"
            + "Connection: close\r\n\r\n"
        guard connection.send(request) else { return .failure(Failure(description: "the connection was closed")) }
        let answer = connection.receive(deadline: deadline, limit: 16 << 10) { _ in false }
        guard !answer.isEmpty else { return .failure(Failure(description: "no answer within \(Int(timeout * 1000)) ms")) }
        return parse(answer).map { .success($0) } ?? .failure(Failure(description: "its answer is not the scheduler's status"))
    }

    /// The load in an HTTP answer: a 200 whose body (after the blank line; not chunked for a body this small, but
    /// read either way) is the status JSON.
    static func parse(_ answer: [UInt8]) -> FarmLoad? {
        let text = String(decoding: answer, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 200") || text.hasPrefix("HTTP/1.0 200"),
            let blank = text.range(of: "\r\n\r\n")
        else { return nil }
        let body = text[blank.upperBound...]
        guard let open = body.firstIndex(of: "{"), let close = body.lastIndex(of: "}") else { return nil }
        return FarmLoad.parse(String(body[open...close]))
    }

    /// Host and port of an `http://host[:port][/…]` URL (80 when none is given).
    static func endpoint(_ url: String) -> (String, Int)? {
        guard url.hasPrefix("http://") else { return nil }
        var rest = url.dropFirst("http://".count)
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        guard !rest.isEmpty else { return nil }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            let host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            let port = after.hasPrefix(":") ? Int(after.dropFirst()) : 80
            return port.map { (host, $0) }
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let port = parts.count == 2 ? Int(parts[1]) : 80
        guard let port, port > 0, port < 65536 else { return nil }
        return (String(parts[0]), port)
    }
}
