import Domain
import Foundation
import Testing

@Suite struct STIXBundleMapperTests {
    private let mapper = STIXBundleMapper()

    @Test func reportBecomesOneCanonicalReferral() throws {
        let referrals = try mapper.validate(try parseJSON(stixReportBundle)).get()
        #expect(referrals.count == 1)
        let referral = try #require(referrals.first)
        #expect(referral.partnerReference == "BANK-2026-77")
        #expect(referral.crimeType == .fraudAPPInvestment)
        #expect(referral.gateway == "eccta_2023_ss188_189")
        #expect(referral.markings == HandlingMarkings(
            tlp: .amber, sourceEvaluation: .untested, intelligenceAssessment: .knownIndirectlyCorroborated, handlingCode: .permitted))
        #expect(referral.summary == "Cloned investment platform advertised on social media; victims paid into mule accounts.")
        #expect(referral.victims == Victims(count: 14, vulnerable: true))
        #expect(referral.loss?.amount == "182000.00")
        #expect(referral.timeWindow == TimeWindow(firstSeen: date("2026-01-15T08:00:00Z"), lastSeen: date("2026-02-09T18:30:00Z")))
        #expect(referral.indicators.map(\.key) == [
            "url:https://invest-secure.example.com/login",
            "domain:invest-secure.example.com",
            "ipv4:203.0.113.9",
            "iban:GB82WEST12345698765432",
            "uk_bank_account:12-34-56 98765432",
            "crypto_wallet:ethereum:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "social_account:instagram:invest.secure.official",
            "email:support@invest-secure.example.com",
            "file_hash:sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "phone:+442079460018",
        ])
    }

    @Test func unsupportedPatternIsReportedAtItsPath() throws {
        let bad = try parseJSON("""
            {"type": "indicator", "spec_version": "2.1", "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
             "created": "2026-02-10T09:00:00Z", "modified": "2026-02-10T09:00:00Z",
             "pattern": "[file:name = 'invoice.exe']", "pattern_type": "stix"}
            """)
        guard case .failure(let failure) = mapper.map(try stixBundle(replacingObject: 1, with: bad)) else {
            Issue.record("expected failure")
            return
        }
        #expect(failure.errors.map(\.description) == [
            "objects[1].pattern: unsupported pattern: 'file:name' cannot be mapped to an indicator",
        ])
    }

    @Test(arguments: [
        ("[url:value != 'http://a.example.com/']", "unsupported pattern: only the = operator is supported at character 12"),
        ("[url:value = 'http://a.example.com/'] FOLLOWEDBY [url:value = 'http://b.example.com/']",
         "unsupported pattern: 'FOLLOWEDBY' is not supported at character 39"),
        ("[url:value = 'http://a.example.com/'] WITHIN 5 SECONDS", "unsupported pattern: 'WITHIN' is not supported at character 39"),
        ("[url:value = 'a' AND domain-name:value = 'b' OR ipv4-addr:value = 'c']",
         "unsupported pattern: mixed AND and OR need parentheses, which are not supported at character 46"),
        ("[url:value = 'a' AND domain-name:value = 'b']", "unsupported pattern: AND joins properties of different observables"),
        ("[url:value = 'unterminated]", "unsupported pattern: unterminated string at character 28"),
        ("[process:pid = '4']", "unsupported pattern: 'process:pid' cannot be mapped to an indicator"),
    ])
    func patternSubsetIsEnforced(pattern: String, message: String) throws {
        let indicator = JSONValue.object(stixCommon("indicator", "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f").merging([
            "pattern": .string(pattern), "pattern_type": .string("stix"),
        ]) { $1 })
        guard case .failure(let failure) = mapper.map(try stixBundle(replacingObject: 1, with: indicator)) else {
            Issue.record("expected failure for \(pattern)")
            return
        }
        #expect(failure.errors.map(\.description) == ["objects[1].pattern: \(message)"])
    }

    @Test func validationErrorsPointIntoTheBundle() throws {
        let badIBAN = try parseJSON("""
            {"type": "x-occ-bank-account", "spec_version": "2.1", "id": "x-occ-bank-account--2b0c2f0e-46a3-4b0b-9a55-51a2b7a0c0d1",
             "iban": "GB82 WEST 1234 5698 7654 33"}
            """)
        var bundle = try stixBundle(replacingObject: 3, with: badIBAN)
        guard case .object(var root) = bundle, case .array(var objects)? = root["objects"], case .object(var report) = objects[0] else {
            Issue.record("fixture shape")
            return
        }
        report["x_occ_crime_type"] = nil
        report["x_occ_handling_code"] = .string("C")
        objects[0] = .object(report)
        objects[1] = .object(stixCommon("indicator", "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f").merging([
            "pattern": .string("[ipv4-addr:value = '203.0.113.300']"),
        ]) { $1 })
        root["objects"] = .array(objects)
        bundle = .object(root)
        guard case .failure(let failure) = mapper.validate(bundle) else {
            Issue.record("expected failure")
            return
        }
        #expect(failure.errors.map(\.description) == [
            "objects[0].x_occ_crime_type: required",
            "objects[1].pattern: not an IPv4 address (four decimal octets 0–255, no leading zeros)",
            "objects[3].iban: not a valid IBAN checksum",
            "objects[0].x_occ_handling_conditions: required when handling code is C",
        ])
    }

    @Test func structuralProblemsAreAllReported() throws {
        let json = try parseJSON("""
            {"type": "bundle", "id": "bundle--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a10", "objects": [
              {"type": "report", "spec_version": "2.1", "id": "report--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a11",
               "created": "2026-02-10T09:00:00Z", "modified": "2026-02-10T09:00:00Z",
               "object_refs": ["observed-data--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a12"], "x_occ_crime_typo": "fraud.other"},
              {"type": "observed-data", "spec_version": "2.1", "id": "observed-data--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a12",
               "created": "2026-02-10T09:00:00Z", "modified": "2026-02-10T09:00:00Z",
               "object_refs": ["url--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a13"]},
              {"type": "url", "id": "url--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a14", "value": "http://orphan.example.com/"},
              {"type": "x-occ-fax-number", "id": "x-occ-fax-number--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a15", "value": "123"},
              {"type": "file", "id": "file--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a16", "hashes": {"SSDEEP": "3:a+JraNvsg:a+Jr"}},
              {"id": "url--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a17", "value": 7},
              "junk"
            ]}
            """)
        guard case .failure(let failure) = mapper.map(json) else {
            Issue.record("expected failure")
            return
        }
        #expect(failure.errors.map(\.description) == [
            "objects[3].spec_version: required: \"2.1\"",
            "objects[3].created: required: a UTC timestamp such as 2026-06-01T09:30:00.000Z",
            "objects[3].modified: required: a UTC timestamp such as 2026-06-01T09:30:00.000Z",
            "objects[3].type: unknown OCC extension type 'x-occ-fax-number'",
            "objects[5].type: required",
            "objects[6]: expected an object, got a string",
            "objects[1].object_refs[0]: refers to url--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a13, which is not in the bundle",
            "objects[4].hashes: no MD5, SHA-1 or SHA-256 hash",
            "objects[0].x_occ_crime_typo: unknown OCC extension property",
            "objects[2]: not referenced by any report or grouping",
            "objects[4]: not referenced by any report or grouping",
        ])
    }

    @Test func bundleWithoutReportIsOneReferralUsingDefaults() throws {
        let json = try parseJSON("""
            {"type": "bundle", "id": "bundle--6f0b3e32-2c55-4e0c-a1c3-2d5c7f3e9b10", "objects": [
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a18",
               "created": "2026-02-10T09:00:00Z", "modified": "2026-02-10T09:00:00Z",
               "pattern": "[x-occ-sms-sender-id:value = 'HMRC-UK'] OR [x-occ-phone-number:value = '07700 900456']",
               "object_marking_refs": ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]},
              {"type": "ipv6-addr", "id": "ipv6-addr--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a19", "value": "2001:DB8:0:0:0:0:0:1"}
            ]}
            """)
        var defaults = ReferralSubmission(crimeType: "fraud.phishing", gateway: "cca_2013_s7")
        defaults.markings = MarkingsSubmission(sourceEvaluation: 1, intelligenceAssessment: "A", handlingCode: "P")
        let referral = try #require(try mapper.validate(json, defaults: defaults).get().first)
        #expect(referral.partnerReference == "bundle--6f0b3e32-2c55-4e0c-a1c3-2d5c7f3e9b10")
        #expect(referral.markings.tlp == .green)
        #expect(referral.indicators.map(\.key) == ["sms_sender_id:HMRC-UK", "phone:+447700900456", "ipv6:2001:db8::1"])
        guard case .failure(let failure) = mapper.validate(json) else {
            Issue.record("expected failure without defaults")
            return
        }
        #expect(failure.errors.map(\.description) == [
            "crime_type: required (a bundle without a report or grouping takes it from the query parameter crime_type)",
            "gateway: required (a bundle without a report or grouping takes it from the query parameter gateway)",
            "source_evaluation: required (a bundle without a report or grouping takes it from the query parameter source_evaluation)",
            "intelligence_assessment: required (a bundle without a report or grouping takes it from the query parameter intelligence_assessment)",
            "handling_code: required (a bundle without a report or grouping takes it from the query parameter handling_code)",
        ])
    }
}
