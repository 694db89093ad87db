/// Per-chain address checks behind `IndicatorNormaliser.cryptoWallet`.
enum WalletAddress {
    struct Checked {
        let canonical: String
        let checksummed: Bool
        let note: String?

        init(canonical: String, checksummed: Bool, note: String? = nil) {
            self.canonical = canonical
            self.checksummed = checksummed
            self.note = note
        }
    }

    /// Base58Check version bytes of mainnet addresses, per chain.
    private static let base58Versions: [CryptoChain: Set<UInt8>] = [
        .bitcoin: [0x00, 0x05],
        .litecoin: [0x30, 0x32, 0x05],
        .dogecoin: [0x1e, 0x16],
        .tron: [0x41],
    ]

    private static let bech32Prefixes: [CryptoChain: String] = [.bitcoin: "bc", .litecoin: "ltc"]

    static func check(_ address: String, on chain: CryptoChain) throws(IndicatorFailure) -> Checked {
        if chain.isEVM { return try evm(address, chain: chain) }
        switch chain {
        case .bitcoin, .litecoin, .dogecoin, .tron:
            if let hrp = bech32Prefixes[chain], address.lowercased().hasPrefix(hrp + "1") {
                return try segwit(address, hrp: hrp, chain: chain)
            }
            return try base58Check(address, chain: chain)
        case .ripple:
            guard let payload = Base58Check.payload(address, alphabet: Base58Check.rippleAlphabet),
                  payload.count == 21, payload[0] == 0x00
            else { throw .value("not a valid XRP address checksum") }
            return Checked(canonical: address, checksummed: true)
        case .solana:
            guard let key = Base58Check.decode(address), key.count == 32 else {
                throw .value("not a Solana address: expected a Base58 32-byte public key")
            }
            return Checked(canonical: address, checksummed: false)
        case .monero:
            guard [95, 106].contains(address.count), address.first == "4" || address.first == "8",
                  Base58Check.decode(address) != nil
            else { throw .value("not a Monero address: expected 95 or 106 Base58 characters starting 4 or 8") }
            return Checked(canonical: address, checksummed: false)
        case .bitcoinCash:
            let lowered = address.lowercased()
            guard (lowered.hasPrefix("bitcoincash:q") || lowered.hasPrefix("bitcoincash:p") || lowered.hasPrefix("q") || lowered.hasPrefix("p")),
                  (42...54).contains(lowered.count)
            else { throw .value("not a Bitcoin Cash CashAddr address") }
            return Checked(canonical: lowered, checksummed: false)
        default:
            guard (16...128).contains(address.count) else { throw .value("wallet addresses have 16 to 128 characters") }
            return Checked(canonical: address, checksummed: false)
        }
    }

    private static func base58Check(_ address: String, chain: CryptoChain) throws(IndicatorFailure) -> Checked {
        guard Base58Check.decode(address) != nil else {
            throw .value("not a \(chain.rawValue) address: Base58 never uses 0, O, I or l")
        }
        guard let payload = Base58Check.payload(address) else {
            throw .value("not a valid \(chain.rawValue) address checksum")
        }
        guard payload.count == 21, base58Versions[chain]?.contains(payload[0]) == true else {
            let testnet: Set<UInt8> = [0x6f, 0xc4]
            throw .value(chain == .bitcoin && testnet.contains(payload.first ?? 0)
                ? "a Bitcoin testnet address, not mainnet"
                : "not a \(chain.rawValue) mainnet address (unexpected version byte)")
        }
        return Checked(canonical: address, checksummed: true)
    }

    private static func segwit(_ address: String, hrp: String, chain: CryptoChain) throws(IndicatorFailure) -> Checked {
        do {
            _ = try Bech32.decodeSegwit(address, hrp: hrp)
        } catch {
            switch error {
            case .checksum: throw .value("not a valid \(chain.rawValue) address checksum")
            case .syntax(let reason): throw .value("not a valid \(chain.rawValue) segwit address: \(reason)")
            }
        }
        return Checked(canonical: address.lowercased(), checksummed: true)
    }

    private static func evm(_ address: String, chain: CryptoChain) throws(IndicatorFailure) -> Checked {
        guard address.count == 42, address.hasPrefix("0x") || address.hasPrefix("0X"),
              address.dropFirst(2).allSatisfy(\.isHexDigit)
        else { throw .value("not an Ethereum-format address: expected 0x and 40 hex digits") }
        let normalised = "0x" + address.dropFirst(2)
        guard EIP55.isValid(normalised) else { throw .value("not a valid EIP-55 address checksum") }
        let letters = normalised.dropFirst(2).filter(\.isLetter)
        let mixedCase = letters != letters.lowercased() && letters != letters.uppercased()
        return Checked(
            canonical: normalised.lowercased(), checksummed: mixedCase,
            note: mixedCase ? nil : "written in one case, so it carries no EIP-55 checksum to verify")
    }
}
