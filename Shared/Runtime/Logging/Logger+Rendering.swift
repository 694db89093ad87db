/// Rendering of a log line as JSON; hand-written so field order is stable (`ts`, `level`, `service`, `msg`).
extension Logger {
    func render(level: LogLevel, message: String, metadata: [String: String]) -> String {
        var line = "{\"ts\":"
        JSONString.append(clock(), to: &line)
        line += ",\"level\":"
        JSONString.append(level.name, to: &line)
        line += ",\"service\":"
        JSONString.append(service, to: &line)
        line += ",\"msg\":"
        JSONString.append(message, to: &line)
        for key in metadata.keys.sorted() where !Logger.reservedKeys.contains(key) {
            line += ","
            JSONString.append(key, to: &line)
            line += ":"
            JSONString.append(Redaction.redact(metadata[key] ?? "", key: key), to: &line)
        }
        line += "}"
        return line
    }

    /// Keys owned by the logger itself; metadata cannot overwrite them.
    static let reservedKeys: Set<String> = ["ts", "level", "service", "msg"]
}
