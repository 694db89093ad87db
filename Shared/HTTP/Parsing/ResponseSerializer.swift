/// Writes a response head; the server owns framing, so handler-set framing headers are replaced.
enum ResponseSerializer {
    static let framingHeaders: Set<String> = ["content-length", "transfer-encoding", "connection", "date", "keep-alive"]

    /// The status line and headers, ending with the empty line.
    static func head(
        for response: Response, keepAlive: Bool, version: HTTPVersion, bodyLength: Int, date: String
    ) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status.code) \(sanitised(response.status.reasonPhrase))\r\n"
        for field in response.headers where !framingHeaders.contains(field.key) {
            // A handler must not be able to inject header lines: invalid fields are dropped.
            guard HTTPSyntax.isToken(field.name.utf8), HTTPSyntax.isFieldValue(field.value.utf8) else { continue }
            text += "\(field.name): \(field.value)\r\n"
        }
        text += "Date: \(date)\r\n"
        if response.status.allowsBody { text += "Content-Length: \(bodyLength)\r\n" }
        if !keepAlive {
            text += "Connection: close\r\n"
        } else if version == .http1_0 {
            text += "Connection: keep-alive\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// A reason phrase restricted to printable characters.
    private static func sanitised(_ phrase: String) -> String {
        String(String.UnicodeScalarView(phrase.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }))
    }
}
