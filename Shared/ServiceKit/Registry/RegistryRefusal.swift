/// A registry change refused for a reason the operator can fix.
public struct RegistryRefusal: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
