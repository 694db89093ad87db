import Crypto
import Foundation

/// Turns confirmed canonical indicators into STIX 2.1 `indicator` objects for TAXII.
/// Ids are deterministic (`STIXObjectID` over the correlation key), so the same indicator always
/// has the same id and republishing creates a new version, not a duplicate.
public struct STIXIndicatorBuilder: Sendable {
    /// The exchange's UUIDv5 namespace: UUIDv5(RFC 9562 URL namespace, "urn:occ:stix:indicator").
    public static let namespace = UUIDv5.make(
        namespace: UUID(uuid: (0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8)),
        name: "urn:occ:stix:indicator")

    /// The publishing `identity` id, if the caller has one.
    public let createdByRef: String?

    public init(createdByRef: String? = nil) {
        self.createdByRef = createdByRef
    }

    public static func id(for indicator: CanonicalIndicator) -> String {
        STIXObjectID.make("indicator", name: indicator.key)
    }

    /// `timestamp` becomes `created` and `modified` (the TAXII version); `validFrom`
    /// defaults to it.
    public func indicator(
        for indicator: CanonicalIndicator, tlp: TLP, timestamp: Date, validFrom: Date? = nil, id: String? = nil,
        description: String? = nil
    ) -> STIXIndicator {
        STIXIndicator(
            id: id ?? Self.id(for: indicator), timestamp: timestamp, name: "\(indicator.kind.rawValue): \(indicator.value)",
            description: description ?? "A \(indicator.kind.rawValue) indicator reported to the referral exchange.",
            pattern: Self.pattern(for: indicator), validFrom: validFrom ?? timestamp,
            markingID: STIXMarkings.markingID(for: tlp), createdByRef: createdByRef)
    }

    /// A bundle of the given objects, its id derived from theirs.
    public func bundle(_ indicators: [STIXIndicator]) throws -> JSONValue {
        return .object([
            "type": .string("bundle"),
            "id": .string(STIXObjectID.make("bundle", name: indicators.map(\.id).joined(separator: ","))),
            "objects": .array(try indicators.map { try JSONValue(encoding: $0) }),
        ])
    }
}
