/// Referral submissions from the four sectors. The telco and the bank report the same phone
/// number (written differently) and the same account (as sort code + number, and as a GB IBAN).
enum Fixtures {
    static func referral(_ reference: String, crimeType: String, summary: String, indicators: String, tlp: String = "AMBER") -> String {
        """
        {"partner_reference": "\(reference)", "crime_type": "\(crimeType)", "summary": "\(summary)",
         "indicators": [\(indicators)], "gateway": "eccta_2023_ss188_189",
         "markings": {"tlp": "\(tlp)", "source_evaluation": 2, "intelligence_assessment": "B", "handling_code": "P"}}
        """
    }

    static let phoneKey = "phone:+447700900123"
    static let accountKey = "uk_bank_account:60-16-13 31926819"

    static let telco = referral(
        "TEL-1", crimeType: "fraud.app_impersonation", summary: "Spoofed bank calls asking victims to move money",
        indicators: """
            {"kind": "phone", "value": "07700 900123"},
            {"kind": "uk_bank_account", "sort_code": "60-16-13", "account_number": "31926819"}
            """)
    static let bank = referral(
        "BANK-1", crimeType: "fraud.app_impersonation", summary: "APP fraud payments to a mule account after calls",
        indicators: """
            {"kind": "phone", "value": "+44 7700 900123"},
            {"kind": "iban", "value": "GB29 NWBK 6016 1331 9268 19"}
            """)
    static let tech = referral(
        "TECH-1", crimeType: "fraud.purchase", summary: "Fake shop adverts taking payment for goods never sent",
        indicators: #"{"kind": "url", "value": "https://Shop-Bargains.example.co.uk:443/pay"}"#)
    static let cyber = referral(
        "CYB-1", crimeType: "cyber.ransomware", summary: "Ransomware intrusion through an exposed remote desktop",
        indicators: #"{"kind": "ipv4", "value": "203.0.113.7"}, {"kind": "domain", "value": "c2.badhost.example"}"#)
}
