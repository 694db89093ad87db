extension IndicatorNormaliser {
    /// Crypto wallet address on a named chain. Checksums are verified where the format has
    /// one: Bitcoin (Base58Check P2PKH/P2SH, Bech32 segwit v0, Bech32m v1+), Litecoin,
    /// Dogecoin and Tron (Base58Check), XRP (Base58Check, XRP alphabet) and Ethereum-format
    /// chains (EIP-55; all-lower or all-upper carries no checksum and is accepted).
    /// Solana is checked for a 32-byte Base58 key; Monero, Bitcoin Cash and `other` are
    /// accepted by syntax only, with a note saying so. Canonical form: Base58 as given (it
    /// is case-sensitive), Bech32 and Ethereum-format lower-case.
    public func cryptoWallet(_ raw: String, chain chainText: String?) throws(IndicatorFailure) -> CanonicalIndicator {
        guard let chainText else { throw IndicatorFailure([IndicatorProblem(.chain, "required")]) }
        guard let chain = CryptoChain(rawValue: chainText.lowercased()) else {
            let known = CryptoChain.allCases.map(\.rawValue).joined(separator: ", ")
            throw IndicatorFailure([IndicatorProblem(.chain, "unknown chain \(chainText.quoted); expected one of \(known)")])
        }
        let address = raw.trimmingWhitespace()
        guard !address.isEmpty, address.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) || $0 == ":" || $0 == "_" || $0 == "-" }) else {
            throw .value("not a \(chain.rawValue) address: unexpected characters")
        }
        let verified = try WalletAddress.check(address, on: chain)
        return CanonicalIndicator(
            kind: .cryptoWallet, value: verified.canonical, qualifier: chain.rawValue, chain: chain,
            checksumVerified: verified.checksummed,
            note: verified.checksummed
                ? nil : verified.note ?? "accepted by syntax only: no checksum is verified for \(chain.rawValue) addresses")
    }
}
