import Postgres

/// Every role's privileges on every table, sequence and function of the schema, and the
/// row-level-security policies, read from the catalogue and rendered as the Markdown document
/// committed as docs/privileges.md (`occ privileges` prints it; a test keeps the two equal).
public enum PrivilegeTable {
    /// How to bring docs/privileges.md up to date; quoted by the document and by the test that checks it.
    public static let regenerate = "swift build && .build/debug/occ privileges > docs/privileges.md"

    /// The document for the database on `connection` (a freshly migrated one for docs/privileges.md).
    public static func markdown(on connection: PostgresConnection) async throws -> String {
        let objects = try await connection.query(PrivilegeQueries.objects).map { row in
            Object(kind: try row.decode(String.self, "kind"), name: try row.decode(String.self, "name"), rls: try row.decode(Bool.self, "rls"))
        }.sorted { ($0.kindOrder, $0.name) < ($1.kindOrder, $1.name) }
        var cells: [Object.Key: [String: [String: [String]]]] = [:]  // object → role → privilege → columns ("" whole)
        for row in try await connection.query(PrivilegeQueries.grants) {
            let key = Object.Key(kind: try row.decode(String.self, "kind"), name: try row.decode(String.self, "name"))
            let column = try row.decode(String?.self, "column_name") ?? ""
            cells[key, default: [:]][try row.decode(String.self, "grantee"), default: [:]][try row.decode(String.self, "privilege_type"), default: []]
                .append(column)
        }
        let others = Set(cells.values.flatMap(\.keys)).subtracting(ServiceLogin.groupRoles).sorted()
        let roles = ServiceLogin.groupRoles + others
        var lines = [
            "# Database privileges",
            "",
            "Generated from the catalogue of a freshly migrated database by `occ privileges`; do not edit by hand.",
            "After changing a grant or policy, regenerate it with `\(regenerate)`",
            "(a test fails while this file and the migrations disagree). Login roles hold nothing themselves:",
            "each inherits its group roles' privileges, and the policies below decide which rows it sees from",
            "its binding in `occ_login_bindings` (see docs/identity.md). The schema owner's rights are not listed.",
            "",
            "## Grants",
            "",
            "A privilege followed by columns applies to those columns only. RLS: row-level security is on.",
            "",
            "| object | " + roles.joined(separator: " | ") + " |",
            "|---|" + String(repeating: "---|", count: roles.count),
        ]
        for object in objects {
            let byRole = cells[object.key] ?? [:]
            let label = "\(object.kind) `\(object.name)`" + (object.rls ? " (RLS)" : "")
            lines.append("| \(label) | " + roles.map { cell(byRole[$0] ?? [:]) }.joined(separator: " | ") + " |")
        }
        lines += ["", "## Row-level security policies", "", "| table | policy | command | roles |", "|---|---|---|---|"]
        for row in try await connection.query(PrivilegeQueries.policies) {
            guard let policy = try row.decode(String?.self, "policy") else {
                lines.append("| `\(try row.decode(String.self, "table_name"))` | (none: only the owner sees rows) | | |")
                continue
            }
            lines.append("| `\(try row.decode(String.self, "table_name"))` | `\(policy)` | \(try row.decode(String.self, "command")) | "
                + (try row.decode([String].self, "roles")).joined(separator: ", ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One role's privileges on one object, e.g. `SELECT (id, sector), INSERT`.
    private static func cell(_ privileges: [String: [String]]) -> String {
        order.compactMap { privilege -> String? in
            guard let columns = privileges[privilege] else { return nil }
            let named = columns.filter { !$0.isEmpty }.sorted()
            return named.count == columns.count ? "\(privilege) (\(named.joined(separator: ", ")))" : privilege
        }.joined(separator: ", ")
    }

    private static let order = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "USAGE", "EXECUTE"]

    private struct Object {
        struct Key: Hashable {
            let kind: String
            let name: String
        }

        let kind: String
        let name: String
        let rls: Bool

        var key: Key { Key(kind: kind, name: name) }
        var kindOrder: Int { ["table": 0, "view": 1, "sequence": 2, "function": 3][kind] ?? 4 }
    }
}
