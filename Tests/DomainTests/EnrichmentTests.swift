import Domain
import Foundation
import Testing

@Suite struct EnrichmentTests {
    private let plain = IndicatorNormaliser()
    private let withList = IndicatorNormaliser(publicSuffixes: PublicSuffixList(parsing: "uk\nco.uk\ncom\n"))

    @Test func enrichmentAddsRegistrableDomainsLater() throws {
        let url = try plain.url("https://user@login.victim.co.uk:8443/x")
        #expect(url.registrableDomain == nil)
        #expect(withList.enriched(url).registrableDomain == "victim.co.uk")
        #expect(withList.enriched(try plain.email("a@mail.victim.com")).registrableDomain == "victim.com")
        #expect(withList.enriched(try plain.domain("co.uk")).registrableDomain == nil)
        #expect(withList.enriched(try plain.url("http://192.0.2.1/")).registrableDomain == nil)
        let phone = try plain.phone("07700900123")
        #expect(withList.enriched(phone) == phone)
    }

    /// Canonical values normalise to themselves, so stored values can be re-checked safely.
    @Test(arguments: [
        IndicatorSubmission(kind: "phone", value: "+44 (0)20 7946 0018"),
        IndicatorSubmission(kind: "url", value: "HXXPS://Evil[.]Example.com:443/a?b=C#frag"),
        IndicatorSubmission(kind: "domain", value: "WWW.Example.CO.UK."),
        IndicatorSubmission(kind: "email", value: "Bob@Example.COM"),
        IndicatorSubmission(kind: "ipv6", value: "2001:0DB8::0001"),
        IndicatorSubmission(kind: "iban", value: "gb82 west 1234 5698 7654 32"),
        IndicatorSubmission(kind: "crypto_wallet", value: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", chain: "ethereum"),
        IndicatorSubmission(kind: "social_account", value: "@Some.Body", platform: "instagram"),
        IndicatorSubmission(kind: "file_hash", value: "D41D8CD98F00B204E9800998ECF8427E"),
    ])
    func canonicalFormIsIdempotent(submission: IndicatorSubmission) throws {
        let first = try plain.normalise(submission).get()
        var again = submission
        again.value = first.value
        #expect(try plain.normalise(again).get().key == first.key)
    }
}
