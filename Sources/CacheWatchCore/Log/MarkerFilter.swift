/// Takes the final-stats payload (between `FinalStatsMarker.start` and `.end`) out of a byte stream,
/// passing everything else through; markers split across reads are handled.
public struct MarkerFilter: Sendable {
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
        var data = held + bytes
        held.removeAll()
        var index = 0
        while index < data.count {
            let marker = inside ? end : start
            if data[index] == marker[0] {
                let available = data.count - index
                let compare = min(available, marker.count)
                if data[index..<index + compare].elementsEqual(marker[0..<compare]) {
                    if compare < marker.count {
                        held = Array(data[index...])  // maybe a marker: wait for more
                        data.removeAll()
                        break
                    }
                    index += marker.count
                    if inside {
                        payloads.append(String(decoding: payload, as: UTF8.self))
                        payload.removeAll()
                    }
                    inside.toggle()
                    continue
                }
            }
            if inside {
                if payload.count < maxPayload { payload.append(data[index]) }
            } else {
                output.append(data[index])
            }
            index += 1
        }
        return (output, payloads)
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
