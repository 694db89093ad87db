import Foundation

/// The parameters of the oversight benefits report (`GET /v1/reports/benefits`): the period
/// `from`/`to` (RFC 3339; referrals received at or after `from` and before `to`), `by` (one
/// section: partner, sector, crime_type or agency; all when absent) and `format` (json or csv).
/// Every problem is reported at once, each naming its parameter; an unknown or repeated
/// parameter is a problem too, never ignored.
public struct BenefitsQuery: Sendable, Hashable {
    public enum Format: String, Sendable, CaseIterable { case json, csv }
    public static let dimensions = ["partner", "sector", "crime_type", "agency"]
    private static let names: Set<String> = ["from", "to", "by", "format"]

    public let from: Date?
    public let to: Date?
    /// The dimension asked for; nil for every section and the total.
    public let by: String?
    public let format: Format

    public init(from: Date? = nil, to: Date? = nil, by: String? = nil, format: Format = .json) {
        self.from = from
        self.to = to
        self.by = by
        self.format = format
    }

    public static func parse(_ items: [(name: String, value: String)]) -> Result<BenefitsQuery, ValidationFailure> {
        let parameters = QueryParameters(items, allowed: names)
        var problems = parameters.problems
        let values = parameters.values
        let bounds = ["from", "to"].map { name in
            values[name].flatMap { text -> Date? in
                switch Timestamp.validate(text) {
                case .success(let date): return date
                case .failure(let error):
                    problems.append(FieldError(.root.appending(name), error.message))
                    return nil
                }
            }
        }
        if let from = bounds[0], let to = bounds[1], from >= to {
            problems.append(FieldError(.root.appending("to"), "must be later than from"))
        }
        let by = values["by"]
        if let by, !dimensions.contains(by) {
            problems.append(FieldError(.root.appending("by"), "must be one of \(dimensions.joined(separator: ", "))"))
        }
        let format = values["format"].map { Format(rawValue: $0) } ?? .json
        if format == nil {
            problems.append(FieldError(.root.appending("format"), "must be json or csv"))
        }
        guard problems.isEmpty, let format else { return .failure(ValidationFailure(problems)) }
        return .success(BenefitsQuery(from: bounds[0], to: bounds[1], by: by, format: format))
    }
}
