import Crypto
import Foundation

/// Signs webhook bodies for partners: header `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
/// `"<t>.<body>"` with the partner's secret. The timestamp inside the MAC lets a receiver
/// refuse replays older than its tolerance.
public enum WebhookSignature: Sendable {
    public static let headerName = "OCC-Signature"

    public static func header(body: [UInt8], secret: [UInt8], timestamp: Date) -> String {
        let seconds = Int(timestamp.timeIntervalSince1970.rounded(.down))
        return "t=\(seconds),v1=\(Hex.encode(mac(seconds, body, secret)))"
    }

    /// True when the header's MAC matches and its timestamp is within `tolerance` of `now`.
    public static func verify(
        header: String, body: [UInt8], secret: [UInt8], now: Date, tolerance: TimeInterval = 300
    ) -> Bool {
        var seconds: Int?
        var signature: [UInt8]?
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { return false }
            if pair[0] == "t" { seconds = Int(pair[1]) }
            if pair[0] == "v1" { signature = Hex.decode(pair[1]) }
        }
        guard let seconds, let signature,
              abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance
        else { return false }
        return ConstantTime.equals(signature, mac(seconds, body, secret))
    }

    private static func mac(_ seconds: Int, _ body: [UInt8], _ secret: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticationCode(for: Array("\(seconds).".utf8) + body, key: secret)
    }
}
