import Domain
import Foundation
import Testing

@Suite struct STIXIndicatorBuilderTests {
    private let timestamp = date("2026-03-01T09:30:00.250Z")

    private func canonical(_ submissions: [IndicatorSubmission]) throws -> [CanonicalIndicator] {
        try submissions.map { try IndicatorNormaliser().normalise($0).get() }
    }

    @Test func deterministicIdAndPattern() throws {
        let phone = try canonical([IndicatorSubmission(kind: "phone", value: "07700 900123")])[0]
        let stix = STIXIndicatorBuilder().indicator(for: phone, tlp: .green, timestamp: timestamp)
        // UUIDv5 computed independently with Python's uuid module, then marked version 4 (STIXObjectID).
        #expect(STIXIndicatorBuilder.namespace.uuidString.lowercased() == "635e025d-8f3c-5433-9e66-b1a48a6e3a91")
        #expect(stix.id == "indicator--de8ee31a-94dd-4d17-8e2d-74dc619607e5")
        #expect(stix.pattern == "[x-occ-phone-number:value = '+447700900123']")
        #expect(stix.objectMarkingRefs == ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"])
        let json = try JSONValue(encoding: stix)
        #expect(json["created"] == .string("2026-03-01T09:30:00.250Z"))
        #expect(json["spec_version"] == .string("2.1"))
        #expect(json["pattern_type"] == .string("stix"))
        #expect(try JSONDecoder().decode(STIXIndicator.self, from: JSONEncoder().encode(stix)) == stix)
    }

    @Test func patternsEscapeQuotes() throws {
        let url = try canonical([IndicatorSubmission(kind: "url", value: "https://x.example.com/it's\\here")])[0]
        #expect(STIXIndicatorBuilder.pattern(for: url) == #"[url:value = 'https://x.example.com/it\'s\\here']"#)
    }

    /// Every kind → STIX indicator → bundle with a report → mapper → validator → same keys.
    @Test func bundleRoundTrip() throws {
        let indicators = try canonical([
            IndicatorSubmission(kind: "phone", value: "+44 7700 900123"),
            IndicatorSubmission(kind: "sms_sender_id", value: "Parcel Co"),
            IndicatorSubmission(kind: "url", value: "https://evil.example.com/pay?ref='x'"),
            IndicatorSubmission(kind: "domain", value: "evil.example.com"),
            IndicatorSubmission(kind: "email", value: "Billing@evil.example.com"),
            IndicatorSubmission(kind: "ipv4", value: "198.51.100.23"),
            IndicatorSubmission(kind: "ipv6", value: "2001:db8::23"),
            IndicatorSubmission(kind: "uk_bank_account", sortCode: "40-47-84", accountNumber: "70872490"),
            IndicatorSubmission(kind: "iban", value: "DE89370400440532013000"),
            IndicatorSubmission(kind: "crypto_wallet", value: "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", chain: "bitcoin"),
            IndicatorSubmission(kind: "social_account", value: "@Evil_Giveaway", platform: "x"),
            IndicatorSubmission(kind: "file_hash", value: "d41d8cd98f00b204e9800998ecf8427e"),
            IndicatorSubmission(kind: "file_hash", value: "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ])
        let builder = STIXIndicatorBuilder(createdByRef: "identity--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a11")
        let objects = indicators.map { builder.indicator(for: $0, tlp: .amber, timestamp: timestamp) }
        #expect(Set(objects.map(\.id)).count == objects.count)
        guard case .object(var bundle) = try builder.bundle(objects), case .array(var list)? = bundle["objects"] else {
            Issue.record("bundle shape")
            return
        }
        list.insert(.object([
            "type": .string("report"), "id": .string("report--f2b8a1d0-3c4e-4b5a-9d6e-7f8091a2b3c4"), "spec_version": .string("2.1"),
            "created": .string("2026-03-01T09:30:00.250Z"), "modified": .string("2026-03-01T09:30:00.250Z"),
            "name": .string("Confirmed malicious indicators for blocking"),
            "object_refs": .array(objects.map { .string($0.id) }),
            "x_occ_crime_type": .string("fraud.phishing"), "x_occ_gateway": .string("cca_2013_s7"),
            "x_occ_source_evaluation": .integer(1), "x_occ_intelligence_assessment": .string("A"),
            "x_occ_handling_code": .string("P"),
        ]), at: 0)
        bundle["objects"] = .array(list)
        let referral = try #require(try STIXBundleMapper().validate(.object(bundle)).get().first)
        #expect(referral.indicators == indicators)
        #expect(referral.markings.tlp == .amber)
        #expect(referral.partnerReference == "report--f2b8a1d0-3c4e-4b5a-9d6e-7f8091a2b3c4")
    }
}
