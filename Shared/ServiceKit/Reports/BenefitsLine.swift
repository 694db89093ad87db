import Domain
import Postgres

/// One line of the benefits report (the total, or one partner, sector, crime type or agency):
/// the funnel received → tasked → accepted → outcome → judicial, median times from receipt to
/// each stage, and what the outcomes add up to (money in GBP, disruptions by assessed severity
/// and by action, judicial outcomes by Home Office code). Every known severity, action and code
/// is present, zero when none, so JSON and CSV carry the same figures.
public struct BenefitsLine: Encodable, Sendable, Equatable {
    /// The severities counted, `unassessed` for a disruption recorded without one.
    public static let severities = DisruptionSeverity.allCases.map(\.rawValue) + ["unassessed"]
    public static let disruptionKinds = DisruptionKind.allCases.map(\.rawValue)
    /// The Home Office codes a judicial outcome may carry, ascending.
    public static let judicialCodes = Set(OutcomeKind.allCases.filter(\.isJudicial).flatMap(\.permittedHomeOfficeCodes)).sorted()
    public static let moneyFigures = ["money_protected_gbp", "money_restrained_gbp", "money_repatriated_gbp"]

    public let key: String
    public let received: Int
    public let tasked: Int
    public let accepted: Int
    public let withOutcome: Int
    public let judicial: Int
    public let medianSecondsToTasking: Double?
    public let medianSecondsToAcceptance: Double?
    public let medianSecondsToOutcome: Double?
    public let medianSecondsToJudicial: Double?
    /// Decimal text with two places, by `moneyFigures` name.
    public private(set) var money: [String: String] = Dictionary(uniqueKeysWithValues: moneyFigures.map { ($0, "0.00") })
    public private(set) var moneyUnconverted = 0
    public private(set) var disruptions = 0
    public private(set) var disruptionsBySeverity: [String: Int] = Dictionary(uniqueKeysWithValues: severities.map { ($0, 0) })
    public private(set) var disruptionsByKind: [String: Int] = Dictionary(uniqueKeysWithValues: disruptionKinds.map { ($0, 0) })
    public private(set) var judicialByCode: [String: Int] = Dictionary(uniqueKeysWithValues: judicialCodes.map { (String($0), 0) })

    /// Disruption requests raised in the period that count under this line's key
    /// (`RequestFigures.lines`): not the referral cohort's, so a key may have a line for its
    /// requests alone, with the funnel at zero.
    public private(set) var requests: RequestFigures.Line

    /// The request figures, by their JSON and CSV names, in the report's order.
    public static let requestFigures = ["requests_raised", "requests_completed", "requests_overdue", "median_seconds_to_complete"]

    init(row: PostgresRow) throws {
        key = try row.decode(String.self, "key")
        received = try row.decode(Int.self, "received")
        tasked = try row.decode(Int.self, "tasked")
        accepted = try row.decode(Int.self, "accepted")
        withOutcome = try row.decode(Int.self, "with_outcome")
        judicial = try row.decode(Int.self, "judicial")
        medianSecondsToTasking = try row.decode(Double?.self, "to_tasking")
        medianSecondsToAcceptance = try row.decode(Double?.self, "to_acceptance")
        medianSecondsToOutcome = try row.decode(Double?.self, "to_outcome")
        medianSecondsToJudicial = try row.decode(Double?.self, "to_judicial")
        requests = RequestFigures.Line(key: key, raised: 0, completed: 0, overdue: 0, medianSecondsToComplete: nil)
    }

    /// A line for a key with requests only: nothing of the referral cohort counts under it.
    init(requests: RequestFigures.Line) {
        key = requests.key
        (received, tasked, accepted, withOutcome, judicial) = (0, 0, 0, 0, 0)
        (medianSecondsToTasking, medianSecondsToAcceptance, medianSecondsToOutcome, medianSecondsToJudicial) = (nil, nil, nil, nil)
        self.requests = requests
    }

    mutating func apply(requests line: RequestFigures.Line) {
        requests = line
    }

    /// Adds one figure of `BenefitsQueries.outcomeFigures`; a severity, action or code this code
    /// does not know (rows older than a rename) is left out, of JSON and CSV alike.
    mutating func apply(metric: String, value: String) {
        let count = Int(value) ?? 0
        let (family, name) = metric.firstIndex(of: ":").map { (String(metric[..<$0]), String(metric[metric.index(after: $0)...])) } ?? (metric, "")
        switch family {
        case "money_unconverted": moneyUnconverted = count
        case "disruptions": disruptions = count
        case "severity" where disruptionsBySeverity[name] != nil: disruptionsBySeverity[name] = count
        case "kind" where disruptionsByKind[name] != nil: disruptionsByKind[name] = count
        case "judicial" where judicialByCode[name] != nil: judicialByCode[name] = count
        case _ where money[metric] != nil: money[metric] = value
        default: break
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: BenefitsKey.self)
        try container.encode(key, forKey: "key")
        for (name, value) in [("received", received), ("tasked", tasked), ("accepted", accepted), ("with_outcome", withOutcome),
                              ("judicial", judicial)] {
            try container.encode(value, forKey: BenefitsKey(name))
        }
        for (name, value) in medians { try container.encode(value, forKey: BenefitsKey(name)) }
        for name in Self.moneyFigures { try container.encode(money[name], forKey: BenefitsKey(name)) }
        try container.encode(moneyUnconverted, forKey: "money_unconverted")
        var nested = container.nestedContainer(keyedBy: BenefitsKey.self, forKey: "disruptions")
        try nested.encode(disruptions, forKey: "total")
        try nested.encode(disruptionsBySeverity, forKey: "by_severity")
        try nested.encode(disruptionsByKind, forKey: "by_kind")
        try container.encode(judicialByCode, forKey: "judicial_by_home_office_code")
        try container.encode(requests.raised, forKey: "requests_raised")
        try container.encode(requests.completed, forKey: "requests_completed")
        try container.encode(requests.overdue, forKey: "requests_overdue")
        try container.encode(requests.medianSecondsToComplete, forKey: "median_seconds_to_complete")
    }

    /// The medians by their JSON names, in the report's order.
    var medians: [(String, Double?)] {
        [("median_seconds_to_tasking", medianSecondsToTasking), ("median_seconds_to_acceptance", medianSecondsToAcceptance),
         ("median_seconds_to_outcome", medianSecondsToOutcome), ("median_seconds_to_judicial", medianSecondsToJudicial)]
    }
}

/// Keys named at run time (`by_partner`, `money_protected_gbp` …).
struct BenefitsKey: CodingKey, ExpressibleByStringLiteral {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringLiteral name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
