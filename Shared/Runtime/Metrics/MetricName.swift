/// Name rules of the exposition format; invalid characters become `_` rather than failing.
enum MetricName {
    static func sanitised(_ name: String) -> String {
        sanitise(name, allowColon: true)
    }

    static func sanitisedLabel(_ name: String) -> String {
        sanitise(name, allowColon: false)
    }

    private static func sanitise(_ name: String, allowColon: Bool) -> String {
        var result = ""
        for (index, scalar) in name.unicodeScalars.enumerated() {
            let letter = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_"
                || (allowColon && scalar == ":")
            let digit = scalar >= "0" && scalar <= "9"
            result.unicodeScalars.append(letter || (digit && index > 0) ? scalar : "_")
        }
        return result.isEmpty ? "_" : result
    }
}
