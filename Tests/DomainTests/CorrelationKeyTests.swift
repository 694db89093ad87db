import Domain
import Testing

/// Correlation keys that match how criminals reuse infrastructure: one key per real-world
/// thing however it is written, and a registrable-domain key shared by URLs, domains and e-mail.
@Suite struct CorrelationKeyTests {
    private let normaliser = IndicatorNormaliser(publicSuffixes: PublicSuffixList(parsing: """
        com
        uk
        co.uk
        example
        io
        // ===BEGIN PRIVATE DOMAINS===
        github.io
        """))

    @Test func unicodeAndPunycodeDomainsAreOneKey() throws {
        let unicode = try normaliser.domain("Bücher.example")
        let ascii = try normaliser.domain("xn--bcher-kva.example")
        #expect(unicode.value == "bücher.example")
        #expect(unicode.key == "domain:xn--bcher-kva.example")
        #expect(unicode.key == ascii.key)
        // A decomposed ü (u + combining diaeresis) is the same host once NFC-normalised.
        #expect(try normaliser.domain("bu\u{0308}cher.example").key == ascii.key)
    }

    @Test func lookAlikeHostAndItsPunycodeAreOneURLKey() throws {
        // "аpple.com" with a Cyrillic а (U+0430).
        let lookAlike = try normaliser.url("https://\u{0430}pple.com/login")
        let punycode = try normaliser.url("https://xn--pple-43d.com/login")
        #expect(lookAlike.value == "https://\u{0430}pple.com/login")
        #expect(lookAlike.key == punycode.key)
        #expect(lookAlike.key != (try normaliser.url("https://apple.com/login")).key)
    }

    @Test func emailKeysIgnoreCaseButValuesKeepIt() throws {
        let upper = try normaliser.email("Fraudster@Mail.Example.COM")
        let lower = try normaliser.email("fraudster@mail.example.com")
        #expect(upper.value == "Fraudster@mail.example.com")
        #expect(upper.key == "email:fraudster@mail.example.com")
        #expect(upper.key == lower.key)
        #expect(try normaliser.email("fraud@bücher.example").key == "email:fraud@xn--bcher-kva.example")
    }

    @Test func urlDomainAndEmailShareTheRegistrableDomainKey() throws {
        let url = try normaliser.url("https://login.victim-bank.co.uk/x")
        let domain = try normaliser.domain("victim-bank.co.uk")
        let subdomain = try normaliser.domain("pay.victim-bank.co.uk")
        let email = try normaliser.email("help@mail.victim-bank.co.uk")
        #expect(url.correlationKeys == [url.key, "domain:victim-bank.co.uk"])
        #expect(domain.registrableDomainKey == nil)
        #expect(domain.correlationKeys == ["domain:victim-bank.co.uk"])
        #expect(subdomain.correlationKeys.contains("domain:victim-bank.co.uk"))
        #expect(email.correlationKeys.contains("domain:victim-bank.co.uk"))
        // The private section is respected: each github.io site is its own registrable domain.
        #expect(try normaliser.url("https://scam.github.io/").registrableDomainKey == "domain:scam.github.io")
        // An IDN registrable domain's key is in ASCII.
        #expect(try normaliser.url("https://shop.bücher.example/").registrableDomainKey == "domain:xn--bcher-kva.example")
    }

    @Test func enrichmentRereadsStoredValuesUnderTodaysKeys() throws {
        let plain = IndicatorNormaliser()
        let stored = try plain.email("Fraudster@mail.example.com")
        let enriched = normaliser.enriched(stored)
        #expect(enriched.key == "email:fraudster@mail.example.com")
        #expect(enriched.registrableDomain == "example.com")
    }

