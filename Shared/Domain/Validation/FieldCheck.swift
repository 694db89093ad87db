/// Collects problems while validation carries on past each one.
struct FieldCheck {
    private(set) var errors: [FieldError] = []

    mutating func fail(_ path: FieldPath, _ message: String) {
        errors.append(FieldError(path, message))
    }

    /// Parses a required member, recording "required" or the parser's message.
    mutating func required<T>(_ text: String?, at path: FieldPath, _ parse: (String) -> Result<T, Message>) -> T? {
        guard let text else {
            fail(path, "required")
            return nil
        }
        return optional(text, at: path, parse)
    }

    mutating func optional<T>(_ text: String?, at path: FieldPath, _ parse: (String) -> Result<T, Message>) -> T? {
        guard let text else { return nil }
        switch parse(text) {
        case .success(let value): return value
        case .failure(let message):
            fail(path, message.text)
            return nil
        }
    }

    /// Decoding problems first; then validation problems, except at paths decoding already
    /// explained (a number sent for a string is not also "required").
    func merged(with decodingProblems: [FieldError]) -> [FieldError] {
        decodingProblems + errors.filter { error in
            !decodingProblems.contains { error.path.isWithin($0.path) }
        }
    }

    /// A validation message; a type so `Result` can carry it.
    struct Message: Error, ExpressibleByStringInterpolation {
        let text: String

        init(stringLiteral value: String) {
            text = value
        }

        init(stringInterpolation: DefaultStringInterpolation) {
            text = String(stringInterpolation: stringInterpolation)
        }
    }
}
