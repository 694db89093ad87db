/// 3x5x2 handling code: P lawful sharing permitted, C sharing only under stated conditions.
public enum HandlingCode: String, Sendable, Codable, CaseIterable {
    case permitted = "P"
    case conditions = "C"
}
