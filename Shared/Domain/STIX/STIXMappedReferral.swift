/// One referral derived from a STIX bundle (from a `report`/`grouping`, or the whole bundle),
/// with enough provenance to report validation errors against the bundle itself.
public struct STIXMappedReferral: Sendable, Hashable {
    public let submission: ReferralSubmission
    /// The `report`/`grouping` object it came from, or `$` for the whole bundle.
    public let path: FieldPath
    let fieldSources: [(submission: FieldPath, stix: FieldPath)]
    let indicatorSources: [STIXIndicatorSource]
    /// Referral fields that came from query parameters (a bundle without a container).
    let queryParameters: [(name: String, field: FieldPath)]

    /// Rewrites referral field paths to bundle paths: `indicators[2].value` becomes
    /// `objects[5].pattern` or `objects[7].value`, `crime_type` becomes
    /// `objects[0].x_occ_crime_type`. A field with no STIX origin is reported at the
    /// container with its referral path in the message.
    public func translate(_ failure: ValidationFailure) -> ValidationFailure {
        ValidationFailure(failure.errors.map(translate))
    }

    private func translate(_ error: FieldError) -> FieldError {
        let components = error.path.components
        if components.count >= 2, components[0] == .key(ReferralSubmission.Key.indicators),
           case .index(let index) = components[1], indicatorSources.indices.contains(index) {
            let source = indicatorSources[index]
            guard components.count >= 3, case .key(let field) = components[2] else { return FieldError(source.path, error.message) }
            return FieldError(source.path(forField: field), error.message)
        }
        if let parameter = queryParameters.first(where: { error.path.isWithin($0.field) }) {
            return FieldError(
                .root.appending(parameter.name),
                "\(error.message) (a bundle without a report or grouping takes it from the query parameter \(parameter.name))")
        }
        let match = fieldSources
            .filter { error.path.isWithin($0.submission) }
            .max { $0.submission.components.count < $1.submission.components.count }
        guard let match else { return FieldError(path, "\(error.path): \(error.message)") }
        let rest = components.dropFirst(match.submission.components.count)
        return FieldError(FieldPath(components: match.stix.components + rest), error.message)
    }

    public static func == (lhs: STIXMappedReferral, rhs: STIXMappedReferral) -> Bool {
        lhs.submission == rhs.submission && lhs.path == rhs.path && lhs.indicatorSources == rhs.indicatorSources
            && lhs.fieldSources.map(\.submission) == rhs.fieldSources.map(\.submission)
            && lhs.fieldSources.map(\.stix) == rhs.fieldSources.map(\.stix)
            && lhs.queryParameters.map(\.name) == rhs.queryParameters.map(\.name)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(submission)
        hasher.combine(path)
    }
}
