import CacheWatchCore
import Foundation

/// A recording read back: its header and every frame, the output and server-log frames' bytes left in the mapped file.
public final class RecordingFile: @unchecked Sendable {
    public let header: Recording.Header
    /// Every event in order, with its time; output and server-log events are decoded on demand (`event(at:)`).
    public let count: Int
    /// True when the file ended inside a frame (a session killed mid-write).
    public let truncated: Bool
    private let data: Data
    private let kinds: [UInt8]
    private let times: [Double]
    private let ranges: [Range<Int>]
    private let decoded: [Int: Event]

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public convenience init(path: String) throws {
        let fd = try? SafeFile.openForReading(path)
        guard let fd else { throw Failure(description: "\(path): cannot be read (missing, or not a regular file)") }
        close(fd)
        try self.init(data: try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped), name: path)
    }

    /// A recording already in memory (the bundled demo); `name` says which in messages.
    public init(data: Data, name path: String) throws {
        self.data = data
        let magic = Array(Recording.magic.utf8)
        guard data.count >= magic.count, Array(data.prefix(magic.count)) == magic else {
            throw Failure(description: "\(path) is not a cachewatch recording (no \"CWREC 1\" header)")
        }
        guard let newline = data[magic.count...].firstIndex(of: 0x0A) else {
            throw Failure(description: "\(path): the recording's header is cut short")
        }
        do {
            header = try JSONDecoder().decode(Recording.Header.self, from: data[magic.count..<newline])
        } catch {
            throw Failure(description: "\(path): the recording's header cannot be read (\(error))")
        }
        guard header.version == 1 else {
            throw Failure(
                description: "\(path) is a recording of format version \(header.version); this cachewatch reads version 1")
        }
        let start = newline + 1
        var kinds: [UInt8] = []
        var times: [Double] = []
        var ranges: [Range<Int>] = []
        var decoded: [Int: Event] = [:]
        let decoder = JSONDecoder()
        var end = start
        var badTime: (index: Int, time: Double)?
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let (frames, stop) = Recording.frames(in: bytes, from: start)
            end = stop
            for frame in frames {
                // A time that is not a finite, non-negative number would freeze a replay or spin an export forever.
                guard frame.time.isFinite, frame.time >= 0, frame.time < 1e9 else {
                    badTime = (kinds.count, frame.time)
                    break
                }
                if frame.kind == Recording.eventKind {
                    guard let event = try? decoder.decode(Event.self, from: Data(bytes[frame.payload])) else { continue }
                    decoded[kinds.count] = event
                } else if frame.kind != Recording.outputKind && frame.kind != Recording.serverLogKind {
                    continue
                }
                kinds.append(frame.kind)
                times.append(frame.time)
                ranges.append(frame.payload)
            }
        }
        if let badTime {
            throw Failure(
                description: "\(path): frame \(badTime.index + 1) has no valid time (\(badTime.time)): the recording is damaged")
        }
        truncated = end < data.count
        self.kinds = kinds
        self.times = times
        self.ranges = ranges
        self.decoded = decoded
        count = kinds.count
    }

    public func time(at index: Int) -> Double { times[index] }

    public func event(at index: Int) -> Event {
        switch kinds[index] {
        case Recording.outputKind: return .output(Array(data[ranges[index]]))
        case Recording.serverLogKind: return .serverLog(Recording.serverLogLines(data[ranges[index]]))
        default: break
        }
        return decoded[index] ?? .banner("")
    }

    /// The recorded length (seconds).
    public var duration: Double { times.last ?? 0 }
}
