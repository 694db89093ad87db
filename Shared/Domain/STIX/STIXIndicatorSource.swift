/// Where in a STIX bundle a mapped indicator came from, so validation errors can be reported
/// against the bundle the partner sent (`objects[3].pattern`) rather than the derived referral.
struct STIXIndicatorSource: Sendable, Hashable {
    /// The object (for SCOs) or its `pattern` property (for indicators).
    let path: FieldPath
    /// Indicator field → property name inside `path` (SCOs only; empty for patterns).
    let properties: [String: [String]]

    func path(forField field: String) -> FieldPath {
        (properties[field] ?? []).reduce(path) { $0.appending($1) }
    }
}

/// An indicator submission with its source, as the mapper collects them.
struct STIXMappedIndicator: Sendable, Hashable {
    let submission: IndicatorSubmission
    let source: STIXIndicatorSource
}
