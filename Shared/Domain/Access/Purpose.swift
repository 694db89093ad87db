/// Why an officer reads a referral or acts on a tasking, as they state it in the `X-Purpose`
/// header: the "why" of the consultation and disclosure logs DPA 2018 Part 3 s.62 requires.
///
/// Free text (a case reference, "triage of new tasking", …) within limits, so the audit log keeps
/// it whole and it prints safely: surrounding white space trimmed, then 3 to 200 printable
/// characters including at least one letter or digit.
public struct Purpose: Sendable, Hashable {
    public let text: String

    public static let header = "X-Purpose"
    public static let lengths = 3...200

    /// Why a stated purpose is refused.
    public enum Invalid: Error, Equatable, CustomStringConvertible {
        case missing
        case length(Int)
        case unprintable
        case noLetterOrDigit

        public var description: String {
            switch self {
            case .missing: "is required: say why you are reading or acting, e.g. 'X-Purpose: triage of new tasking'"
            case .length(let count): "must be \(lengths.lowerBound) to \(lengths.upperBound) characters, not \(count)"
            case .unprintable: "must be printable text on one line (no control or format characters)"
            case .noLetterOrDigit: "must contain a letter or digit"
            }
        }
    }

    /// The purpose in a header value; `nil` (header absent) or blank is `.missing`.
    public init(header value: String?) throws(Invalid) {
        let text = (value ?? "").trimmingWhitespace()
        guard !text.isEmpty else { throw .missing }
        guard text.isPrintableText else { throw .unprintable }
        guard Self.lengths.contains(text.count) else { throw .length(text.count) }
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else {
            throw .noLetterOrDigit
        }
        self.text = text
    }
}
