/// The TAXII 2.1 collections of the feedback service's API root. Every partner sees the same
/// four collections; each holds only that partner's objects (what the disclosure decision point
/// released to it, and its own referrals).
public enum TAXIICollection: String, Sendable, CaseIterable {
    /// The indicators and sightings of the partner's own referrals; withdrawn ones as revoked versions.
    case referrals
    /// What became of the partner's referrals: one `note` per outcome, as released.
    case outcomes
    /// Indicators law enforcement confirmed (a disruption recorded) and released to this partner.
    case confirmed
    /// Indicators law enforcement confirmed on any partner's referral, released to the partners of
    /// the sector that acts on them (`Disclosure.sectorRelease`).
    case sector

    /// Fixed ids (UUIDv5 of `urn:occ:taxii:collection:<name>`, marked version 4 like `STIXObjectID`).
    public var id: String {
        switch self {
        case .referrals: "46480171-68c3-4f8b-85dc-3e360a50cf4a"
        case .outcomes: "842332d5-6fc8-426d-be3d-b503641d07be"
        case .confirmed: "a2beeecf-bb59-47ab-ad06-27c4ceb4e67e"
        case .sector: "d1c1321f-f6c8-4708-8433-061750c79074"
        }
    }

    public init?(id: String) {
        guard let match = Self.allCases.first(where: { $0.id == id.lowercased() }) else { return nil }
        self = match
    }

    public var title: String {
        switch self {
        case .referrals: "Your referrals' indicators and sightings"
        case .outcomes: "Outcomes of your referrals"
        case .confirmed: "Indicators confirmed by law enforcement, released to you"
        case .sector: "Indicators confirmed for your sector"
        }
    }

    public var description: String {
        switch self {
        case .referrals:
            "An indicator and a sighting for each indicator of each referral your organisation submitted. "
                + "A withdrawn referral's indicators appear as revoked versions."
        case .outcomes:
            "A note on your referral's indicators for each outcome recorded on it, saying what the disclosure "
                + "rules release to you; a fuller later release (an embargo lifted) is a new version."
        case .confirmed:
            "Indicators against which law enforcement recorded a disruption, where the disclosure rules "
                + "release them to you. Never anything under embargo."
        case .sector:
            "Indicators of any partner's referrals against which law enforcement recorded a disruption your sector "
                + "carries out (a number blocked: telcos; an account frozen: banks), where the referral's markings let "
                + "it go to other partners. Never anything under embargo."
        }
    }
}
