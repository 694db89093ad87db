import Foundation

/// What the exchange publishes to a partner over TAXII, as STIX 2.1 objects: the indicators and
/// sightings of its own referrals, the outcomes it was told about (as `note`s) and the indicators
/// law enforcement confirmed and the disclosure decision point released to it. Every object
/// passes `stix2-validator` in strict mode (docs/taxii.md); ids are deterministic
/// (`STIXObjectID`), so a later publication of the same thing is a new version of one object.
public enum STIXExport: Sendable {
    /// The exchange's own `identity`, the `created_by_ref` of everything it publishes.
    public static let identityID = STIXObjectID.make("identity", name: "urn:occ:identity:referral-exchange")

    /// The id of a partner's own indicator within one referral: per referral, so withdrawing one
    /// referral revokes its indicators without touching the same value in another.
    public static func referralIndicatorID(referralID: String, key: String) -> String {
        STIXObjectID.make("indicator", name: "referral:\(referralID.lowercased()):\(key)")
    }

    /// The id of the partner's sighting of its own indicator within one referral.
    public static func referralSightingID(referralID: String, key: String) -> String {
        STIXObjectID.make("sighting", name: "referral-sighting:\(referralID.lowercased()):\(key)")
    }

    /// One `indicator` and one `sighting` (by the referring partner) per indicator of a referral.
    public static func referralObjects(
        referralID: String, reference: String, indicators: [CanonicalIndicator], tlp: TLP, timeWindow: TimeWindow?, at date: Date
    ) -> [JSONValue] {
        let builder = STIXIndicatorBuilder(createdByRef: identityID)
        return indicators.flatMap { indicator -> [JSONValue] in
            let indicatorID = referralIndicatorID(referralID: referralID, key: indicator.key)
            let stix = builder.indicator(
                for: indicator, tlp: tlp, timestamp: date, validFrom: date, id: indicatorID,
                description: "Reported by your organisation in referral \(reference).")
            var sighting = common("sighting", id: referralSightingID(referralID: referralID, key: indicator.key), at: date, tlp: tlp)
            sighting["sighting_of_ref"] = .string(indicatorID)
            sighting["count"] = .integer(1)
            sighting["description"] = .string("Seen by your organisation (referral \(reference)).")
            if let timeWindow {
                sighting["first_seen"] = .string(Timestamp.format(timeWindow.firstSeen))
                sighting["last_seen"] = .string(Timestamp.format(timeWindow.lastSeen))
            }
            return [json(stix), .object(sighting)].compactMap { $0 }
        }
    }

    /// An indicator confirmed by law enforcement (a disruption recorded against it), as released.
    public static func confirmedIndicator(_ indicator: CanonicalIndicator, disruptions: [DisruptionKind], tlp: TLP, at date: Date) -> JSONValue {
        let kinds = disruptions.map(\.rawValue).joined(separator: ", ")
        let stix = STIXIndicatorBuilder(createdByRef: identityID).indicator(
            for: indicator, tlp: tlp, timestamp: date,
            description: "Confirmed by UK law enforcement: disruption recorded (\(kinds)).")
        return json(stix) ?? .null
    }

    /// The outcome of one of the partner's referrals, as the decision point released it, as a
    /// `note` on that referral's indicators. One note per partner, referral and outcome: a later,
    /// fuller release (an embargo lifted, a note approved) is a new version of it.
    public static func outcomeNote(_ item: FeedbackItem, outcomeID: Int64, indicatorKeys: [String]) -> JSONValue {
        let id = STIXObjectID.make("note", name: "outcome-note:\(item.partnerID):\(item.referralID.lowercased()):\(outcomeID)")
        var note = common("note", id: id, at: item.issuedAt, tlp: item.tlp)
        let refs = indicatorKeys.sorted().map { referralIndicatorID(referralID: item.referralID, key: $0) }
        // object_refs may not be empty; a referral without indicators is noted against the exchange.
        note["object_refs"] = .array((refs.isEmpty ? [identityID] : refs).map(JSONValue.string))
        note["abstract"] = .string(item.message)
        note["content"] = .string(content(of: item))
        return .object(note)
    }

    /// The next version of `object`, revoked at `date` (never before the version it replaces).
    public static func revoked(_ object: JSONValue, at date: Date) -> JSONValue? {
        guard case .object(var members) = object, let modified = object["modified"]?.stringValue.flatMap({ Timestamp.parse($0) })
        else { return nil }
        members["revoked"] = .bool(true)
        members["modified"] = .string(Timestamp.format(max(date, modified.addingTimeInterval(0.001))))
        return .object(members)
    }

    /// The properties every published SDO and SRO shares.
    static func common(_ type: String, id: String, at date: Date, tlp: TLP) -> [String: JSONValue] {
        let stamp = JSONValue.string(Timestamp.format(date))
        return [
            "type": .string(type), "spec_version": .string("2.1"), "id": .string(id),
            "created": stamp, "modified": stamp, "created_by_ref": .string(identityID),
            "object_marking_refs": .array([.string(STIXMarkings.markingID(for: tlp))]),
        ]
    }

    /// An indicator as JSON (encoding a value of this shape cannot fail; nil if it ever did).
    private static func json(_ indicator: STIXIndicator) -> JSONValue? {
        try? JSONValue(encoding: indicator)
    }

    /// The released item in words: what a reader of the note needs, nothing it was not given.
    static func content(of item: FeedbackItem) -> String {
        var lines = [item.message]
        if let code = item.homeOfficeCode { lines.append("Home Office outcome \(code.code): \(code.title).") }
        for disruption in item.disruptions {
            lines.append("Disruption: \(disruption.kind.rawValue)" + (disruption.indicatorKey.map { " on \($0)" } ?? "") + ".")
        }
        for (label, money) in [("Money protected", item.moneyProtected), ("Assets restrained", item.assetsRestrained),
                               ("Money repatriated", item.moneyRepatriated)] {
            if let money { lines.append("\(label): \(money.amount) \(money.currency).") }
        }
        if let note = item.note { lines.append("Officer's note: \(note)") }
        if let rationale = item.rationale { lines.append("Why it was not taken forward: \(rationale)") }
        if !item.corroboratedBy.isEmpty { lines.append("Corroborated by: \(item.corroboratedBy.joined(separator: ", ")).") }
        lines.append("Handle as TLP:\(item.tlp.rawValue), handling code \(item.handlingCode.rawValue)"
            + (item.handlingConditions.map { " (\($0))" } ?? "") + ".")
        return lines.joined(separator: "\n")
    }
}
