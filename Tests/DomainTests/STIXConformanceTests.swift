import Domain
import Foundation
import Testing

/// STIX 2.1's own rules (identifiers, spec_version, timestamps, references), checked before mapping.
@Suite struct STIXConformanceTests {
    private static let bundleID = "bundle--6f0b3e32-2c55-4e0c-a1c3-2d5c7f3e9b10"
    private static let urlID = "url--0c4d3a1c-6a0e-5d2c-8b8f-3d4b1e0f5a11"

    /// A minimal conforming bundle: a report citing one url SCO.
    static func bundle(_ change: (inout [String: JSONValue], inout [String: JSONValue], inout [String: JSONValue]) -> Void = { _, _, _ in })
        -> JSONValue {
        var root: [String: JSONValue] = ["type": .string("bundle"), "id": .string(bundleID)]
        var report = stixCommon("report", "84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3").merging([
            "name": .string("Phishing site"), "published": .string("2026-02-10T09:00:00Z"),
            "object_refs": .array([.string(urlID)]),
            "object_marking_refs": .array([.string(STIXMarkings.markingID(for: .green))]),
            "x_occ_crime_type": .string("fraud.phishing"), "x_occ_gateway": .string("cca_2013_s7"),
            "x_occ_source_evaluation": .integer(2), "x_occ_intelligence_assessment": .string("B"), "x_occ_handling_code": .string("P"),
        ]) { $1 }
        var url: [String: JSONValue] = ["type": .string("url"), "id": .string(urlID), "value": .string("https://phish.example.com/login")]
        change(&root, &report, &url)
        root["objects"] = .array([.object(report), .object(url)])
        return .object(root)
    }

    @Test func conformingBundleMaps() throws {
        #expect(try STIXBundleMapper().validate(Self.bundle()).get().count == 1)
    }

    /// The invalid bundles the OASIS validator rejects (issue 14), each refused where the fault is.
    @Test(arguments: [
        ("bundle--not-a-uuid", "id"),
        ("report prefix on the bundle", "id"),
        ("url--1234", "objects[1].id"),
        ("url SCO with a domain-name id", "objects[1].id"),
        ("report without spec_version", "objects[0].spec_version"),
        ("report without created", "objects[0].created"),
        ("created: yesterday", "objects[0].created"),
        ("spec_version 2.0", "objects[0].spec_version"),
        ("malformed reference", "objects[0].object_refs[0]"),
        ("offset timestamp", "objects[0].modified"),
        ("modified before created", "objects[0].modified"),
        ("bad type name", "objects[1].type"),
    ])
    func invalidBundleIsRefused(fault: String, path: String) throws {
        let bundle = Self.bundle { root, report, url in
            switch fault {
            case "bundle--not-a-uuid": root["id"] = .string("bundle--not-a-uuid")
            case "report prefix on the bundle": root["id"] = .string("report--6f0b3e32-2c55-4e0c-a1c3-2d5c7f3e9b10")
            case "url--1234":
                url["id"] = .string("url--1234")
                report["object_refs"] = .array([.string("url--1234")])
            case "url SCO with a domain-name id":
                url["id"] = .string("domain-name--0c4d3a1c-6a0e-5d2c-8b8f-3d4b1e0f5a11")
                report["object_refs"] = .array([.string("domain-name--0c4d3a1c-6a0e-5d2c-8b8f-3d4b1e0f5a11")])
            case "report without spec_version": report["spec_version"] = nil
            case "report without created": report["created"] = nil
            case "created: yesterday": report["created"] = .string("yesterday")
            case "spec_version 2.0": report["spec_version"] = .string("2.0")
            case "malformed reference": report["object_refs"] = .array([.string("url")])
            case "offset timestamp": report["modified"] = .string("2026-02-10T10:00:00+01:00")
            case "modified before created": report["modified"] = .string("2026-02-09T09:00:00Z")
            default: url["type"] = .string("URL")
            }
        }
        guard case .failure(let failure) = STIXBundleMapper().map(bundle) else {
            Issue.record("\(fault) was accepted")
            return
        }
        #expect(failure.errors.contains { $0.path.description == path }, "\(failure)")
    }

    @Test func aNonStringReferenceIsReportedOnce() {
        let bundle = Self.bundle { _, report, _ in report["object_refs"] = .array([.integer(7), .string(Self.urlID)]) }
        guard case .failure(let failure) = STIXBundleMapper().map(bundle) else {
            Issue.record("accepted")
            return
        }
        #expect(failure.errors.map(\.description) == ["objects[0].object_refs[0]: expected an identifier string, got a number"])
    }

    @Test func identifiersNeedTheirTypeAndAnRFC4122UUID() {
        #expect(STIXIdentifierProbe.problem("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", type: "indicator") == nil)
        #expect(STIXIdentifierProbe.problem("indicator--8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F", type: "indicator") == nil)
        // Version 0 and the NCS variant (digit 0-7 after the third hyphen) are not RFC 4122 UUIDs.
        #expect(STIXIdentifierProbe.problem("indicator--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f", type: "indicator") != nil)
        #expect(STIXIdentifierProbe.problem("indicator--8e2e2d2b-17d4-4cbf-738f-98ee46b3cd3f", type: "indicator") != nil)
        #expect(STIXIdentifierProbe.problem("indicator--8e2e2d2b17d44cbf938f98ee46b3cd3f", type: "indicator") != nil)
        #expect(STIXIdentifierProbe.problem("indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", type: "indicator") != nil)
    }
}

/// Reaches the identifier rules through the public mapper: a one-object bundle without a report.
enum STIXIdentifierProbe {
    static func problem(_ id: String, type: String) -> String? {
        var object = stixCommon(type, "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")
        object["id"] = .string(id)
        object["pattern"] = .string("[url:value = 'https://a.example.com/']")
        object["pattern_type"] = .string("stix")
        let bundle = JSONValue.object([
            "type": .string("bundle"), "id": .string("bundle--6f0b3e32-2c55-4e0c-a1c3-2d5c7f3e9b10"), "objects": .array([.object(object)]),
        ])
        guard case .failure(let failure) = STIXBundleMapper().map(bundle) else { return nil }
        return failure.errors.first { $0.path.description == "objects[0].id" }?.message
    }
}
