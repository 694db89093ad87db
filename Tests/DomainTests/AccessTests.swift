import Crypto
import Domain
import Foundation
import Testing

@Suite struct AccessTests {
    @Test func apiKeyRoundTripAndHash() throws {
        let key = try #require(APIKey(id: "tel01", secretBytes: Array(0..<32)))
        #expect(key.token == "occ_tel01_000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
        let parsed = try #require(APIKey(token: key.token))
        #expect(parsed == key)
        #expect(parsed.secretHash == Hex.encode(SHA256.hash("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")))
    }

    @Test(arguments: ["", "occ_tel01", "occ_TEL01_00112233445566778899aabbccddeeff", "abc_tel01_00112233445566778899aabbccddeeff",
                      "occ_tel01_short", "occ_tel01_00112233445566778899aabbccddeeff_x", "occ_tel01_zz112233445566778899aabbccddeeff"])
    func malformedTokens(token: String) {
        #expect(APIKey(token: token) == nil)
    }

    @Test func webhookSignatureVerifiesAndRejectsReplayAndTampering() {
        let secret = Array("partner-webhook-secret".utf8)
        let body = Array(#"{"status":"outcome_recorded"}"#.utf8)
        let sent = date("2026-04-01T12:00:00Z")
        let header = WebhookSignature.header(body: body, secret: secret, timestamp: sent)
        let expectedMAC = HMACSHA256.authenticationCode(for: Array("\(Int(sent.timeIntervalSince1970)).".utf8) + body, key: secret)
        #expect(header == "t=\(Int(sent.timeIntervalSince1970)),v1=\(Hex.encode(expectedMAC))")
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, now: sent.addingTimeInterval(60)))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: secret, now: sent.addingTimeInterval(301)))
        #expect(!WebhookSignature.verify(header: header, body: body + [0x20], secret: secret, now: sent))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: Array("wrong".utf8), now: sent))
        #expect(!WebhookSignature.verify(header: "garbage", body: body, secret: secret, now: sent))
    }
}
