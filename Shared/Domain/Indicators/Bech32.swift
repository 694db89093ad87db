/// Bech32 (BIP 173) and Bech32m (BIP 350) segregated-witness addresses.
enum Bech32 {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l")

    enum Failure: Error {
        case syntax(String)
        case checksum
    }

    /// Decodes a segwit address with human-readable part `hrp` into witness version and program.
    static func decodeSegwit(_ text: String, hrp: String) throws(Failure) -> (version: Int, program: [UInt8]) {
        guard text.count <= 90 else { throw .syntax("longer than 90 characters") }
        guard text == text.lowercased() || text == text.uppercased() else { throw .syntax("mixes upper and lower case") }
        let lowered = text.lowercased()
        guard let separator = lowered.lastIndex(of: "1"), lowered[..<separator] == hrp else {
            throw .syntax("does not start with \(hrp)1")
        }
        var data: [Int] = []
        for character in lowered[lowered.index(after: separator)...] {
            guard let value = charset.firstIndex(of: character) else { throw .syntax("contains '\(character)', not a bech32 character") }
            data.append(value)
        }
        guard data.count >= 7 else { throw .syntax("too short") }
        let constant = polymod(expand(hrp) + data)
        let version = data[0]
        guard version <= 16 else { throw .syntax("witness version above 16") }
        // BIP 350: version 0 uses the Bech32 constant 1; versions 1–16 use Bech32m.
        guard constant == (version == 0 ? 1 : 0x2bc8_30a3) else { throw .checksum }
        guard let program = convert(Array(data[1..<(data.count - 6)])), (2...40).contains(program.count) else {
            throw .syntax("witness program has an invalid length")
        }
        guard version != 0 || program.count == 20 || program.count == 32 else {
            throw .syntax("version 0 programs are 20 or 32 bytes")
        }
        return (version, program)
    }

    private static func polymod(_ values: [Int]) -> Int {
        let generators = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var checksum = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ff_ffff) << 5 ^ value
            for (bit, generator) in generators.enumerated() where (top >> bit) & 1 == 1 {
                checksum ^= generator
            }
        }
        return checksum
    }

    private static func expand(_ hrp: String) -> [Int] {
        let bytes = hrp.utf8.map(Int.init)
        return bytes.map { $0 >> 5 } + [0] + bytes.map { $0 & 31 }
    }

    /// 5-bit groups to bytes; nil when the padding is not zero bits shorter than 5.
    private static func convert(_ groups: [Int]) -> [UInt8]? {
        var accumulator = 0, bits = 0
        var bytes: [UInt8] = []
        for group in groups {
            accumulator = (accumulator << 5) | group
            bits += 5
            while bits >= 8 {
                bits -= 8
                bytes.append(UInt8((accumulator >> bits) & 0xff))
            }
        }
        guard bits < 5, (accumulator << (8 - bits)) & 0xff == 0 else { return nil }
        return bytes
    }
}
