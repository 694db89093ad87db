import Foundation

/// Traffic Light Protocol 2.0 labels, ordered from least to most restrictive.
public enum TLP: String, Sendable, Codable, CaseIterable, Comparable {
    case clear = "CLEAR"
    case green = "GREEN"
    case amber = "AMBER"
    case amberStrict = "AMBER+STRICT"
    case red = "RED"

    /// Accepts `AMBER`, `amber` and `TLP:AMBER`; TLP 1.0's WHITE is read as CLEAR.
    public init?(label: String) {
        var text = label.trimmingCharacters(in: .whitespaces).uppercased()
        if text.hasPrefix("TLP:") { text.removeFirst(4) }
        if text == "WHITE" { text = "CLEAR" }
        self.init(rawValue: text)
    }

    private var rank: Int {
        Self.allCases.firstIndex(of: self) ?? 0
    }

    public static func < (lhs: TLP, rhs: TLP) -> Bool {
        lhs.rank < rhs.rank
    }
}
