/// Why one field of an indicator was refused, e.g. `value`: "not a valid IBAN checksum".
public struct IndicatorProblem: Sendable, Hashable {
    public let field: IndicatorSubmission.Field
    public let message: String

    public init(_ field: IndicatorSubmission.Field, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Every problem with one indicator.
public struct IndicatorFailure: Error, Sendable, Hashable {
    public let problems: [IndicatorProblem]

    public init(_ problems: [IndicatorProblem]) {
        self.problems = problems
    }

    /// The common case: one problem with `value`.
    public static func value(_ message: String) -> IndicatorFailure {
        IndicatorFailure([IndicatorProblem(.value, message)])
    }
}
