/// SHA-1 (FIPS 180-4). Broken for collision resistance; present only because name-based
/// UUIDs (RFC 9562 version 5) are defined over it. Never use it for signatures or keys.
public enum SHA1: Sendable {
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var state: [UInt32] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0]
        let bitLength = UInt64(bytes.count) &* 8
        var message = bytes
        message.append(0x80)
        while message.count % 64 != 56 { message.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        for start in stride(from: 0, to: message.count, by: 64) {
            compress(message[start..<start + 64], into: &state)
        }
        return state.flatMap(\.bigEndianBytes)
    }

    private static func compress(_ block: ArraySlice<UInt8>, into state: inout [UInt32]) {
        var w = [UInt32](repeating: 0, count: 80)
        for t in 0..<16 {
            let offset = block.startIndex + t * 4
            w[t] = UInt32(bigEndianBytes: block[offset..<offset + 4])
        }
        for t in 16..<80 {
            w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotatedLeft(1)
        }
        var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
        for t in 0..<80 {
            let (f, k): (UInt32, UInt32) = switch t {
            case 0..<20: ((b & c) | (~b & d), 0x5a82_7999)
            case 20..<40: (b ^ c ^ d, 0x6ed9_eba1)
            case 40..<60: ((b & c) | (b & d) | (c & d), 0x8f1b_bcdc)
            default: (b ^ c ^ d, 0xca62_c1d6)
            }
            let temp = a.rotatedLeft(5) &+ f &+ e &+ k &+ w[t]
            (e, d, c, b, a) = (d, c, b.rotatedLeft(30), a, temp)
        }
        for (index, value) in [a, b, c, d, e].enumerated() {
            state[index] &+= value
        }
    }
}
