import Domain
import Testing

/// Real addresses (Bitcoin genesis, BIP 173/350 examples, EIP-55 vectors, well-known Tron and
/// XRP accounts); each checksum was re-verified with an independent script.
@Suite struct WalletIndicatorTests {
    @Test(arguments: [
        ("bitcoin", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
        ("bitcoin", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        ("bitcoin", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        ("bitcoin", "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
         "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3"),
        ("bitcoin", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
         "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"),
        ("litecoin", "LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz", "LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz"),
        ("litecoin", "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9", "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9"),
        ("dogecoin", "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L"),
        ("tron", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
        ("ripple", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"),
        ("ethereum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
        ("ethereum", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"),
        ("bnb_smart_chain", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb"),
        ("polygon", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", "0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb"),
    ])
    func checksummedAddresses(chain: String, address: String, expected: String) throws {
        let wallet = try normalise(.cryptoWallet, address, chain: chain).get()
        #expect(wallet.value == expected)
        #expect(wallet.checksumVerified == true)
        #expect(wallet.note == nil)
        #expect(wallet.key == "crypto_wallet:\(chain):\(expected)")
    }

    @Test(arguments: [
        ("bitcoin", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "not a valid bitcoin address checksum"),
        ("bitcoin", "1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a", "not a bitcoin address: Base58 never uses 0, O, I or l"),
        ("bitcoin", "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", "a Bitcoin testnet address, not mainnet"),
        ("bitcoin", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "not a bitcoin mainnet address (unexpected version byte)"),
        ("bitcoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "not a valid bitcoin address checksum"),
        // Taproot (v1) written with the v0 Bech32 constant: BIP 350 requires Bech32m.
        ("bitcoin", "bc1pqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq5us4ke", "not a valid bitcoin address checksum"),
        ("bitcoin", "bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
         "not a valid bitcoin segwit address: mixes upper and lower case"),
        ("ethereum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "not a valid EIP-55 address checksum"),
        ("ethereum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA", "not an Ethereum-format address: expected 0x and 40 hex digits"),
        ("ripple", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi", "not a valid XRP address checksum"),
    ])
    func rejectedAddresses(chain: String, address: String, message: String) {
        #expect(normalise(.cryptoWallet, address, chain: chain).problem == message)
    }

    @Test func singleCaseEthereumHasNoChecksumToVerify() throws {
        let lower = try normalise(.cryptoWallet, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", chain: "ethereum").get()
        let upper = try normalise(.cryptoWallet, "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", chain: "ethereum").get()
        #expect(lower.value == upper.value)
        #expect(lower.checksumVerified == false)
        #expect(lower.note == "written in one case, so it carries no EIP-55 checksum to verify")
        #expect(EIP55.checksummed(lower.value) == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
    }

    @Test func syntaxOnlyChainsSaySo() throws {
        let monero = "4" + String(repeating: "A", count: 94)
        let wallet = try normalise(.cryptoWallet, monero, chain: "monero").get()
        #expect(wallet.checksumVerified == false)
        #expect(wallet.note == "accepted by syntax only: no checksum is verified for monero addresses")
        #expect(try normalise(.cryptoWallet, "some-exotic-chain-address-1234", chain: "other").get().checksumVerified == false)
    }

    @Test func chainIsRequiredAndChecked() {
        let missing = normalise(.cryptoWallet, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
        #expect(missing.problem == "required")
        #expect(normalise(.cryptoWallet, "x", chain: "fakecoin").problem?.hasPrefix("unknown chain 'fakecoin'") == true)
    }
}
