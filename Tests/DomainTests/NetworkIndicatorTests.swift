import Domain
import Testing

@Suite struct NetworkIndicatorTests {
    private let withSuffixes = IndicatorNormaliser(publicSuffixes: PublicSuffixList(parsing: """
        // small list for tests
        com
        uk
        co.uk
        io
        github.io
        """))

    @Test(arguments: [
        ("HTTPS://Login.Example.COM:443/Account/Verify?id=AbC#section", "https://login.example.com/Account/Verify?id=AbC"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://example.com.:8443", "https://example.com:8443/"),
        ("hxxps://evil-bank[.]co[.]uk/login", "https://evil-bank.co.uk/login"),
        ("https://bank.example.com@evil.example.net/pay", "https://bank.example.com@evil.example.net/pay"),
        ("http://192.0.2.10:80/admin", "http://192.0.2.10/admin"),
        ("http://[2001:DB8:0:0::1]:8080/a", "http://[2001:db8::1]:8080/a"),
        ("https://BÜCHER.example/Ä", "https://bücher.example/Ä"),
        ("ftp://files.example.org:21/pub", "ftp://files.example.org/pub"),
        ("https://example.com?q=1", "https://example.com/?q=1"),
    ])
    func urls(raw: String, expected: String) {
        #expect(normalise(.url, raw).canonicalValue == expected)
    }

    @Test(arguments: [
        ("example.com/login", "not an absolute URL: expected http://, https:// or ftp://"),
        ("javascript://alert(1)", "unsupported URL scheme 'javascript'; expected http, https or ftp"),
        ("https://exa mple.com/", "not a URL: contains spaces or control characters"),
        ("https://example.com:99999/", "not a URL: port must be a number from 1 to 65535"),
        ("https://999.1.1.1/", "not a URL: invalid IPv4 address in host"),
        ("https://-bad-.com/", "not a URL: the host label '-bad-' starts or ends with a hyphen"),
        ("https://localhost/", "not a URL: the host needs at least two labels (e.g. example.com)"),
    ])
    func badURLs(raw: String, message: String) {
        #expect(normalise(.url, raw).problem == message)
    }

    @Test func urlAndEmailGetRegistrableDomainFromTheList() throws {
        let url = try normalise(.url, "https://a.b.victim-bank.co.uk/x", normaliser: withSuffixes).get()
        #expect(url.registrableDomain == "victim-bank.co.uk")
        let pages = try normalise(.url, "https://scam.github.io/", normaliser: withSuffixes).get()
        #expect(pages.registrableDomain == "scam.github.io")
        let email = try normalise(.email, "Refunds@Mail.Example.COM", normaliser: withSuffixes).get()
        #expect(email.value == "Refunds@mail.example.com")
        #expect(email.registrableDomain == "example.com")
        #expect(try normalise(.url, "https://a.example.com/").get().registrableDomain == nil)
    }

    @Test(arguments: [
        ("WWW.Example.CO.UK.", "www.example.co.uk"),
        ("evil[.]example[.]com", "evil.example.com"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("Bücher.Example", "bücher.example"),
    ])
    func domains(raw: String, expected: String) {
        #expect(normalise(.domain, raw).canonicalValue == expected)
    }

    @Test(arguments: [
        ("example", "not a valid domain name: needs at least two labels (e.g. example.com)"),
        ("exa_mple.com", "not a valid domain name: label 'exa_mple' contains characters not allowed in a host name"),
        ("a..com", "not a valid domain name: label '' is empty"),
        ("192.0.2.1", "is an IPv4 address: use kind ipv4"),
        ("example.123", "not a valid domain name: has an all-numeric top-level label (an IP address is not a domain)"),
        (String(repeating: "a", count: 64) + ".com",
         "not a valid domain name: label '\(String(repeating: "a", count: 64))' is longer than 63 bytes"),
    ])
    func badDomains(raw: String, message: String) {
        #expect(normalise(.domain, raw).problem == message)
    }

    @Test func emails() {
        #expect(normalise(.email, "John.Smith+scam@EXAMPLE.co.uk").canonicalValue == "John.Smith+scam@example.co.uk")
        #expect(normalise(.email, "fraud[@]example[.]com").canonicalValue == "fraud@example.com")
        #expect(normalise(.email, "no-at-sign.example.com").problem == "not an e-mail address: no @")
        #expect(normalise(.email, "a b@example.com").problem
            == "not an e-mail address: the part before @ contains characters that need quoting")
        #expect(normalise(.email, "user@localhost").problem
            == "not an e-mail address: the domain needs at least two labels (e.g. example.com)")
    }

    @Test(arguments: [
        ("192.0.2.1", "192.0.2.1"),
        ("198.51.100[.]7", "198.51.100.7"),
        ("0.0.0.0", "0.0.0.0"),
    ])
    func ipv4(raw: String, expected: String) {
        #expect(normalise(.ipv4, raw).canonicalValue == expected)
    }

    @Test(arguments: ["256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "1.2.3.-4", "1.2.3.4/24"])
    func badIPv4(raw: String) {
        #expect(normalise(.ipv4, raw).problem == "not an IPv4 address (four decimal octets 0–255, no leading zeros)")
    }

    // RFC 5952 §4 and its examples.
    @Test(arguments: [
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        ("2001:db8::0:1", "2001:db8::1"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("::1", "::1"),
        ("fe80::", "fe80::"),
        ("[2001:db8::a]", "2001:db8::a"),
        ("::ffff:192.0.2.128", "::ffff:192.0.2.128"),
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
    ])
    func ipv6Canonical(raw: String, expected: String) {
        #expect(normalise(.ipv6, raw).canonicalValue == expected)
    }

    @Test(arguments: ["2001:db8::1::1", "2001:db8:1:2:3:4:5:6:7", "12345::", "fe80::1%eth0", "2001:db8:::1", "1:2:3:4:5:6:7::8:9", "g::1"])
    func badIPv6(raw: String) {
        #expect(normalise(.ipv6, raw).problem == "not an IPv6 address")
    }
}
