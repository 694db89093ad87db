import Domain

/// Extra referrals for a burst (`occ simulate --referrals N`): each sector in turn, each with its
/// own partner reference and indicators, so the exchange has real work to do while a worker dies.
enum SimulatorReferrals {
    static func burst(_ index: Int, run: String) -> (Sector, [String: Any]) {
        let sector = Sector.allCases[index % Sector.allCases.count]
        let number = String(format: "%06d", 100_000 + index)
        let indicators: [[String: Any]] = switch sector {
        case .telco: [["kind": "phone", "value": "07700 9\(number.suffix(5))"]]
        case .finance: [["kind": "uk_bank_account", "sort_code": "12-34-56", "account_number": "4\(number.suffix(7))"]]
        case .tech: [["kind": "domain", "value": "shop-\(number).example.co.uk"]]
        case .cyber: [["kind": "ipv4", "value": "198.51.100.\(index % 250 + 1)"], ["kind": "domain", "value": "c2-\(number).example.net"]]
        }
        return (sector, [
            "partner_reference": "SIM-\(run)-\(index)", "crime_type": sector == .cyber ? "cyber.ransomware" : "fraud.purchase",
            "summary": "Simulated referral \(index) of a burst from the \(sector.rawValue) sector",
            "time_window": DemoReferrals.window, "victims": ["count": index % 7 + 1, "vulnerable": false],
            "indicators": indicators, "gateway": Self.gateway(sector),
            "markings": DemoReferrals.markings,
        ])
    }

    /// A gateway the sector may invoke under the seeded registry (docs/gateways.md): intake
    /// refuses any other with a 422 at `gateway`.
    static func gateway(_ sector: Sector) -> String {
        switch sector {
        case .cyber: "cca_2013_s7"
        case .finance: "eccta_2023_ss188_189"
        case .telco, .tech: "dpa_2018_sch2_para2"
        }
    }
}
