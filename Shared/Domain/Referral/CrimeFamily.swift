/// The two halves of the Online Crime Centre's remit; routing keys off this first.
public enum CrimeFamily: String, Sendable, Codable, CaseIterable, Comparable {
    case fraud
    case cyber

    public static func < (lhs: CrimeFamily, rhs: CrimeFamily) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
