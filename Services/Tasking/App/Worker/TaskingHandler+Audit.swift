import Domain
import Foundation
import ServiceKit

extension TaskingHandler {
    /// The audit record of a routing decision. Tasking discloses the referral to agencies, so the
    /// record names the gateway it is disclosed under and any team the gateway withheld; a
    /// referral no permitted team remained for is `referral.flagged` with the reason instead.
    static func event(
        _ referralID: UUID, traceID: String, teams: String, gateway: GatewayCode, routing: GatewayRouting, flag: String?
    ) -> AuditEvent {
        var detail = ["teams": teams, "gateway": gateway.rawValue]
        if !routing.withheld.isEmpty { detail["withheld_teams"] = routing.withheld.map(\.team.rawValue).joined(separator: ",") }
        if let flag { detail["reason"] = flag }
        return AuditEvent(
            actor: "service:tasking", action: flag == nil ? "referral.tasked" : "referral.flagged", subjectType: "referral",
            subjectID: referralID.uuidString.lowercased(), traceID: traceID, detail: detail)
    }
}
