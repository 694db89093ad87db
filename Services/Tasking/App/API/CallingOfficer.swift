import Domain
import ServiceKit

/// The officer an agency request was authenticated as, under their agency.
struct CallingOfficer: Sendable {
    let id: Int64
    let agency: String
    /// `officer:42@NCA_TICAT`, as every audit event and outcome records them.
    let actor: String

    /// An audit event naming this officer and, when stated, their purpose.
    func event(
        _ action: String, subjectType: String = "tasking", subjectID: String, traceID: String? = nil, purpose: Purpose?,
        detail: [String: String] = [:]
    ) -> AuditEvent {
        AuditEvent(
            actor: actor, action: action, subjectType: subjectType, subjectID: subjectID, traceID: traceID, officer: id,
            purpose: purpose?.text, detail: detail)
    }
}
