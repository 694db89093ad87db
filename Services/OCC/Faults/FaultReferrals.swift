import Foundation
import Domain

/// Referrals for the load, with overlapping indicators: each belongs to a campaign (a few
/// referrals wide) whose phone number, mule account and domain every sector reports in its own
/// way, so enrichment links referrals across partners and sectors and tasking sends corroborated
/// fraud to the Fraud Targeting Cell. Campaigns stay small, so feedback networks do too.
enum FaultReferrals {
    /// About this many referrals share a campaign.
    static let campaignSize = 5

    /// A campaign near the `sequence`-th referral of the run, so recent referrals overlap.
    static func campaign(for sequence: Int) -> Int {
        max(0, sequence / campaignSize - Int.random(in: 0...3))
    }

    static func body(partnerReference: String, sector: Sector, campaign: Int) -> [String: Any] {
        let phone = String(format: "+4477009%05d", campaign % 100_000)
        let account = ["kind": "uk_bank_account", "sort_code": "40-12-\(String(format: "%02d", campaign % 100))",
                       "account_number": String(format: "%08d", 10_000_000 + campaign % 90_000_000)]
        // Its own registrable domain: enrichment links every name under one (`example.co.uk` would
        // join all campaigns into one network, and every outcome would reach thousands).
        let domain = "parcel-\(campaign).example"
        let (crimeType, summary, indicators): (String, String, [[String: String]]) = switch sector {
        case .telco:
            ("fraud.app_impersonation", "Spoofed calls impersonating a bank's fraud team",
             [["kind": "phone", "value": phone], account])
        case .finance:
            ("fraud.app_impersonation", "Customers told by 'bank staff' to move savings to a safe account",
             [account, ["kind": "phone", "value": phone]])
        case .tech:
            ("fraud.phishing", "Phishing pages impersonating a parcel carrier",
             [["kind": "url", "value": "https://\(domain)/pay?ref=\(campaign)"], ["kind": "domain", "value": domain]])
        case .cyber:
            ("cyber.ransomware", "Ransomware intrusion; C2 infrastructure identified",
             [["kind": "domain", "value": domain],
              ["kind": "ipv4", "value": "203.0.\(113 + campaign / 250 % 2).\(1 + campaign % 250)"]])
        }
        return [
            "partner_reference": partnerReference, "crime_type": crimeType, "summary": summary,
            "time_window": ["first_seen": "2026-11-20T08:00:00Z", "last_seen": "2026-11-22T18:00:00Z"],
            "victims": ["count": 1 + campaign % 40, "vulnerable": false],
            "indicators": indicators, "gateway": FaultReferrals.gateway(sector),
            "markings": ["tlp": "AMBER", "source_evaluation": 2, "intelligence_assessment": "B", "handling_code": "P"],
        ]
    }

    /// A gateway each sector may invoke and that permits the teams its referrals are routed to:
    /// cyber incidents go to NCA TICAT (CCA 2013 s.7), bank referrals rely on ECCTA 2023, the rest
    /// on the DPA 2018 crime exemption.
    static func gateway(_ sector: Sector) -> String {
        switch sector {
        case .cyber: "cca_2013_s7"
        case .finance: "eccta_2023_ss188_189"
        case .telco, .tech: "dpa_2018_sch2_para2"
        }
    }

    /// Outcomes an officer records, in turn (each under an Idempotency-Key, so a retry is refused, not doubled).
    static func outcome(_ number: Int) -> [String: Any] {
        switch number % 3 {
        case 0: ["kind": "disrupted", "disruptions": [["kind": "block_number"]], "partner_note": "Number blocked. Thank you."]
        case 1: ["kind": "no_further_action", "home_office_code": 5]
        default: ["kind": "charged", "home_office_code": 1, "partner_note": "A suspect has been charged."]
        }
    }
}
