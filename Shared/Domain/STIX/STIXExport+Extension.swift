import Foundation

extension STIXExport {
    /// When the exchange's identity and extension definition were first published (their version).
    static let publishedAt = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    /// The `extension-definition` (STIX 2.1 §7.3) of the exchange's observable types, whose JSON
    /// Schema is `docs/stix-extension.schema.json`.
    public static let extensionDefinitionID = STIXObjectID.make("extension-definition", name: "urn:occ:stix:extension:observables:1.0.0")

    /// The object types the extension defines (patterns of published indicators use them).
    public static let extensionTypes = ["x-occ-phone-number", "x-occ-sms-sender-id", "x-occ-bank-account", "x-occ-crypto-wallet"]

    /// The objects every collection starts with: who publishes, and what its custom types mean.
    public static var preamble: [JSONValue] { [identity, extensionDefinition] }

    public static var identity: JSONValue {
        var identity = common("identity", id: identityID, at: publishedAt, tlp: .clear)
        identity.removeValue(forKey: "created_by_ref")
        identity["name"] = .string("OCC referral exchange")
        identity["description"] = .string("The UK law-enforcement referral exchange that publishes this feed.")
        identity["identity_class"] = .string("organization")
        identity["sectors"] = .array([.string("government-public-services")])
        return .object(identity)
    }

    public static var extensionDefinition: JSONValue {
        var definition = common("extension-definition", id: extensionDefinitionID, at: publishedAt, tlp: .clear)
        definition["name"] = .string("OCC referral exchange observables")
        definition["description"] = .string(
            "Cyber-observable types STIX 2.1 lacks, used in the patterns of the exchange's indicators: "
                + extensionTypes.joined(separator: ", ") + ".")
        definition["schema"] = .string(
            "JSON Schema (draft 2020-12) docs/stix-extension.schema.json of the OCC referral exchange; "
                + "prose in docs/stix-extension.md.")
        definition["version"] = .string("1.0.0")
        definition["extension_types"] = .array([.string("new-sco")])
        return .object(definition)
    }
}
