/// Comparisons whose running time does not depend on where inputs differ, for secrets such
/// as API-key hashes and signatures.
public enum ConstantTime: Sendable {
    /// True when both byte strings are identical. Only the lengths may leak, which are public
    /// for digests and signatures.
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }
}
