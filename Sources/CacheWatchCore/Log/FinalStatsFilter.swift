/// Takes the final-stats payload (between `FinalStatsMarker.start` and `.end`) out of a byte stream,
/// passing everything else through; markers split across reads are handled.
public struct FinalStatsFilter: Sendable {
    private let start = Array(FinalStatsMarker.start.utf8)
    private let end = Array(FinalStatsMarker.end.utf8)
    private var held: [UInt8] = []
    private var payload: [UInt8] = []
    private var inside = false
    /// Longest payload kept (a stats object is ~1 KB).
    private let maxPayload = 1 << 20

    public init() {}

    /// Returns the bytes to show and any payloads that were completed.
    public mutating func feed(_ bytes: [UInt8]) -> (output: [UInt8], payloads: [String]) {
        var output: [UInt8] = []
        var payloads: [String] = []
        let data = held.isEmpty ? bytes : held + bytes
        held.removeAll()
        var index = 0
        while index < data.count {
            let marker = inside ? end : start
            // Everything up to the next byte that could start a marker passes in one piece.
            let next = data[index...].firstIndex(of: marker[0]) ?? data.count
            take(data[index..<next], into: &output)
            index = next
            guard index < data.count else { break }
            let compare = min(data.count - index, marker.count)
            guard data[index..<(index + compare)].elementsEqual(marker[..<compare]) else {
                take(data[index...index], into: &output)
                index += 1
                continue
            }
            if compare < marker.count {
                held = Array(data[index...])  // maybe a marker: wait for more
                break
            }
            index += marker.count
            if inside {
                payloads.append(String(decoding: payload, as: UTF8.self))
                payload.removeAll()
            }
            inside.toggle()
        }
        return (output, payloads)
    }

    /// Bytes outside the markers are output; inside, they are payload (up to `maxPayload`).
    private mutating func take(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        if inside {
            payload.append(contentsOf: bytes.prefix(max(0, maxPayload - payload.count)))
        } else {
            output.append(contentsOf: bytes)
        }
    }

    /// Ends the stream: held bytes that never became a marker are output.
    public mutating func finish() -> [UInt8] {
        defer {
            held.removeAll()
            payload.removeAll()
            inside = false
        }
        return inside ? [] : held
    }
}
