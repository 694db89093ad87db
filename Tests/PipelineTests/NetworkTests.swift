import Domain
import Foundation
import Postgres
import Testing

@Suite("Enrichment: networks re-score and re-route their members", .serialized)
struct NetworkTests {
    @Test("after the bank's corroborating referral the telco's shows 2 partners and gains a COLP_FTC tasking, audited with the reason")
    func corroborationReroutesEarlierReferral() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            #expect(try await harness.count("SELECT distinct_partners FROM referral_scores WHERE referral_id = $1", scenario.telcoReferral) == 2)
            let terms = "SELECT priority FROM taskings WHERE referral_id = $1 AND agency_code = $2"
            #expect(try await harness.text(terms, scenario.telcoReferral, "COLP_FTC") == "P2")
            #expect(try await harness.count("SELECT count(*) FROM taskings WHERE referral_id = $1", scenario.telcoReferral) == 2)
            let network = """
                SELECT n.referral_count * 1000 + n.partner_count * 100 + n.sector_count * 10 + n.indicator_count
                FROM networks n JOIN network_members m ON m.network_id = n.id WHERE m.referral_id = $1
                """
            // Two referrals, two partners in two sectors, three keys (phone, account, IBAN).
            #expect(try await harness.count(network, scenario.telcoReferral) == 2223)
            #expect(try await harness.count(network, scenario.bankReferral) == 2223)
            let rerouted = """
                SELECT e->>'created' || ' / ' || (e->>'reason' LIKE 'network % changed%when referral ' || $2 || ' joined')::text
                FROM audit_log, LATERAL (SELECT event::jsonb->'detail' AS e) AS d
                WHERE action = 'referral.rerouted' AND subject_id = $1
                """
            #expect(try await harness.text(rerouted, scenario.telcoReferral.lowercased, scenario.bankReferral.lowercased) == "COLP_FTC P2 / true")
            #expect(try await harness.count(
                "SELECT count(*) FROM audit_log WHERE action = 'referral.rescored' AND subject_id = $1", scenario.telcoReferral.lowercased) == 1)
        }
    }

    @Test("a URL referral and a domain referral on one registrable domain are linked, and the derived domain is shown")
    func urlAndDomainLinkByRegistrableDomain() async throws {
        try await PipelineHarness.with { harness in
            let tech = try await harness.partner("Tech Platform", .tech)
            let cyber = try await harness.partner("Cyber Firm", .cyber)
            let url = try await harness.submit(tech, Fixtures.referral(
                "URL-1", crimeType: "fraud.phishing", summary: "Phishing page",
                indicators: #"{"kind": "url", "value": "https://login.secure-parcel.co.uk/pay"}"#))
            let domain = try await harness.submit(cyber, Fixtures.referral(
                "DOM-1", crimeType: "fraud.phishing", summary: "Phishing domain",
                indicators: #"{"kind": "domain", "value": "secure-parcel.co.uk"}"#))
            #expect(try await harness.waitUntilTasked(url))
            #expect(try await harness.waitUntilTasked(domain))
            #expect(try await harness.waitUntilIdle())
            #expect(try await harness.count(
                "SELECT count(*) FROM referral_neighbours WHERE referral_id = $1 AND linked_referral_id = $2 AND key = 'domain:secure-parcel.co.uk'",
                url, domain) == 1)
            #expect(try await harness.count("SELECT count(DISTINCT network_id) FROM network_members WHERE referral_id IN ($1, $2)", url, domain) == 1)
            #expect(try await harness.text(
                "SELECT enrichment->'derived_indicators'->0->>'key' FROM referral_scores WHERE referral_id = $1", url) == "domain:secure-parcel.co.uk")
            #expect(try await harness.count("SELECT distinct_partners FROM referral_scores WHERE referral_id = $1", url) == 2)
        }
    }

    @Test("Unicode and punycode spellings of a domain are one key and link")
    func idnSpellingsLink() async throws {
        try await PipelineHarness.with { harness in
            let tech = try await harness.partner("Tech Platform", .tech)
            let cyber = try await harness.partner("Cyber Firm", .cyber)
            let unicode = try await harness.submit(tech, Fixtures.referral(
                "IDN-1", crimeType: "fraud.phishing", summary: "IDN phishing", indicators: #"{"kind": "domain", "value": "bücher.example"}"#))
            let ascii = try await harness.submit(cyber, Fixtures.referral(
                "IDN-2", crimeType: "fraud.phishing", summary: "IDN phishing", indicators: #"{"kind": "domain", "value": "xn--bcher-kva.example"}"#))
            #expect(try await harness.waitUntilTasked(unicode))
            #expect(try await harness.waitUntilTasked(ascii))
            #expect(try await harness.count(
                "SELECT count(*) FROM referral_neighbours WHERE referral_id = $1 AND linked_referral_id = $2 AND key = 'domain:xn--bcher-kva.example'",
                unicode, ascii) == 1)
        }
    }

    @Test("a warning-listed value is recorded and shown but links nothing")
    func warninglistedValuesLinkNothing() async throws {
        try await PipelineHarness.with { harness in
            let telco = try await harness.partner("Telco One", .telco)
            let bank = try await harness.partner("High Street Bank", .finance)
            // Both name the bank's genuine helpline (seeded example) and webmail addresses on gmail.com.
            let first = try await harness.submit(telco, Fixtures.referral(
                "WL-1", crimeType: "fraud.app_impersonation", summary: "Spoofed helpline",
                indicators: #"{"kind": "phone", "value": "020 7946 0000"}, {"kind": "email", "value": "one.scammer@gmail.com"}"#))
            let second = try await harness.submit(bank, Fixtures.referral(
                "WL-2", crimeType: "fraud.app_impersonation", summary: "Spoofed helpline",
                indicators: #"{"kind": "phone", "value": "+44 20 7946 0000"}, {"kind": "email", "value": "Other.Person@gmail.com"}"#))
            #expect(try await harness.waitUntilTasked(first))
            #expect(try await harness.waitUntilTasked(second))
            #expect(try await harness.count("SELECT count(*) FROM referral_neighbours") == 0)
            #expect(try await harness.count("SELECT count(DISTINCT network_id) FROM network_members") == 2)
            #expect(try await harness.count("SELECT distinct_partners FROM referral_scores WHERE referral_id = $1", second) == 1)
            // Stored and counted…
            #expect(try await harness.count("SELECT sightings FROM indicators WHERE key = 'phone:+442079460000'") == 2)
            #expect(try await harness.count("SELECT distinct_partners FROM indicators WHERE key = 'domain:gmail.com'") == 2)
            // …and shown with the referral.
            #expect(try await harness.text(
                "SELECT enrichment->>'warninglisted' FROM referral_scores WHERE referral_id = $1", second)
                == #"["domain:gmail.com", "phone:+442079460000"]"#)
            #expect(try await harness.count("SELECT count(*) FROM taskings WHERE agency_code = 'COLP_FTC'") == 0)
        }
    }

    @Test("a number reported as a spoofed caller ID by both partners links nothing; as the calling number it links")
    func spoofedCallerIDLinksNothing() async throws {
        try await PipelineHarness.with { harness in
            let telco = try await harness.partner("Telco One", .telco)
            let bank = try await harness.partner("High Street Bank", .finance)
            let spoofed = #"{"kind": "phone", "value": "020 7946 0018", "role": "spoofed_caller_id"}"#
            let first = try await harness.submit(telco, Fixtures.referral(
                "ROLE-1", crimeType: "fraud.app_impersonation", summary: "Spoofed bank number", indicators: spoofed))
            let second = try await harness.submit(bank, Fixtures.referral(
                "ROLE-2", crimeType: "fraud.app_impersonation", summary: "Spoofed bank number", indicators: spoofed))
            #expect(try await harness.waitUntilTasked(first))
            #expect(try await harness.waitUntilTasked(second))
            #expect(try await harness.count("SELECT count(*) FROM referral_neighbours") == 0)
            #expect(try await harness.text("SELECT enrichment->>'unlinked_by_role' FROM referral_scores WHERE referral_id = $1", second)
                == #"["phone:+442079460018"]"#)
            let calling = try await harness.submit(bank, Fixtures.referral(
                "ROLE-3", crimeType: "fraud.app_impersonation", summary: "The number that called",
                indicators: #"{"kind": "phone", "value": "020 7946 0018", "role": "calling_number"}"#))
            let callingToo = try await harness.submit(telco, Fixtures.referral(
                "ROLE-4", crimeType: "fraud.app_impersonation", summary: "The number that called",
                indicators: #"{"kind": "phone", "value": "02079460018"}"#))
            #expect(try await harness.waitUntilTasked(calling))
            #expect(try await harness.waitUntilTasked(callingToo))
            #expect(try await harness.count("SELECT count(*) FROM referral_neighbours WHERE referral_id = $1", calling) == 1)
        }
    }

    @Test("networks merging under concurrent enrichment end as one network with no duplicated tasking")
    func concurrentMerges() async throws {
        try await PipelineHarness.with { harness in
            let partners = [
                try await harness.partner("Telco One", .telco), try await harness.partner("Tech Platform", .tech),
                try await harness.partner("Cyber Firm", .cyber), try await harness.partner("High Street Bank", .finance),
            ]
            func phone(_ n: Int) -> String { #"{"kind": "phone", "value": "07700 90000\#(n)"}"# }
            // Three separate networks: {1, 3}, {2}, {4}.
            var seeds: [UUID] = []
            for (index, indicators) in ["\(phone(1)), \(phone(3))", phone(2), phone(4)].enumerated() {
                seeds.append(try await harness.submit(partners[index], Fixtures.referral(
                    "SEED-\(index)", crimeType: "fraud.app_impersonation", summary: "Calls", indicators: indicators)))
            }
            for seed in seeds { #expect(try await harness.waitUntilTasked(seed)) }
            #expect(try await harness.count("SELECT count(DISTINCT network_id) FROM network_members") == 3)
            // Two bridges with no key in common, enriched at once: each merges the first network with another.
            async let first = harness.submit(partners[3], Fixtures.referral(
                "BRIDGE-1", crimeType: "fraud.app_impersonation", summary: "Calls", indicators: "\(phone(1)), \(phone(2))"))
            async let second = harness.submit(partners[3], Fixtures.referral(
                "BRIDGE-2", crimeType: "fraud.app_impersonation", summary: "Calls", indicators: "\(phone(3)), \(phone(4))"))
            let bridges = try await [first, second]
            for bridge in bridges { #expect(try await harness.waitUntilTasked(bridge)) }
            #expect(try await harness.waitUntilIdle())
            #expect(try await harness.count("SELECT count(DISTINCT network_id) FROM network_members") == 1)
            #expect(try await harness.count("""
                SELECT n.referral_count * 100 + n.partner_count * 10 + n.indicator_count FROM networks n
                WHERE n.merged_into IS NULL AND n.referral_count > 0
                """) == 544)
            // Every member now routes to the FTC and Report Fraud, once each.
            #expect(try await harness.count("SELECT count(*) FROM taskings") == 10)
            #expect(try await harness.count("SELECT count(DISTINCT referral_id) FROM taskings WHERE agency_code = 'COLP_FTC'") == 5)
            #expect(try await harness.count("SELECT min(distinct_partners) FROM referral_scores") == 4)
        }
    }
}

extension UUID {
    var lowercased: String { uuidString.lowercased() }
}
