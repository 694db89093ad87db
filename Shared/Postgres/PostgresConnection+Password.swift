import CLibPQ
import Glibc

extension PostgresConnection {
    /// `password` as the server stores it for `role`: a salted SCRAM-SHA-256 verifier computed here
    /// by libpq (as psql's `\password` does), so `CREATE/ALTER ROLE … PASSWORD` carries only the
    /// verifier and the plain text never reaches the server, its logs or `pg_stat_activity`.
    public func scramVerifier(password: String, role: String) async throws -> String {
        try await onExecutor(queryName: "encrypt_password") { connection in
            let handle = try connection.requireHandle("encrypt_password")
            guard let verifier = PQencryptPasswordConn(handle, password, role, "scram-sha-256") else {
                throw PostgresError(
                    .protocolViolation, queryName: "encrypt_password", reason: "libpq could not compute the password verifier",
                    serverMessage: PQerrorMessage(handle).map { String(cString: $0) })
            }
            defer { PQfreemem(verifier) }
            return String(cString: verifier)
        }
    }
}
