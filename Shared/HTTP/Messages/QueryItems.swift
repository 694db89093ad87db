/// Decoded query parameters, in order; a name may repeat.
public struct QueryItems: Sendable, Sequence {
    /// One `name=value` pair (a bare `name` has an empty value).
    public struct Item: Sendable, Equatable {
        /// The decoded name.
        public let name: String
        /// The decoded value.
        public let value: String
    }

    /// The pairs in order of appearance.
    public let items: [Item]

    /// Parses an `application/x-www-form-urlencoded` query string.
    public init(encoded query: Substring) {
        items = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = RequestTarget.decode(parts[0], plusIsSpace: true)
            let value = parts.count > 1 ? RequestTarget.decode(parts[1], plusIsSpace: true) : ""
            return Item(name: name, value: value)
        }
    }

    /// The first value of `name`.
    public subscript(_ name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// Every value of `name`.
    public func values(_ name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    public func makeIterator() -> IndexingIterator<[Item]> {
        items.makeIterator()
    }
}
