/// How hard a disruption hit the criminal network, as law enforcement assesses disruptions
/// (the values match the `disruption_severities` table, which holds their wording).
public enum DisruptionSeverity: String, Sendable, Codable, CaseIterable {
    case major
    case moderate
    case minor
}
