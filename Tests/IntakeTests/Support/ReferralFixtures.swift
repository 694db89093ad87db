import Foundation
import HTTP

/// Referral bodies for the tests: a valid telco referral and ways to spoil it.
enum ReferralFixtures {
    /// A valid referral with three indicators (one a duplicate written differently, so two are stored).
    static func valid(reference: String = "TEL-\(UUID().uuidString.prefix(8))", summary: String = "Smishing campaign impersonating a parcel carrier") -> [String: Any] {
        [
            "partner_reference": reference,
            "crime_type": "fraud.phishing",
            "summary": summary,
            "time_window": ["first_seen": "2026-03-01T08:00:00Z", "last_seen": "2026-03-02T18:00:00Z"],
            "victims": ["count": 12, "vulnerable": true, "vulnerability_level": "high"],
            "loss": ["amount": "1250.5", "currency": "GBP"],
            "indicators": [
                ["kind": "phone", "value": "07700 900123"],
                ["kind": "phone", "value": "+447700900123"],
                ["kind": "uk_bank_account", "sort_code": "12-34-56", "account_number": "98765432"],
            ],
            "gateway": "cca_2013_s7",
            "markings": ["tlp": "AMBER", "source_evaluation": 2, "intelligence_assessment": "B", "handling_code": "P"],
        ]
    }

    static func bytes(_ object: [String: Any]) -> [UInt8] {
        // Test fixtures are plain JSON values; serialisation cannot fail.
        Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func line(_ object: [String: Any]) -> String {
        String(decoding: bytes(object), as: UTF8.self)
    }

    /// The parsed JSON of a response body.
    static func json(_ response: ClientResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    /// The `errors[].field` values of a problem response.
    static func problemFields(_ response: ClientResponse) -> [String] {
        (json(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }
}
