import Crypto
import Domain
import Foundation
import Testing

@Suite("webhooks: destinations, URLs, retry schedule, signatures")
struct WebhookTests {
    @Test("private, link-local, loopback and other internal addresses are refused; public ones pass", arguments: [
        ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("172.31.255.255", "private"), ("192.168.1.1", "private"),
        ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("169.254.169.254", "link-local"), ("0.0.0.0", "this network"),
        ("100.64.0.1", "shared address space (carrier-grade NAT)"), ("224.0.0.1", "multicast"), ("255.255.255.255", "reserved or broadcast"),
        ("192.0.2.7", "documentation"), ("198.18.0.1", "benchmarking"),
        ("::1", "loopback"), ("::", "unspecified"), ("fe80::1", "link-local"), ("fd12:3456::1", "unique local (private)"),
        ("fec0::1", "site-local (private)"), ("ff02::1", "multicast"), ("2001:db8::1", "documentation"),
        ("::ffff:10.0.0.1", "private"), ("::ffff:127.0.0.1", "loopback"), ("::ffff:169.254.169.254", "link-local"),
        ("64:ff9b::a00:1", "private"), ("::10.0.0.1", "IPv4-compatible (deprecated)"), ("not-an-ip", "not an IP address"),
    ])
    func deniedAddresses(address: String, reason: String) {
        #expect(WebhookAddressPolicy.denial(address, allowLoopback: false) == reason)
    }

    @Test("public addresses pass", arguments: ["8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1", "169.253.1.1",
                                            "2a00:1450:4009:81d::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "11.0.0.1"])
    func publicAddresses(address: String) {
        #expect(WebhookAddressPolicy.denial(address, allowLoopback: false) == nil)
    }

    @Test("the loopback allowance admits loopback only, never private or link-local")
    func loopbackAllowance() {
        #expect(WebhookAddressPolicy.denial("127.0.0.1", allowLoopback: true) == nil)
        #expect(WebhookAddressPolicy.denial("::1", allowLoopback: true) == nil)
        #expect(WebhookAddressPolicy.denial("::ffff:127.0.0.1", allowLoopback: true) == nil)
        #expect(WebhookAddressPolicy.denial("10.0.0.1", allowLoopback: true) == "private")
        #expect(WebhookAddressPolicy.denial("169.254.169.254", allowLoopback: true) == "link-local")
    }

    @Test("one internal address among the resolved ones refuses the destination; otherwise the first is used")
    func choosing() {
        #expect(WebhookAddressPolicy.choose(["8.8.8.8", "2a00:1450::1"], allowLoopback: false) == .success("8.8.8.8"))
        #expect(WebhookAddressPolicy.choose(["8.8.8.8", "10.0.0.1"], allowLoopback: false)
            == .failure(.denied(address: "10.0.0.1", reason: "private")))
        #expect(WebhookAddressPolicy.choose([], allowLoopback: false) == .failure(.unresolved))
        #expect(WebhookAddressPolicy.choose(["127.0.0.1"], allowLoopback: false).isFailure)
    }

    @Test("URLs: http only, a host, a port in range, no credentials or fragment")
    func urls() throws {
        let url = try WebhookURL("http://Hooks.Example.com:8443/occ/events?x=1")
        #expect(url.host == "hooks.example.com")
        #expect(url.port == 8443)
        #expect(url.target == "/occ/events?x=1")
        #expect(url.hostHeader == "hooks.example.com:8443")
        let bare = try WebhookURL("http://203.0.113.9")
        #expect(bare.port == 80 && bare.target == "/" && bare.hostHeader == "203.0.113.9")
        let v6 = try WebhookURL("http://[2001:db8::1]:9000/h")
        #expect(v6.host == "2001:db8::1" && v6.hostHeader == "[2001:db8::1]:9000")
        let refusals: [(String, WebhookURLError)] = [
            ("https://example.com/", .httpsUnsupported), ("ftp://example.com/", .scheme), ("http://example.com/#x", .fragment),
            ("http://user:pw@example.com/", .userInfo), ("http:///path", .host), ("http://exa mple.com/", .invalidCharacters),
            ("http://example.com:0/", .port), ("http://example.com:70000/", .port), ("http://example.com:x/", .port),
            ("http://-bad-.com/", .host), ("http://[zz::1]/", .host), ("http://example.com/" + String(repeating: "a", count: 2048), .tooLong),
        ]
        for (text, expected) in refusals {
            #expect(throws: expected) { try WebhookURL(text) }
        }
    }

    @Test("backoff doubles to its cap; retries last the whole window, the last at its end; then a dead letter")
    func retrySchedule() {
        let policy = WebhookRetryPolicy(firstDelay: .seconds(30), maxDelay: .seconds(3600), window: .seconds(86_400))
        #expect(policy.delay(afterAttempt: 1) == .seconds(30))
        #expect(policy.delay(afterAttempt: 2) == .seconds(60))
        #expect(policy.delay(afterAttempt: 5) == .seconds(480))
        #expect(policy.delay(afterAttempt: 50) == .seconds(3600))
        let opened = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(policy.next(afterAttempt: 1, windowOpened: opened, now: opened) == .retry(at: opened.addingTimeInterval(30)))
        let late = opened.addingTimeInterval(86_400 - 60)
        #expect(policy.next(afterAttempt: 30, windowOpened: opened, now: late) == .retry(at: opened.addingTimeInterval(86_400)))
        #expect(policy.next(afterAttempt: 31, windowOpened: opened, now: opened.addingTimeInterval(86_400)) == .deadLetter)
        // Walking the schedule: the attempts span at least the 24 hours.
        var now = opened
        var attempt = 1
        while case .retry(let at) = policy.next(afterAttempt: attempt, windowOpened: opened, now: now) {
            now = at
            attempt += 1
        }
        #expect(now.timeIntervalSince(opened) >= 86_400)
        #expect((20...40).contains(attempt))
    }

    @Test("during a rotation both secrets sign; a receiver holding either verifies; a tampered body fails both")
    func rotationSignatures() {
        let old = Array("whsec_old".utf8), new = Array("whsec_new".utf8)
        let body = Array(#"{"id":"e1"}"#.utf8)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let header = WebhookSignature.header(body: body, secrets: [new, old], timestamp: now)
        #expect(header.split(separator: ",").filter { $0.hasPrefix("v1=") }.count == 2)
        #expect(WebhookSignature.verify(header: header, body: body, secret: old, now: now))
        #expect(WebhookSignature.verify(header: header, body: body, secret: new, now: now))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: Array("whsec_other".utf8), now: now))
        #expect(!WebhookSignature.verify(header: header, body: body + [0x20], secret: old, now: now))
    }

    @Test("event types are dotted lower-case words")
    func eventTypes() {
        #expect(WebhookEventType(rawValue: "request.raised") != nil)
        #expect(WebhookEventType(rawValue: "referral.withdrawn") != nil)
        for bad in ["feedback", "Feedback.Released", "a..b", ".a.b", "a.b.", "a b.c", String(repeating: "a.", count: 40) + "a"] {
            #expect(WebhookEventType(rawValue: bad) == nil)
        }
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
