import Foundation

/// A STIX 2.1 `indicator` SDO as the exchange publishes it over TAXII.
public struct STIXIndicator: Sendable, Hashable, Codable {
    public let type: String
    public let specVersion: String
    public let id: String
    public let created: Date
    public let modified: Date
    public let name: String
    /// STIX best practice (and `stix2-validator --strict`) wants both a name and a description.
    public let description: String?
    public let pattern: String
    public let patternType: String
    public let validFrom: Date
    public let indicatorTypes: [String]
    public let objectMarkingRefs: [String]
    public let createdByRef: String?

    init(id: String, timestamp: Date, name: String, description: String?, pattern: String, validFrom: Date, markingID: String, createdByRef: String?) {
        self.type = "indicator"
        self.specVersion = "2.1"
        self.id = id
        self.created = timestamp
        self.modified = timestamp
        self.name = name
        self.description = description
        self.pattern = pattern
        self.patternType = "stix"
        self.validFrom = validFrom
        self.indicatorTypes = ["malicious-activity"]
        self.objectMarkingRefs = [markingID]
        self.createdByRef = createdByRef
    }

    private enum CodingKeys: String, CodingKey {
        case type, id, created, modified, name, description, pattern
        case specVersion = "spec_version"
        case patternType = "pattern_type"
        case validFrom = "valid_from"
        case indicatorTypes = "indicator_types"
        case objectMarkingRefs = "object_marking_refs"
        case createdByRef = "created_by_ref"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        specVersion = try container.decode(String.self, forKey: .specVersion)
        id = try container.decode(String.self, forKey: .id)
        created = try container.decodeTimestamp(forKey: .created)
        modified = try container.decodeTimestamp(forKey: .modified)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        pattern = try container.decode(String.self, forKey: .pattern)
        patternType = try container.decode(String.self, forKey: .patternType)
        validFrom = try container.decodeTimestamp(forKey: .validFrom)
        indicatorTypes = try container.decode([String].self, forKey: .indicatorTypes)
        objectMarkingRefs = try container.decode([String].self, forKey: .objectMarkingRefs)
        createdByRef = try container.decodeIfPresent(String.self, forKey: .createdByRef)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(specVersion, forKey: .specVersion)
        try container.encode(id, forKey: .id)
        try container.encodeTimestamp(created, forKey: .created)
        try container.encodeTimestamp(modified, forKey: .modified)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(pattern, forKey: .pattern)
        try container.encode(patternType, forKey: .patternType)
        try container.encodeTimestamp(validFrom, forKey: .validFrom)
        try container.encode(indicatorTypes, forKey: .indicatorTypes)
        try container.encode(objectMarkingRefs, forKey: .objectMarkingRefs)
        try container.encodeIfPresent(createdByRef, forKey: .createdByRef)
    }
}
