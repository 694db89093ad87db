import Foundation
import Postgres

/// The SLA clock-stop: while a tasking waits on a partner (an RFI's answer) its SLA time does
/// not run. `pause` starts the wait, `resume` ends it and adds the waited time to the tasking's
/// `sla_paused_total`, which moves its effective deadline (`sla_deadline` itself never changes).
/// Both act only on a tasking of the agency in scope (`occ_agency_scope()`: the bound agency,
/// or for an exchange login the transaction's `occ.agency_code`), and answer whether anything
/// changed: pausing a paused or closed tasking, or resuming a running one, changes nothing.
public enum TaskingSLA {
    static let pause = PostgresQuery("tasking_sla_pause", "SELECT occ_tasking_sla_pause($1::uuid, $2::timestamptz) AS changed")
    static let resume = PostgresQuery("tasking_sla_resume", "SELECT occ_tasking_sla_resume($1::uuid, $2::timestamptz) AS changed")

    @discardableResult
    public static func pause(tasking: UUID, at instant: Date, on connection: PostgresConnection) async throws -> Bool {
        try await connection.query(pause.binding(tasking, instant)).single?.decode(Bool.self, "changed") ?? false
    }

    @discardableResult
    public static func resume(tasking: UUID, at instant: Date, on connection: PostgresConnection) async throws -> Bool {
        try await connection.query(resume.binding(tasking, instant)).single?.decode(Bool.self, "changed") ?? false
    }
}
