/// Where in a JSON document a problem lies, printed as `indicators[2].value`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public let components: [Component]

    public static let root = FieldPath(components: [])

    public init(components: [Component]) {
        self.components = components
    }

    public func appending(_ key: String) -> FieldPath {
        FieldPath(components: components + [.key(key)])
    }

    public func appending(index: Int) -> FieldPath {
        FieldPath(components: components + [.index(index)])
    }

    /// True when `self` is `other` or lies inside it.
    public func isWithin(_ other: FieldPath) -> Bool {
        components.starts(with: other.components)
    }

    /// `$` for the document itself, otherwise dotted keys with bracketed indices.
    public var description: String {
        guard !components.isEmpty else { return "$" }
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// RFC 6901 JSON Pointer, as RFC 9457 problem details use.
    public var jsonPointer: String {
        components.map { component in
            switch component {
            case .key(let key): "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            case .index(let index): "/\(index)"
            }
        }.joined()
    }
}
