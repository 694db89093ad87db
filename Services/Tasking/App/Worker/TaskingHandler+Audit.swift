import Domain
import Foundation
import ServiceKit

extension TaskingHandler {
    /// The audit record of a routing decision. Tasking discloses the referral to agencies, so the
    /// record names the gateway it is disclosed under and any team the gateway withheld; a
    /// referral no permitted team remained for is `referral.flagged` with the reason instead. A
    /// routing run again because the network changed is `referral.rerouted`, naming why and the
    /// taskings it created or raised.
    static func event(
        _ referralID: UUID, traceID: String, teams: String, gateway: GatewayCode, routing: GatewayRouting, flag: String?,
        changes: TaskingChanges, rerouteReason: String?
    ) -> AuditEvent {
        var detail = changes.detail(teams: teams, reason: rerouteReason)
        detail["gateway"] = gateway.rawValue
        if !routing.withheld.isEmpty { detail["withheld_teams"] = routing.withheld.map(\.team.rawValue).joined(separator: ",") }
        if let flag {
            detail["reason"] = flag
            if let rerouteReason { detail["rerouted_because"] = rerouteReason }
        }
        let action = flag != nil ? "referral.flagged" : rerouteReason == nil ? "referral.tasked" : "referral.rerouted"
        return AuditEvent(
            actor: "service:tasking", action: action, subjectType: "referral",
            subjectID: referralID.uuidString.lowercased(), traceID: traceID, detail: detail)
    }
}
