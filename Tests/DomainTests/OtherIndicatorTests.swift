import Domain
import Testing

@Suite struct OtherIndicatorTests {
    @Test(arguments: [
        ("instagram", "@Crypto.Guru_UK", "crypto.guru_uk"),
        ("twitter", "@ElonGiveaway", "elongiveaway"),
        ("x", "Some_Handle", "some_handle"),
        ("reddit", "u/ScamHunter", "scamhunter"),
        ("telegram", "@Invest_Daily_Profit", "invest_daily_profit"),
        ("youtube", "@LiveStreamGiveaway", "livestreamgiveaway"),
        ("youtube", "UCX6OQ3DkcsbYNE6H8uQQuVA", "UCX6OQ3DkcsbYNE6H8uQQuVA"),
        ("whatsapp", "07700 900123", "+447700900123"),
    ])
    func socialAccounts(platform: String, handle: String, expected: String) {
        #expect(normalise(.socialAccount, handle, platform: platform).canonicalValue == expected)
    }

    @Test func socialKeyIncludesThePlatform() throws {
        let account = try normalise(.socialAccount, "@Crypto.Guru_UK", platform: "Instagram").get()
        #expect(account.key == "social_account:instagram:crypto.guru_uk")
        #expect(account.platform == .instagram)
    }

    @Test func badSocialAccounts() {
        #expect(normalise(.socialAccount, "has space", platform: "instagram").problem
            == "not a valid instagram handle: 1–30 letters, digits or ._")
        #expect(normalise(.socialAccount, "waytoolonghandle_x", platform: "x").problem
            == "not a valid x handle: 1–15 letters, digits or _")
        #expect(normalise(.socialAccount, "someone", platform: "myspace").problem?.hasPrefix("unknown platform 'myspace'") == true)
        #expect(normalise(.socialAccount, "someone").problem == "required")
    }

    @Test(arguments: [
        ("D41D8CD98F00B204E9800998ECF8427E", "md5"),
        ("da39a3ee5e6b4b0d3255bfef95601890afd80709", "sha1"),
        (" E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 ", "sha256"),
    ])
    func fileHashes(raw: String, algorithm: String) throws {
        let hash = try normalise(.fileHash, raw).get()
        #expect(hash.value == raw.trimmingCharacters(in: .whitespaces).lowercased())
        #expect(hash.hashAlgorithm?.rawValue == algorithm)
        #expect(hash.key == "file_hash:\(algorithm):\(hash.value)")
    }

    @Test func badFileHashes() {
        #expect(normalise(.fileHash, "abc").problem
            == "not a file hash: 3 hex digits; expected 32 (MD5), 40 (SHA-1) or 64 (SHA-256)")
        #expect(normalise(.fileHash, "zz39a3ee5e6b4b0d3255bfef95601890afd80709").problem
            == "not a file hash: expected hexadecimal digits")
        #expect(normalise(.fileHash, "da39a3ee5e6b4b0d3255bfef95601890afd80709", algorithm: "SHA-256").problem
            == "sha256 hashes have 64 hex digits, got 40")
        #expect(normalise(.fileHash, "da39a3ee5e6b4b0d3255bfef95601890afd80709", algorithm: "SHA-1").canonicalValue
            == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    @Test func smsSenderIDs() throws {
        let sender = try normalise(.smsSenderID, "  HMRC  Refund ").get()
        #expect(sender.value == "HMRC Refund")
        #expect(sender.key == "sms_sender_id:HMRC REFUND")
        #expect(try normalise(.smsSenderID, "hmrc refund").get().key == sender.key)
        #expect(normalise(.smsSenderID, "60011").canonicalValue == "60011")
        #expect(normalise(.smsSenderID, "ROYALMAIL-UK").problem == "alphanumeric sender IDs have at most 11 characters")
        #expect(normalise(.smsSenderID, "447700900123").problem
            == "numeric senders longer than 11 digits are phone numbers: use kind phone")
        #expect(normalise(.smsSenderID, "Bank<script>").problem == "may contain only letters, digits, spaces and . - _ & +")
    }

    @Test func kindIsRequiredAndUnusedFieldsAreRefused() {
        let noKind = IndicatorNormaliser().normalise(IndicatorSubmission(value: "x"))
        #expect(noKind.problem == "required")
        let badKind = IndicatorNormaliser().normalise(IndicatorSubmission(kind: "fax", value: "x"))
        #expect(badKind.problem?.hasPrefix("unknown indicator kind 'fax'; expected one of phone, sms_sender_id") == true)
        #expect(normalise(.phone, "07700900123", chain: "bitcoin").problem == "not used for kind phone")
        #expect(normalise(.domain).problem == "required")
    }
}
