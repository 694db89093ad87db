/// A list's `limit` parameter: 1 to `maximum` written in at most six ASCII digits (so no sign,
/// space or overflow gets through), `fallback` when absent; anything else is a problem at `limit`.
public enum PageLimit {
    public static func parse(_ text: String?, default fallback: Int, maximum: Int, problems: inout [FieldError]) -> Int {
        guard let text else { return fallback }
        if text.utf8.count <= 6, text.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(text), (1...maximum).contains(value) {
            return value
        }
        problems.append(FieldError(.root.appending("limit"), "must be an integer from 1 to \(maximum)"))
        return fallback
    }
}
