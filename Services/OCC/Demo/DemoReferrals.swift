import Domain

/// Sample referrals from each sector. The telco and the bank report the same phone number and
/// mule account, so enrichment links them and tasking sends the network to the Fraud Targeting Cell.
/// Each cites a gateway its sector may invoke (docs/gateways.md): the bank ECCTA 2023, the telco and
/// the platform the DPA 2018 crime exemption, the cyber firm CCA 2013 s.7 (its incident goes to the NCA).
enum DemoReferrals {
    static var markings: [String: Any] { ["tlp": "AMBER", "source_evaluation": 2, "intelligence_assessment": "B", "handling_code": "P"] }
    static var window: [String: Any] { ["first_seen": "2026-11-20T08:00:00Z", "last_seen": "2026-11-22T18:00:00Z"] }

    static var all: [(Sector, [String: Any])] {
        [
            (.telco, [
                "partner_reference": "TEL-\(suffix)", "crime_type": "fraud.app_impersonation",
                "summary": "Spoofed-CLI calls impersonating a bank's fraud team, urging safe-account transfers",
                "time_window": window, "victims": ["count": 41, "vulnerable": true, "vulnerability_level": "high"],
                "indicators": [["kind": "phone", "value": "07700 900123"], ["kind": "uk_bank_account", "sort_code": "12-34-56", "account_number": "98765432"]],
                "gateway": "dpa_2018_sch2_para2", "markings": markings,
            ]),
            (.finance, [
                "partner_reference": "BNK-\(suffix)", "crime_type": "fraud.app_impersonation",
                "summary": "APP fraud: customers told by 'bank staff' to move savings to a safe account",
                "time_window": window, "victims": ["count": 9, "vulnerable": true, "vulnerability_level": "medium"],
                "loss": ["amount": "18250.00", "currency": "GBP"],
                "indicators": [["kind": "uk_bank_account", "sort_code": "123456", "account_number": "98765432"], ["kind": "phone", "value": "+44 7700 900123"]],
                "gateway": "eccta_2023_ss188_189", "markings": markings,
            ]),
            (.tech, [
                "partner_reference": "TEC-\(suffix)", "crime_type": "fraud.phishing",
                "summary": "Phishing pages impersonating a parcel carrier, promoted through paid adverts",
                "time_window": window, "victims": ["count": 120, "vulnerable": false],
                "indicators": [["kind": "url", "value": "https://Parcel-Redelivery.example.co.uk:443/pay?x=1"], ["kind": "domain", "value": "parcel-redelivery.example.co.uk"]],
                "gateway": "dpa_2018_sch2_para2", "markings": markings,
            ]),
            (.cyber, [
                "partner_reference": "CYB-\(suffix)", "crime_type": "cyber.ransomware",
                "summary": "Ransomware intrusion at a UK logistics firm; C2 infrastructure identified",
                "time_window": window, "victims": ["count": 1, "vulnerable": false],
                "indicators": [["kind": "ipv4", "value": "203.0.113.45"], ["kind": "domain", "value": "update-check.example.net"]],
                "gateway": "cca_2013_s7", "markings": ["tlp": "AMBER+STRICT", "source_evaluation": 1, "intelligence_assessment": "A", "handling_code": "P"],
            ]),
        ]
    }

    private static let suffix = String(UInt32.random(in: 100_000...999_999))
}
