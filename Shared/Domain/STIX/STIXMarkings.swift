/// The official marking-definition ids for TLP in STIX 2.1: TLP 2.0 (FIRST, published by
/// OASIS CTI in 2022) and, read-only, the TLP 1.0 ids still common in older feeds.
public enum STIXMarkings: Sendable {
    /// The TLP 2.0 marking-definition id for a level.
    public static func markingID(for tlp: TLP) -> String {
        switch tlp {
        case .clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
        case .green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
        case .amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
        case .amberStrict: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
        case .red: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
        }
    }

    private static let tlp1: [String: TLP] = [
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": .clear,
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": .green,
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": .amber,
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": .red,
    ]

    /// The TLP level a marking-definition id stands for; nil for any other marking.
    public static func tlp(forMarkingID id: String) -> TLP? {
        TLP.allCases.first { markingID(for: $0) == id } ?? tlp1[id]
    }
}