    @Test func warningListedKeysAreRecordedButLinkNothing() throws {
        let indicators = [
            try normaliser.email("Scammer@gmail.com"), try normaliser.url("https://bit.ly/abc"),
            try normaliser.phone("020 7946 0000"),
        ]
        let plan = CorrelationPlan(
            indicators: indicators, warninglisted: ["domain:gmail.com", "domain:bit.ly", "phone:+442079460000"])
        #expect(plan.keys == ["domain:bit.ly", "domain:gmail.com", "email:scammer@gmail.com", "phone:+442079460000", "url:https://bit.ly/abc"])
        #expect(plan.linkingKeys == ["email:scammer@gmail.com", "url:https://bit.ly/abc"])
        #expect(plan.warninglisted == ["domain:bit.ly", "domain:gmail.com", "phone:+442079460000"])
        #expect(plan.derived == [
            DerivedIndicator(key: "domain:bit.ly", derivedFrom: "url:https://bit.ly/abc"),
            DerivedIndicator(key: "domain:gmail.com", derivedFrom: "email:scammer@gmail.com"),
        ])
    }

    @Test func aSubmittedDomainIsNotAlsoDerived() throws {
        let plan = CorrelationPlan(
            indicators: [try normaliser.url("https://a.victim.co.uk/"), try normaliser.domain("victim.co.uk")], warninglisted: [])
        #expect(plan.derived.isEmpty)
        #expect(plan.linkingKeys == ["domain:victim.co.uk", "url:https://a.victim.co.uk/"])
    }
}

/// Indicator roles decide whether a shared value links referrals.
@Suite struct IndicatorRoleTests {
    private let normaliser = IndicatorNormaliser(publicSuffixes: PublicSuffixList(parsing: "com\nuk\nco.uk\nly\n"))

    @Test func aRoleIsCheckedAgainstTheKind() throws {
        let spoofed = try normaliser.normalise(IndicatorSubmission(kind: "phone", value: "020 7946 0018", role: "spoofed_caller_id")).get()
        #expect(spoofed.role == .spoofedCallerID)
        #expect(!spoofed.links)
        #expect(try normaliser.normalise(IndicatorSubmission(kind: "phone", value: "020 7946 0018")).get().links)
        guard case .failure(let wrongKind) = normaliser.normalise(IndicatorSubmission(kind: "url", value: "https://a.com/", role: "victim_account")) else {
            Issue.record("accepted"); return
        }
        #expect(wrongKind.problems == [IndicatorProblem(.role, "unknown role 'victim_account' for kind url; expected one of landing_page, redirector")])
        guard case .failure(let unused) = normaliser.normalise(IndicatorSubmission(kind: "domain", value: "a.com", role: "redirector")) else {
            Issue.record("accepted"); return
        }
        #expect(unused.problems == [IndicatorProblem(.role, "not used for kind domain")])
    }

    @Test func nonLinkingRolesAreRecordedButLinkNothing() throws {
        let indicators = [
            try normaliser.normalise(IndicatorSubmission(kind: "phone", value: "020 7946 0018", role: "spoofed_caller_id")).get(),
            try normaliser.normalise(IndicatorSubmission(kind: "url", value: "https://bit.ly/x", role: "redirector")).get(),
            try normaliser.normalise(IndicatorSubmission(kind: "iban", value: "GB29 NWBK 6016 1331 9268 19", role: "beneficiary_account")).get(),
            try normaliser.normalise(IndicatorSubmission(kind: "phone", value: "07700 900123", role: "calling_number")).get(),
        ]
        let plan = CorrelationPlan(indicators: indicators, warninglisted: [])
        #expect(plan.unlinkedByRole == ["domain:bit.ly", "phone:+442079460018", "url:https://bit.ly/x"])
        #expect(plan.linkingKeys == ["iban:GB29NWBK60161331926819", "phone:+447700900123", "uk_bank_account:60-16-13 31926819"])
        #expect(plan.keys.count == 6)
        // Enrichment keeps the role when it re-reads a URL.
        #expect(normaliser.enriched(indicators[1]).role == .redirector)
    }
}
