/// Why some bytes are not JSON text: where (a byte offset) and a short reason. It never quotes
/// the input, so it is safe to log and to send back to whoever sent the bytes.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Counted from the first byte of the input.
    public let offset: Int
    public let reason: String

    public var description: String { "\(reason) at byte \(offset)" }
}
