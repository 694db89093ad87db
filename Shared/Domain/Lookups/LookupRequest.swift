/// A lookup body, `{"indicators": [{"kind": "phone", "value": "07700 900123"}, …]}`, read into
/// canonical indicators (the same kinds and members as a referral's indicators), in order.
public struct LookupRequest: Sendable, Hashable {
    public let indicators: [CanonicalIndicator]

    public enum Problem: Error, Sendable, Hashable {
        /// More values than the policy allows (the caller should split the request): 400.
        case tooMany(count: Int, limit: Int)
        /// The body's shape or an indicator is wrong, every problem with its path: 422.
        case invalid(ValidationFailure)
    }

    public static func parse(
        _ json: JSONValue, limit: Int, maxFieldLength: Int = ValidationLimits.standard.maxIndicatorFieldLength,
        normaliser: IndicatorNormaliser = IndicatorNormaliser()
    ) -> Result<LookupRequest, Problem> {
        var problems: [FieldError] = []
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &problems) else {
            return .failure(.invalid(ValidationFailure(problems)))
        }
        reader.rejectUnknown(["indicators"], &problems)
        guard let elements = reader.array("indicators", &problems) else {
            if problems.isEmpty { problems.append(FieldError(.root.appending("indicators"), "required")) }
            return .failure(.invalid(ValidationFailure(problems)))
        }
        guard elements.count <= limit else { return .failure(.tooMany(count: elements.count, limit: limit)) }
        if elements.isEmpty { problems.append(FieldError(.root.appending("indicators"), "must list at least one indicator")) }
        var indicators: [CanonicalIndicator] = []
        for element in elements {
            guard let object = JSONObjectReader.make(element.value, at: element.path, problems: &problems) else { continue }
            let submission = IndicatorSubmission(reader: object, problems: &problems)
            if let long = submission.presentFields.first(where: { $0.1.count > maxFieldLength }) {
                problems.append(FieldError(element.path.appending(long.0.rawValue), "must have at most \(maxFieldLength) characters"))
                continue
            }
            switch normaliser.normalise(submission) {
            case .success(let indicator): indicators.append(indicator)
            case .failure(let failure):
                problems += failure.problems.map { FieldError(element.path.appending($0.field.rawValue), $0.message) }
            }
        }
        guard problems.isEmpty else { return .failure(.invalid(ValidationFailure(problems))) }
        return .success(LookupRequest(indicators: indicators))
    }
}
