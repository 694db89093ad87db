/// Undoes the "defanging" analysts apply so indicators are not clickable
/// (`hxxps://evil[.]example`, `user[@]example[.]com`) before anything else is checked.
enum Refang {
    private static let replacements: [(String, String)] = [
        ("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."), ("(dot)", "."),
        ("[:]", ":"), ("[://]", "://"), ("[@]", "@"), ("[at]", "@"), ("(at)", "@"),
    ]

    static func apply(_ text: String) -> String {
        var result = text.trimmingWhitespace()
        for (defanged, plain) in replacements where result.contains(defanged) {
            result = result.replacing(defanged, with: plain)
        }
        for scheme in ["hxxps", "hxxp", "fxp"] where result.lowercased().hasPrefix(scheme + "://") {
            let plain = scheme == "fxp" ? "ftp" : scheme.replacing("xx", with: "tt")
            result = plain + result.dropFirst(scheme.count)
        }
        return result
    }
}
