/// Home Office crime outcome codes (Counting Rules). The table is data so a wording or
/// numbering correction needs no code change; codes 2–3 and 7 are kept for completeness.
public struct HomeOfficeOutcomeCode: Sendable, Hashable, Codable {
    public let code: Int
    public let title: String

    public static let all: [HomeOfficeOutcomeCode] = [
        .init(code: 1, title: "Charged or summonsed"),
        .init(code: 2, title: "Caution (youth)"),
        .init(code: 3, title: "Caution (adult)"),
        .init(code: 4, title: "Taken into consideration"),
        .init(code: 5, title: "Offender died"),
        .init(code: 6, title: "Penalty notice for disorder"),
        .init(code: 7, title: "Cannabis or khat warning"),
        .init(code: 8, title: "Community resolution"),
        .init(code: 9, title: "Prosecution not in the public interest (CPS)"),
        .init(code: 10, title: "Formal action not in the public interest (police)"),
        .init(code: 11, title: "Prosecution prevented: suspect under age"),
        .init(code: 12, title: "Prosecution prevented: suspect too ill"),
        .init(code: 13, title: "Prosecution prevented: victim or key witness dead or too ill"),
        .init(code: 14, title: "Evidential difficulties: suspect not identified, victim does not support action"),
        .init(code: 15, title: "Evidential difficulties: suspect identified, victim supports action"),
        .init(code: 16, title: "Evidential difficulties: suspect identified, victim does not support action"),
        .init(code: 17, title: "Prosecution time limit expired"),
        .init(code: 18, title: "Investigation complete: no suspect identified"),
        .init(code: 20, title: "Another body or agency has investigative primacy"),
        .init(code: 21, title: "Further investigation not in the public interest"),
        .init(code: 22, title: "Diversionary, educational or intervention activity"),
    ]

    public static func lookup(_ code: Int) -> HomeOfficeOutcomeCode? {
        all.first { $0.code == code }
    }

    private enum CodingKeys: String, CodingKey {
        case code, title
    }
}
