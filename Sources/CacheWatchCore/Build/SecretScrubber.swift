/// Replaces the values of known secrets (a cache password, an access key: values cachewatch passes to the build)
/// wherever they appear in the build's output, before it is drawn, written to the log file or recorded — as CI
/// systems mask their secrets. The build is untrusted code: it may print anything it was given.
///
/// Output comes in chunks cut anywhere, so the longest tail of a chunk that could begin a secret is held back
/// until the next chunk (or `flush`); with no secrets, bytes pass through untouched.
public struct SecretScrubber: Sendable {
    public static let mask = Array(SecretMask.mask.utf8)
    /// Values shorter than this are not treated as secrets (they would mask ordinary words).
    public static let shortest = 4

    private let secrets: [[UInt8]]
    private let firstBytes: Set<UInt8>
    private var held: [UInt8] = []

    public init(secrets: [String]) {
        let values = Set(secrets.filter { $0.utf8.count >= Self.shortest }).map { Array($0.utf8) }
        // Longest first: a secret that contains another is masked whole.
        self.secrets = values.sorted { $0.count > $1.count }
        firstBytes = Set(self.secrets.compactMap(\.first))
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// The secret values among `environment`'s variables `names`: values of secret-named variables (a password, a
    /// token, a key) and the passwords inside URLs (as written and percent-decoded).
    public static func secrets(in environment: [String: String], names: [String]) -> [String] {
        var found: [String] = []
        for name in names {
            guard let value = environment[name], !value.isEmpty else { continue }
            if SecretMask.isSecretName(name) { found.append(value) }
            for password in urlPasswords(value) {
                found.append(password)
                if let decoded = percentDecoded(password), decoded != password { found.append(decoded) }
            }
        }
        return found
    }

    /// The password (or lone user information) of each `scheme://user:password@host` in `text`.
    static func urlPasswords(_ text: String) -> [String] {
        var result: [String] = []
        for part in text.split(separator: ",") {
            guard let scheme = part.firstRange(of: "://") else { continue }
            let rest = part[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            guard let at = authority.lastIndex(of: "@") else { continue }
            let info = authority[..<at]
            if let colon = info.firstIndex(of: ":") {
                result.append(String(info[info.index(after: colon)...]))
            } else {
                result.append(String(info))
            }
        }
        return result.filter { !$0.isEmpty }
    }

    private static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// This chunk with every secret masked; may hold back a tail that could begin a secret.
    public mutating func scrub(_ chunk: [UInt8]) -> [UInt8] {
        guard !secrets.isEmpty else { return chunk }
        let input = held.isEmpty ? chunk : held + chunk
        held = []
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        let count = input.count
        scan: while index < count {
            let byte = input[index]
            if firstBytes.contains(byte) {
                for secret in secrets {
                    let available = count - index
                    if available >= secret.count {
                        if input[index..<(index + secret.count)].elementsEqual(secret) {
                            output += Self.mask
                            index += secret.count
                            continue scan
                        }
                    } else if input[index..<count].elementsEqual(secret[0..<available]) {
                        // The chunk ends inside what may be this secret: wait for the rest.
                        held = Array(input[index..<count])
                        return output
                    }
                }
            }
            output.append(byte)
            index += 1
        }
        return maskDisplayed(output)
    }

    /// A secret split by escape sequences (`hun\e[31mter2`, `hun\e[Kter2`) shows whole on a terminal: its
    /// characters, as displayed, are masked one for one (`*`), the sequences between them kept. A tail that may begin
    /// such a secret is held back with the rest, up to 4 KiB.
    private mutating func maskDisplayed(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x1B) || !held.isEmpty else { return bytes }
        var shown: [UInt8] = []
        var positions: [Int] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B {
                index = Self.escapeEnd(bytes, from: index)
                continue
            }
            if byte >= 0x20 && byte != 0x7F {
                shown.append(byte)
                positions.append(index)
            }
            index += 1
        }
        var output = bytes
        for secret in secrets where shown.count >= secret.count {
            var start = 0
            while start + secret.count <= shown.count {
                if shown[start] == secret[0] && shown[start..<(start + secret.count)].elementsEqual(secret) {
                    for k in start..<(start + secret.count) { output[positions[k]] = UInt8(ascii: "*") }
                    start += secret.count
                } else {
                    start += 1
                }
            }
        }
        // Hold back a displayed tail that may begin a secret split by escapes (the next chunk decides).
        var holdFrom: Int?
        for secret in secrets {
            for length in stride(from: min(secret.count - 1, shown.count), through: 1, by: -1)
            where shown[(shown.count - length)...].elementsEqual(secret[0..<length]) {
                let position = positions[shown.count - length]
                if output.count - position <= 4096 { holdFrom = min(holdFrom ?? position, position) }
                break
            }
        }
        if let holdFrom, output[holdFrom...].contains(0x1B) {
            held = Array(output[holdFrom...]) + held
            return Array(output[..<holdFrom])
        }
        return output
    }

    /// Where the escape sequence at `start` ends: CSI up to its final byte, OSC up to BEL or ST, else two bytes; the
    /// end of `bytes` for one cut short.
    private static func escapeEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        guard index < bytes.count else { return bytes.count }
        switch bytes[index] {
        case UInt8(ascii: "["):
            index += 1
            while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
            return min(index + 1, bytes.count)
        case UInt8(ascii: "]"):
            index += 1
            while index < bytes.count {
                if bytes[index] == 0x07 { return index + 1 }
                if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") { return index + 2 }
                index += 1
            }
            return bytes.count
        default:
            return index + 1
        }
    }

    /// What is held back, at the end of the stream (a prefix of a secret is not the secret).
    public mutating func flush() -> [UInt8] {
        defer { held = [] }
        return held
    }

    /// A text sccache printed (a line of its log, its report, its JSON) as it may be shown, written and recorded: the
    /// credentials in URLs (`SecretMask`) and every known secret masked.
    public func masked(_ text: String) -> String { scrub(text: SecretMask.text(text)) }

    /// A whole text (a line of sccache's log, a JSON report) with every secret masked.
    public func scrub(text: String) -> String {
        guard !secrets.isEmpty, text.utf8.contains(where: { firstBytes.contains($0) }) else { return text }
        var copy = self
        var bytes = copy.scrub(Array(text.utf8))
        bytes += copy.flush()
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension SccacheStats {
    /// The locations (which name a backend, with what sccache was given) with every known secret masked.
    public func scrubbed(_ scrubber: SecretScrubber) -> SccacheStats {
        guard !scrubber.isEmpty else { return self }
        var copy = self
        copy.cacheLocation = cacheLocation.map { scrubber.scrub(text: $0) }
        copy.levels = levels?.map { level in
            var level = level
            level.location = level.location.map { scrubber.scrub(text: $0) }
            return level
        }
        return copy
    }
}
