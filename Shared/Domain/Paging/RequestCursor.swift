/// A position in a list of requests or RFIs (ordered by id): the last id of a page, one per
/// stream for lists holding several (the overdue list: requests, then RFIs). On the wire it is
/// opaque (base64url of `<list>.<id>[.<id>]`).
public struct RequestCursor: Sendable, Hashable, CustomStringConvertible {
    public let list: String
    public let ids: [Int64]

    public init(list: String, ids: [Int64]) {
        self.list = list
        self.ids = ids
    }

    public var description: String {
        OpaqueToken.encode(([list] + ids.map(String.init)).joined(separator: "."))
    }

    /// Reads a cursor of `list` with `count` ids back; nil for anything this code did not produce.
    public init?(_ text: String, list: String, count: Int) {
        guard let decoded = OpaqueToken.decode(text, maxLength: 128) else { return nil }
        let parts = decoded.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == count + 1, parts[0] == list else { return nil }
        let ids = parts.dropFirst().compactMap { OpaqueToken.digits($0).flatMap { Int64($0) } }
        guard ids.count == count else { return nil }
        self.init(list: list, ids: ids)
        guard description == text else { return nil }
    }
}
