import Domain
import Foundation
import Testing

@Suite struct STIXExportTests {
    private let at = date("2026-03-01T09:30:00.250Z")
    private let referral = "7D444840-9DC0-11D1-B245-5FFDCE74FAD2"

    private func phone() throws -> CanonicalIndicator {
        try IndicatorNormaliser().normalise(IndicatorSubmission(kind: "phone", value: "07700 900123")).get()
    }

    /// A released item as the decision point would write it (the initialiser is the domain's own).
    private func item(issuedAt: String, message: String = "Outcome recorded: Disrupted.", handling: String = "P") throws -> FeedbackItem {
        let conditions = handling == "C" ? #", "handling_conditions": "Law enforcement only""# : ""
        let json = """
            {"id": "\(String(repeating: "a", count: 64))", "partner_id": "7", "referral_id": "\(referral.lowercased())",
             "status": "outcome_recorded", "message": "\(message)", "outcome": "disrupted",
             "disruptions": [{"kind": "block_number", "indicator_key": "phone:+447700900123"}],
             "corroborated_by": [], "tlp": "AMBER", "handling_code": "\(handling)"\(conditions), "issued_at": "\(issuedAt)"}
            """
        return try JSONDecoder().decode(FeedbackItem.self, from: Data(json.utf8))
    }

    /// `<type>--` and an RFC 4122 UUID of version 4.
    private func isVersion4(_ id: String) -> Bool {
        let halves = id.components(separatedBy: "--")
        guard halves.count == 2, let uuid = UUID(uuidString: halves[1]), uuid.uuidString.lowercased() == halves[1] else { return false }
        let parts = halves[1].split(separator: "-")
        return parts[2].first == "4" && "89ab".contains(parts[3].first ?? "x")
    }

    @Test func idsAreDeterministicVersion4AndPerReferral() throws {
        let a = STIXExport.referralIndicatorID(referralID: referral, key: "phone:+447700900123")
        #expect(a == STIXExport.referralIndicatorID(referralID: referral.lowercased(), key: "phone:+447700900123"))
        #expect(a != STIXExport.referralIndicatorID(referralID: UUID().uuidString, key: "phone:+447700900123"))
        #expect(a.hasPrefix("indicator--"))
        for id in [a, STIXExport.identityID, STIXExport.extensionDefinitionID, STIXObjectID.make("note", name: "x")] {
            #expect(isVersion4(id), "\(id)")
        }
    }

    @Test func referralObjectsAreAnIndicatorAndASightingEach() throws {
        let window = TimeWindow(firstSeen: date("2026-02-01T00:00:00Z"), lastSeen: date("2026-02-03T00:00:00Z"))
        let objects = STIXExport.referralObjects(
            referralID: referral, reference: "OCC-2026-000001", indicators: [try phone()], tlp: .green, timeWindow: window, at: at)
        #expect(objects.map { $0["type"]?.stringValue } == ["indicator", "sighting"])
        let indicator = objects[0], sighting = objects[1]
        #expect(indicator["id"]?.stringValue == STIXExport.referralIndicatorID(referralID: referral, key: "phone:+447700900123"))
        #expect(indicator["pattern"]?.stringValue == "[x-occ-phone-number:value = '+447700900123']")
        #expect(indicator["created_by_ref"]?.stringValue == STIXExport.identityID)
        #expect(indicator["description"]?.stringValue?.contains("OCC-2026-000001") == true)
        #expect(sighting["sighting_of_ref"] == indicator["id"])
        #expect(sighting["first_seen"]?.stringValue == "2026-02-01T00:00:00.000Z")
        #expect(sighting["modified"]?.stringValue == "2026-03-01T09:30:00.250Z")
        #expect(sighting["object_marking_refs"] == .array([.string(STIXMarkings.markingID(for: .green))]))
    }

    @Test func revokedIsANewerVersion() throws {
        let indicator = STIXExport.referralObjects(
            referralID: referral, reference: "R", indicators: [try phone()], tlp: .amber, timeWindow: nil, at: at)[0]
        let same = try #require(STIXExport.revoked(indicator, at: at))
        #expect(same["revoked"] == .bool(true))
        #expect(same["modified"]?.stringValue == "2026-03-01T09:30:00.251Z")
        #expect(same["id"] == indicator["id"])
        #expect(same["created"] == indicator["created"])
        let later = try #require(STIXExport.revoked(indicator, at: date("2026-03-02T00:00:00Z")))
        #expect(later["modified"]?.stringValue == "2026-03-02T00:00:00.000Z")
        #expect(STIXExport.revoked(.object(["id": .string("x")]), at: at) == nil)
    }

    @Test func outcomeNotesAreVersionsOfOneNote() throws {
        let first = STIXExport.outcomeNote(
            try item(issuedAt: "2026-03-01T09:30:00Z", message: "Received and being actioned."), outcomeID: 12, indicatorKeys: ["phone:+447700900123"])
        let second = STIXExport.outcomeNote(try item(issuedAt: "2026-03-04T09:30:00Z"), outcomeID: 12, indicatorKeys: ["phone:+447700900123"])
        #expect(first["id"] == second["id"])
        #expect(first["modified"] != second["modified"])
        #expect(STIXExport.outcomeNote(try item(issuedAt: "2026-03-04T09:30:00Z"), outcomeID: 13, indicatorKeys: [])["id"] != first["id"])
        #expect(second["object_refs"] == .array([.string(STIXExport.referralIndicatorID(referralID: referral, key: "phone:+447700900123"))]))
        #expect(second["abstract"]?.stringValue == "Outcome recorded: Disrupted.")
        #expect(second["content"]?.stringValue?.contains("Disruption: block_number on phone:+447700900123.") == true)
        #expect(second["object_marking_refs"] == .array([.string(STIXMarkings.markingID(for: .amber))]))
        let empty = STIXExport.outcomeNote(try item(issuedAt: "2026-03-04T09:30:00Z", handling: "C"), outcomeID: 12, indicatorKeys: [])
        #expect(empty["object_refs"] == .array([.string(STIXExport.identityID)]))
        #expect(empty["content"]?.stringValue?.contains("handling code C (Law enforcement only)") == true)
    }

    @Test func preambleDefinesTheExtension() {
        #expect(STIXExport.preamble.map { $0["type"]?.stringValue } == ["identity", "extension-definition"])
        let definition = STIXExport.extensionDefinition
        #expect(definition["id"]?.stringValue == STIXExport.extensionDefinitionID)
        #expect(definition["extension_types"] == .array([.string("new-sco")]))
        #expect(definition["version"]?.stringValue == "1.0.0")
        #expect(definition["schema"]?.stringValue?.contains("docs/stix-extension.schema.json") == true)
        #expect(STIXExport.identity["id"]?.stringValue == STIXExport.identityID)
        #expect(STIXExport.identity["created_by_ref"] == nil)
    }
}
