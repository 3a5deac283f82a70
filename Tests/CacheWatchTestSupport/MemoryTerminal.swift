import CacheWatchCore
import CacheWatchRunner
import Foundation

/// A terminal in memory for the dashboard's and the replay's loops run in-process: keys typed by the test wake the
/// loop through a pipe, and every presented screen is kept (the last one) for the test to read.
public final class MemoryTerminal: TerminalDevice, @unchecked Sendable {
    public let width: Int
    public let height: Int
    public let glyphs = Glyphs.unicode
    private let wake: (read: Int32, write: Int32)
    private let pending = LockedValue<[InputDecoder.Output]>([])
    private let screen = LockedValue<Screen?>(nil)
    /// Frames presented, finished-build titles announced, suspensions asked, and whether the terminal was given back.
    public let frames = LockedValue(0)
    public let titles = LockedValue<[String]>([])
    public let suspensions = LockedValue(0)
    public let restored = LockedValue(false)

    public init(width: Int = 110, height: Int = 32) {
        self.width = width
        self.height = height
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "no pipe for the memory terminal")
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        wake = (fds[0], fds[1])
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    /// Types `keys`, as a person would at the keyboard.
    public func type(_ keys: Key...) {
        type(contentsOf: keys)
    }

    /// Types `keys` in one go (what a paste of keys or a held key delivers in one read).
    public func type(contentsOf keys: [Key]) {
        pending.update { $0 += keys.map { .key($0) } }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// The last screen presented, as text (empty before the first frame).
    public var text: String { screen.get()?.textDump ?? "" }

    /// Waits until the screen shows `needle` or `timeout` seconds pass; returns whether it showed.
    public func waitFor(_ needle: String, timeout: Double = 20) -> Bool {
        let deadline = MonotonicClock.now() + timeout
        while MonotonicClock.now() < deadline {
            if text.contains(needle) { return true }
            usleep(10_000)
        }
        return text.contains(needle)
    }

    public var inputDescriptor: Int32 { wake.read }

    public func present(_ screen: Screen) {
        self.screen.set(screen)
        frames.update { $0 += 1 }
    }

    public func readInput() -> [InputDecoder.Output] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wake.read, &buffer, buffer.count) > 0 {}
        var taken: [InputDecoder.Output] = []
        pending.update { queued in
            taken = queued
            queued = []
        }
        return taken
    }

    public func refreshSize() {}
    public func suspend() { suspensions.update { $0 += 1 } }
    public func resume() {}
    public func announce(title: String) { titles.update { $0.append(title) } }
    public func restore() { restored.set(true) }
}
