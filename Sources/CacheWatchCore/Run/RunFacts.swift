/// What the engine and the session know of a run beyond its command: the report's and the history's extra fields,
/// typed, each written under the name the report has always used (`container`, `image_digest`, `wrapper`,
/// `compare`, `compare_group`), so records and recordings written as a string map still read.
public struct RunFacts: Hashable, Sendable {
    /// The docker engine's container.
    public var container: String?
    /// The image's id as the docker engine found it (the record keeps it as `RunRecord.imageDigest`).
    public var imageDigest: String?
    /// The build ran with no compiler wrapper (`--compare`'s plain run): `"wrapper": "none"`.
    public var unwrapped = false
    /// The run's part in a `--compare` measurement, and the id of the measurement's first run.
    public var compare: String?
    public var compareGroup: String?

    public init(
        container: String? = nil, imageDigest: String? = nil, unwrapped: Bool = false, compare: String? = nil,
        compareGroup: String? = nil
    ) {
        self.container = container
        self.imageDigest = imageDigest
        self.unwrapped = unwrapped
        self.compare = compare
        self.compareGroup = compareGroup
    }

    /// The report's fields, by name, those present (the image's id is the record's own field).
    public var fields: [(key: String, value: String)] {
        var fields: [(String, String)] = []
        if let container { fields.append(("container", container)) }
        if unwrapped { fields.append(("wrapper", "none")) }
        if let compare { fields.append(("compare", compare)) }
        if let compareGroup { fields.append(("compare_group", compareGroup)) }
        return fields
    }
}

extension RunFacts: Codable {
    private enum Key: String, CodingKey {
        case container
        case imageDigest = "image_digest"
        case wrapper
        case compare
        case compareGroup = "compare_group"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.container = try container.decodeIfPresent(String.self, forKey: .container)
        imageDigest = try container.decodeIfPresent(String.self, forKey: .imageDigest)
        unwrapped = try container.decodeIfPresent(String.self, forKey: .wrapper) == "none"
        compare = try container.decodeIfPresent(String.self, forKey: .compare)
        compareGroup = try container.decodeIfPresent(String.self, forKey: .compareGroup)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(self.container, forKey: .container)
        try container.encodeIfPresent(imageDigest, forKey: .imageDigest)
        if unwrapped { try container.encode("none", forKey: .wrapper) }
        try container.encodeIfPresent(compare, forKey: .compare)
        try container.encodeIfPresent(compareGroup, forKey: .compareGroup)
    }
}
