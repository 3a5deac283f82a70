import Foundation

/// A TCP connection with deadlines (non-blocking, close-on-exec): the cache backends' probe, sccache's shutdown
/// request. Closed by its owner (`close`).
struct TCPConnection {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let descriptor: Int32

    /// Connects to the first address of `host` that accepts before `deadline`.
    static func open(host: String, port: Int, deadline: Double) throws -> TCPConnection {
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
            if Foundation.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                return TCPConnection(descriptor: fd)
            }
            guard errno == EINPROGRESS else {
                lastError = String(cString: strerror(errno))
                Foundation.close(fd)
                continue
            }
            let remaining = Self.milliseconds(until: deadline)
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            if poll(&poller, 1, remaining) == 1 {
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                if error == 0 { return TCPConnection(descriptor: fd) }
                lastError = String(cString: strerror(error))
            } else {
                lastError = "no connection within \(remaining) ms"
            }
            Foundation.close(fd)
        }
        throw Failure(description: lastError.lowercased())
    }

    func send(_ text: String) -> Bool {
        send(Array(text.utf8))
    }

    /// Sends all of `bytes`; false when the peer closed.
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                Foundation.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n < 0 && errno == EAGAIN {
                var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&poller, 1, 100)
                continue
            }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    /// What arrives until `enough` says so, the peer closes, `limit` bytes came or `deadline` passes.
    func receive(deadline: Double, limit: Int = 4096, until enough: ([UInt8]) -> Bool) -> [UInt8] {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while buffer.count < limit, !enough(buffer) {
            let remaining = Self.milliseconds(until: deadline)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard remaining > 0, poll(&poller, 1, remaining) == 1 else { break }
            let n = read(descriptor, &chunk, min(chunk.count, limit - buffer.count))
            guard n > 0 else { break }
            buffer += chunk[0..<n]
        }
        return buffer
    }

    func close() {
        Foundation.close(descriptor)
    }

    private static func milliseconds(until deadline: Double) -> Int32 {
        Int32(max(0, (deadline - MonotonicClock.now()) * 1000))
    }
}
