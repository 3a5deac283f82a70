import CacheWatchCore
import Foundation

/// Reads a PTY on a thread of its own (blocking `poll`, no libdispatch source: closing a PTY that
/// epoll still watches crashes libdispatch), takes the final-stats payload out of the stream and
/// hands the rest on. It owns the descriptor's closing.
final class PTYReader: @unchecked Sendable {
    private let process: PTYProcess
    private let onOutput: @Sendable ([UInt8], () -> Bool) -> Void
    private let onEnd: @Sendable () -> Void
    private let stopFlag = LockedValue(false)
    private let finished = DispatchSemaphore(value: 0)
    private var markers = FinalStatsFilter()
    private var buffer = [UInt8](repeating: 0, count: 65536)
    /// The JSON the container printed between the final-stats markers, if any.
    let finalJSON = LockedValue<String?>(nil)

    /// - Parameters:
    ///   - onOutput: bytes for the log, on the reader thread, and whether the reader is being stopped (an
    ///     output handler that waits must give up then).
    ///   - onEnd: called once when every writer closed the PTY (not when stopped).
    init(
        process: PTYProcess, onOutput: @escaping @Sendable ([UInt8], () -> Bool) -> Void,
        onEnd: @escaping @Sendable () -> Void
    ) {
        self.process = process
        self.onOutput = onOutput
        self.onEnd = onEnd
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "cachewatch.pty"
        thread.start()
    }

    /// Drains what is readable now, stops the thread and waits for it; the PTY is closed after.
    func stopAndWait() {
        stopFlag.set(true)
        finished.wait()
        finished.signal()  // later calls return at once
    }

    private func run() {
        var reachedEnd = false
        while !stopFlag.get() {
            var fd = pollfd(fd: process.descriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, 100)
            if !drain() {
                reachedEnd = true
                break
            }
        }
        _ = drain()
        let rest = markers.finish()
        if !rest.isEmpty { onOutput(rest, { true }) }
        process.closeDescriptor()
        finished.signal()
        if reachedEnd && !stopFlag.get() { onEnd() }
    }

    /// Reads until nothing is waiting; false at end of output.
    private func drain() -> Bool {
        while let count = process.read(into: &buffer) {
            if count == 0 { return true }
            let (output, payloads) = markers.feed(Array(buffer[0..<count]))
            if !output.isEmpty { onOutput(output, { [stopFlag] in stopFlag.get() }) }
            if let last = payloads.last {
                finalJSON.set(last.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return false
    }
}
