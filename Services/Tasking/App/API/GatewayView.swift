import Postgres

/// The lawful gateway a tasked referral was shared under, as officers read it: the code, what the
/// registry calls it, the statute and the limits on passing it on. Only the code when the registry
/// does not hold it.
struct GatewayView: Encodable, Sendable {
    let code: String
    let title: String?
    let citation: String?
    let onwardDisclosure: String?

    init(row: PostgresRow) throws {
        code = try row.decode(String.self, "gateway")
        title = try row.decode(String?.self, "gateway_title")
        citation = try row.decode(String?.self, "gateway_citation")
        onwardDisclosure = try row.decode(String?.self, "gateway_onward_disclosure")
    }

    private enum CodingKeys: String, CodingKey {
        case code, title, citation
        case onwardDisclosure = "onward_disclosure"
    }
}
