import Postgres

/// The statements PostgreSQL spent most time executing, from `pg_stat_statements` (loaded by
/// `occ bench flow --statements N` on its throwaway server), to show where its CPU goes.
enum StatementCosts {
    struct Cost {
        let query: String
        let calls: Int
        let totalMilliseconds: Double
        let rows: Int
    }

    static let reset = PostgresQuery("bench_statements_reset", "SELECT pg_stat_statements_reset()")

    /// Top $1 by total execution time, bench's own queries left out.
    static let topQuery = PostgresQuery("bench_statements_top", """
        SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query, calls::int8 AS calls,
               total_exec_time::float8 AS total_ms, rows::int8 AS rows
        FROM pg_stat_statements
        WHERE query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%pg_locks%'
        ORDER BY total_exec_time DESC LIMIT $1
        """)

    static func top(_ count: Int, on pool: PostgresPool) async throws -> [Cost] {
        try await pool.query(topQuery.binding(count)).map { row in
            Cost(query: try row.decode(String.self, "query"), calls: Int(try row.decode(Int64.self, "calls")),
                 totalMilliseconds: try row.decode(Double.self, "total_ms"), rows: Int(try row.decode(Int64.self, "rows")))
        }
    }

    static func print(_ costs: [Cost], referrals: Int) {
        guard !costs.isEmpty else { return }
        let per = Double(max(1, referrals))
        emit("    costliest statements over (1), execution time per referral tasked (pg_stat_statements):")
        emit("      ms/referral  calls/referral  ms/call  statement")
        for cost in costs {
            emit("      \(pad(figure(cost.totalMilliseconds / per, decimals: 3), 11))  \(pad(figure(Double(cost.calls) / per, decimals: 2), 14))  "
                + "\(pad(figure(cost.totalMilliseconds / Double(max(1, cost.calls)), decimals: 3), 7))  \(cost.query)")
        }
    }
}
