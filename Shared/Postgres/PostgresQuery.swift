/// A named, parameterised statement. The name appears in errors and logs; the values never do.
///
/// Values only ever reach the server as bound parameters (`$1`, `$2`, …), never spliced into `sql`.
public struct PostgresQuery: Sendable {
    public let name: String
    public let sql: String
    public var binds: [any PostgresEncodable]

    public init(_ name: String, _ sql: String, _ binds: [any PostgresEncodable] = []) {
        self.name = name
        self.sql = sql
        self.binds = binds
    }

    /// The same statement with other values, for grouped queries declared once.
    public func binding(_ binds: any PostgresEncodable...) -> PostgresQuery {
        var copy = self
        copy.binds = binds
        return copy
    }
}
