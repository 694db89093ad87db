import Foundation
import Postgres
import ServiceKit

/// `occ referrals flagged`.
enum ReferralsFlaggedCommand: Command {
    static let path = ["referrals", "flagged"]
    static let summary = "list referrals waiting for an OCC analyst because of their gateway"
    static let help = """
        usage: occ referrals flagged

        Prints every referral that routing could not task because its lawful gateway permits none
        of the teams the rules chose, oldest first, tab-separated: flagged at (UTC), referral
        reference, referral id, gateway, withheld teams, reason. Each was audited as
        'referral.flagged' with the same reason.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let rows = try await Database.withOperatorPool { try await $0.query(FlaggedQueries.list) }
        for row in rows {
            print([try row.decode(Date.self, "flagged_at").formatted(.iso8601), try row.decode(String.self, "reference"),
                   try row.decode(String.self, "referral_id"), try row.decode(String.self, "gateway"),
                   try row.decode([String].self, "withheld_teams").joined(separator: ","), try row.decode(String.self, "reason")]
                .joined(separator: "\t"))
        }
    }
}
