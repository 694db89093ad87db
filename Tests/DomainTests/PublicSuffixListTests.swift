import Domain
import Foundation
import Testing

/// Cases from the PSL project's test_psl.txt, against a small list holding the rules they need.
@Suite struct PublicSuffixListTests {
    private let list = PublicSuffixList(parsing: """
        // ===BEGIN ICANN DOMAINS===
        com
        biz
        uk
        co.uk
        ac
        jp
        ac.jp
        kyoto.jp
        ide.kyoto.jp
        *.kobe.jp
        !city.kobe.jp
        *.ck
        !www.ck
        us
        ak.us
        k12.ak.us
        cn
        com.cn
        公司.cn
        中国
        // ===END ICANN DOMAINS===
        // ===BEGIN PRIVATE DOMAINS===
        uk.com
        github.io
        // ===END PRIVATE DOMAINS===
        """)

    @Test(arguments: [
        ("COM", nil), ("example.COM", "example.com"), ("WwW.example.COM", "example.com"),
        (".com", nil), (".example", nil), (".example.com", nil), (".example.example", nil),
        ("example", nil), ("example.example", "example.example"), ("b.example.example", "example.example"),
        ("a.b.example.example", "example.example"),
        ("biz", nil), ("domain.biz", "domain.biz"), ("b.domain.biz", "domain.biz"),
        ("com", nil), ("example.com", "example.com"), ("a.b.example.com", "example.com"),
        ("uk.com", nil), ("example.uk.com", "example.uk.com"), ("a.b.example.uk.com", "example.uk.com"),
        ("test.ac", "test.ac"),
        ("co.uk", nil), ("example.co.uk", "example.co.uk"), ("www.example.co.uk", "example.co.uk"),
        ("jp", nil), ("test.jp", "test.jp"), ("www.test.jp", "test.jp"), ("ac.jp", nil), ("test.ac.jp", "test.ac.jp"),
        ("kyoto.jp", nil), ("test.kyoto.jp", "test.kyoto.jp"), ("ide.kyoto.jp", nil),
        ("b.ide.kyoto.jp", "b.ide.kyoto.jp"), ("a.b.ide.kyoto.jp", "b.ide.kyoto.jp"),
        ("c.kobe.jp", nil), ("b.c.kobe.jp", "b.c.kobe.jp"), ("a.b.c.kobe.jp", "b.c.kobe.jp"),
        ("city.kobe.jp", "city.kobe.jp"), ("www.city.kobe.jp", "city.kobe.jp"),
        ("ck", nil), ("test.ck", nil), ("b.test.ck", "b.test.ck"), ("a.b.test.ck", "b.test.ck"),
        ("www.ck", "www.ck"), ("www.www.ck", "www.ck"),
        ("us", nil), ("test.us", "test.us"), ("www.test.us", "test.us"), ("ak.us", nil),
        ("test.ak.us", "test.ak.us"), ("k12.ak.us", nil), ("test.k12.ak.us", "test.k12.ak.us"),
        ("食狮.com.cn", "食狮.com.cn"), ("食狮.公司.cn", "食狮.公司.cn"), ("www.食狮.公司.cn", "食狮.公司.cn"),
        ("shishi.公司.cn", "shishi.公司.cn"), ("公司.cn", nil), ("食狮.中国", "食狮.中国"), ("中国", nil),
        ("xn--85x722f.com.cn", "xn--85x722f.com.cn"), ("xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn"),
        ("www.xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn"), ("xn--55qx5d.cn", nil),
        ("xn--85x722f.xn--fiqs8s", "xn--85x722f.xn--fiqs8s"), ("xn--fiqs8s", nil),
    ] as [(String, String?)])
    func registrableDomains(domain: String, expected: String?) {
        #expect(list.registrableDomain(of: domain) == expected)
    }

    @Test func publicSuffixAndPrivateSection() {
        #expect(list.publicSuffix(of: "www.example.co.uk") == "co.uk")
        #expect(list.publicSuffix(of: "scam.github.io") == "github.io")
        let icannOnly = PublicSuffixList(parsing: "io\n// ===BEGIN PRIVATE DOMAINS===\ngithub.io\n", includePrivateDomains: false)
        #expect(icannOnly.registrableDomain(of: "scam.github.io") == "github.io")
        #expect(icannOnly.ruleCount == 1)
    }

    /// The real list from the Debian `publicsuffix` package, when installed.
    @Test func systemList() throws {
        let path = "/usr/share/publicsuffix/public_suffix_list.dat"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let system = PublicSuffixList(parsing: text)
        #expect(system.ruleCount > 5_000)
        #expect(system.registrableDomain(of: "login.victim-bank.co.uk") == "victim-bank.co.uk")
        #expect(system.registrableDomain(of: "www.ck") == "www.ck")
        #expect(system.registrableDomain(of: "a.b.test.ck") == "b.test.ck")
        #expect(system.registrableDomain(of: "www.city.kawasaki.jp") == "city.kawasaki.jp")
        #expect(system.registrableDomain(of: "scam.github.io") == "scam.github.io")
        #expect(system.registrableDomain(of: "食狮.公司.cn") == "食狮.公司.cn")
        #expect(system.registrableDomain(of: "xn--85x722f.xn--55qx5d.cn") == "xn--85x722f.xn--55qx5d.cn")
    }
}
