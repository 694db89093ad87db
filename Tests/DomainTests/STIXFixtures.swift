import Domain
import Foundation

/// A realistic partner bundle: one report citing a pattern indicator, an observed-data with
/// SCOs, and the exchange's extension objects for a phone, a bank account and a wallet.
let stixReportBundle = """
    {
      "type": "bundle",
      "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
      "objects": [
        {
          "type": "report", "spec_version": "2.1", "id": "report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3",
          "created": "2026-02-10T09:00:00.000Z", "modified": "2026-02-10T09:00:00.000Z", "published": "2026-02-10T09:00:00Z",
          "name": "Investment scam network",
          "description": "Cloned investment platform advertised on social media; victims paid into mule accounts.",
          "report_types": ["threat-report"],
          "object_refs": [
            "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf",
            "x-occ-phone-number--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a11",
            "identity--311b2d2d-f010-4473-83ec-1edf84858f4c"
          ],
          "object_marking_refs": ["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"],
          "x_occ_partner_reference": "BANK-2026-77",
          "x_occ_crime_type": "fraud.app_investment",
          "x_occ_gateway": "eccta_2023_ss188_189",
          "x_occ_source_evaluation": 2,
          "x_occ_intelligence_assessment": "B",
          "x_occ_handling_code": "P",
          "x_occ_victims": {"count": 14, "vulnerable": true},
          "x_occ_loss": {"amount": "182000.00", "currency": "GBP"}
        },
        {
          "type": "indicator", "spec_version": "2.1", "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
          "created": "2026-02-10T09:00:00.000Z", "modified": "2026-02-10T09:00:00.000Z",
          "pattern": "[url:value = 'https://Invest-Secure.example.com:443/login#x'] OR [domain-name:value = 'invest-secure.example.com' OR ipv4-addr:value = '203.0.113.9']",
          "pattern_type": "stix", "valid_from": "2026-02-01T00:00:00Z"
        },
        {
          "type": "observed-data", "spec_version": "2.1", "id": "observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf",
          "created": "2026-02-10T09:00:00.000Z", "modified": "2026-02-10T09:00:00.000Z",
          "first_observed": "2026-01-15T08:00:00Z", "last_observed": "2026-02-09T18:30:00Z", "number_observed": 14,
          "object_refs": [
            "x-occ-bank-account--2b0c2f0e-46a3-4b0b-9a55-51a2b7a0c0d1",
            "x-occ-crypto-wallet--6f1c0a52-8f7e-4a4b-8d7e-2f6c1d3b9e21",
            "user-account--0d5b424b-93b8-5cd8-ac36-306e1789d63c",
            "email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3",
            "file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d"
          ]
        },
        {"type": "x-occ-bank-account", "spec_version": "2.1", "id": "x-occ-bank-account--2b0c2f0e-46a3-4b0b-9a55-51a2b7a0c0d1",
         "sort_code": "12-34-56", "account_number": "98765432", "iban": "GB82 WEST 1234 5698 7654 32"},
        {"type": "x-occ-crypto-wallet", "spec_version": "2.1", "id": "x-occ-crypto-wallet--6f1c0a52-8f7e-4a4b-8d7e-2f6c1d3b9e21",
         "chain": "ethereum", "address": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
        {"type": "user-account", "spec_version": "2.1", "id": "user-account--0d5b424b-93b8-5cd8-ac36-306e1789d63c",
         "account_type": "instagram", "account_login": "@Invest.Secure.Official", "user_id": "1234567"},
        {"type": "email-addr", "spec_version": "2.1", "id": "email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3",
         "value": "Support@Invest-Secure.example.com"},
        {"type": "file", "spec_version": "2.1", "id": "file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d",
         "hashes": {"SHA-256": "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "SSDEEP": "3:a+JraNvsg:a+Jr"}},
        {"type": "x-occ-phone-number", "spec_version": "2.1", "id": "x-occ-phone-number--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a11",
         "value": "+44 (0)20 7946 0018"},
        {"type": "identity", "spec_version": "2.1", "id": "identity--311b2d2d-f010-4473-83ec-1edf84858f4c",
         "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z", "name": "Example Bank plc",
         "identity_class": "organization"},
        {"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
         "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER", "extensions": {}}
      ]
    }
    """

func parseJSON(_ text: String) throws -> JSONValue {
    try JSONValue(parsing: Data(text.utf8))
}

/// The fixture with one object replaced, to test a single fault.
func stixBundle(replacingObject index: Int, with object: JSONValue) throws -> JSONValue {
    guard case .object(var bundle) = try parseJSON(stixReportBundle), case .array(var objects)? = bundle["objects"] else {
        preconditionFailure("fixture is not a bundle")
    }
    objects[index] = object
    bundle["objects"] = .array(objects)
    return .object(bundle)
}

/// The properties STIX 2.1 requires of every SDO: type, spec_version, id, created, modified.
func stixCommon(_ type: String, _ uuid: String) -> [String: JSONValue] {
    [
        "type": .string(type), "spec_version": .string("2.1"), "id": .string("\(type)--\(uuid)"),
        "created": .string("2026-02-10T09:00:00.000Z"), "modified": .string("2026-02-10T09:00:00.000Z"),
    ]
}
