import Domain
import Foundation
import Testing

@Suite struct OutcomeFiguresValidationTests {
    private let recordedAt = date("2026-03-20T10:00:00Z")

    private func validate(_ json: String) throws -> Result<Outcome, ValidationFailure> {
        OutcomeValidator.validate(json: try JSONValue(parsing: Data(json.utf8)), recordedAt: recordedAt)
    }

    @Test func severitySuspectsAndOCGAreRead() throws {
        let outcome = try validate("""
            {"kind": "disrupted", "disruption_severity": "moderate", "suspects": 4, "ocg_reference": "OCG/2026/014",
             "assets_restrained": {"amount": "10", "currency": "EUR"}}
            """).get()
        #expect(outcome.disruptionSeverity == .moderate && outcome.suspects == 4 && outcome.ocgReference == "OCG/2026/014")
        #expect(outcome.assetsRestrained?.amount == "10.00" && outcome.assetsRestrained?.currency == "EUR")
        #expect(try JSONDecoder().decode(Outcome.self, from: JSONEncoder().encode(outcome)) == outcome)
        // A severity rates a disruption: listed disruptions carry one on any kind.
        #expect(try validate(#"{"kind": "charged", "home_office_code": 1, "disruption_severity": "minor", "disruptions": [{"kind": "block_number"}]}"#)
            .get().disruptionSeverity == .minor)
    }

    @Test(arguments: [
        (#"{"kind": "charged", "home_office_code": 1, "disruption_severity": "major"}"#, "disruption_severity: only recorded with disrupted or with listed disruptions"),
        (#"{"kind": "disrupted", "disruption_severity": "huge"}"#, "disruption_severity: must be one of major, moderate, minor"),
        (#"{"kind": "disrupted", "suspects": 10001}"#, "suspects: must be an integer from 0 to 10000"),
        (#"{"kind": "disrupted", "suspects": -1}"#, "suspects: must be an integer from 0 to 10000"),
        (#"{"kind": "disrupted", "ocg_reference": "OCG 14"}"#,
         "ocg_reference: must be 1 to 64 letters, digits or / _ . : - (the agency's OCG reference)"),
        (#"{"kind": "disrupted", "ocg_reference": ""}"#,
         "ocg_reference: must be 1 to 64 letters, digits or / _ . : - (the agency's OCG reference)"),
    ])
    func badFiguresAreNamed(json: String, message: String) throws {
        guard case .failure(let failure) = try validate(json) else { Issue.record("accepted \(json)"); return }
        #expect(failure.errors.map(\.description) == [message])
    }

    @Test func judicialKindsAreChargesAndDisposals() {
        #expect(OutcomeKind.allCases.filter(\.isJudicial) == [.charged, .outOfCourtDisposal])
    }
}

@Suite struct TaskingDecisionTests {
    @Test func transferNamesTeamAndReason() throws {
        let transfer = try TaskingTransfer.validate(json: try JSONValue(parsing: Data(#"{"to_team": "ROCU_WALES", "reason": " Victim in Cardiff. "}"#.utf8))).get()
        #expect(transfer == TaskingTransfer(toTeam: "ROCU_WALES", reason: "Victim in Cardiff."))
        guard case .failure(let failure) = TaskingTransfer.validate(json: try JSONValue(parsing: Data(#"{"to_team": "wales", "why": 1}"#.utf8))) else {
            Issue.record("accepted"); return
        }
        #expect(failure.errors.map(\.path.description).sorted() == ["reason", "to_team", "why"])
    }

    @Test func leadNamesATeam() throws {
        #expect(try LeadAgencyDesignation.validate(json: try JSONValue(parsing: Data(#"{"team": "COLP_FTC"}"#.utf8))).get().team == "COLP_FTC")
        guard case .failure(let failure) = LeadAgencyDesignation.validate(json: .array([])) else { Issue.record("accepted"); return }
        #expect(!failure.errors.isEmpty)
    }

    @Test func listFiltersBySLAFlag() throws {
        #expect(try TaskingListQuery.parse([("sla", "overdue")]).get().sla == "overdue")
        guard case .failure(let failure) = TaskingListQuery.parse([("sla", "late")]) else { Issue.record("accepted"); return }
        #expect(failure.errors.map(\.path.description) == ["sla"])
    }

    @Test func transferCursorsRoundTripAndRefuseForgeries() throws {
        #expect(try TransferListQuery.parse([("cursor", TransferListQuery.cursor(after: 42)), ("limit", "5")]).get() == TransferListQuery(before: 42, limit: 5))
        for bad in [[("cursor", "42")], [("limit", "501")], [("limit", "1"), ("limit", "2")], [("direction", "in")]] {
            guard case .failure = TransferListQuery.parse(bad) else { Issue.record("accepted \(bad)"); continue }
        }
    }
}
