/// HTTP's optional whitespace (OWS) rules.
extension StringProtocol {
    /// The string without leading or trailing spaces and tabs (HTTP's OWS).
    func trimmingHTTPWhitespace() -> String {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isOWS($0) }), let last = lastIndex(where: { !isOWS($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
