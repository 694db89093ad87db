import Crypto
import Foundation

/// Signs webhook bodies for partners: header `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
/// `"<t>.<body>"`, keyed with the UTF-8 bytes of the partner's secret. While a rotated secret's
/// overlap lasts the header carries one `v1=` per active secret, newest first; a receiver accepts
/// the request when any of them matches a secret it holds. The timestamp inside the MAC lets a
/// receiver refuse replays older than its tolerance.
public enum WebhookSignature: Sendable {
    public static let headerName = "OCC-Signature"

    public static func header(body: [UInt8], secret: [UInt8], timestamp: Date) -> String {
        header(body: body, secrets: [secret], timestamp: timestamp)
    }

    /// One `v1=` per secret, in the order given.
    public static func header(body: [UInt8], secrets: [[UInt8]], timestamp: Date) -> String {
        let seconds = Int(timestamp.timeIntervalSince1970.rounded(.down))
        return (["t=\(seconds)"] + secrets.map { "v1=\(Hex.encode(mac(seconds, body, $0)))" }).joined(separator: ",")
    }

    /// True when any `v1` MAC matches `secret` and the timestamp is within `tolerance` of `now`.
    public static func verify(
        header: String, body: [UInt8], secret: [UInt8], now: Date, tolerance: TimeInterval = 300
    ) -> Bool {
        var seconds: Int?
        var signatures: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { return false }
            if pair[0] == "t" { seconds = Int(pair[1]) }
            if pair[0] == "v1", let signature = Hex.decode(pair[1]) { signatures.append(signature) }
        }
        guard let seconds, !signatures.isEmpty,
              abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance
        else { return false }
        let expected = mac(seconds, body, secret)
        // Every candidate is compared, so timing does not say which one matched.
        return signatures.reduce(false) { matched, signature in ConstantTime.equals(signature, expected) || matched }
    }

    private static func mac(_ seconds: Int, _ body: [UInt8], _ secret: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticationCode(for: Array("\(seconds).".utf8) + body, key: secret)
    }
}
