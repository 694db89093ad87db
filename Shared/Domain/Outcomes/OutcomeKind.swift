/// What became of a tasking, in the categories partners and oversight boards see.
public enum OutcomeKind: String, Sendable, Codable, CaseIterable {
    case underInvestigation = "under_investigation"
    case charged
    case outOfCourtDisposal = "out_of_court_disposal"
    case disrupted
    case noFurtherAction = "no_further_action"
    case noSuspectIdentified = "no_suspect_identified"
    case anotherBodyDealing = "another_body_dealing"
    /// A decision not to investigate; CoLP policy sends the rationale to the referrer.
    case declined

    /// The Home Office outcome codes that fit this kind; empty when none applies.
    public var permittedHomeOfficeCodes: Set<Int> {
        switch self {
        case .charged: [1]
        case .outOfCourtDisposal: [2, 3, 4, 6, 7, 8, 22]
        case .noFurtherAction: [5, 9, 10, 11, 12, 13, 14, 15, 16, 17, 21]
        case .noSuspectIdentified: [18]
        case .anotherBodyDealing: [20]
        case .declined: [18, 21]
        case .underInvestigation, .disrupted: []
        }
    }

    /// Judicial and final outcomes must carry a code; the others may or may not.
    public var requiresHomeOfficeCode: Bool {
        switch self {
        case .charged, .outOfCourtDisposal, .noFurtherAction, .noSuspectIdentified, .anotherBodyDealing: true
        case .underInvestigation, .disrupted, .declined: false
        }
    }

    /// A judicial outcome (a charge or an out-of-court disposal): the funnel's last stage and
    /// what the benefits report counts by Home Office code.
    public var isJudicial: Bool {
        self == .charged || self == .outOfCourtDisposal
    }

    /// Still open: feedback says only that the referral is being actioned.
    public var isInProgress: Bool {
        self == .underInvestigation
    }
}

extension OutcomeKind {
    /// Wording for partners and reports.
    public var title: String {
        switch self {
        case .underInvestigation: "Under investigation"
        case .charged: "Charged or summonsed"
        case .outOfCourtDisposal: "Out-of-court disposal"
        case .disrupted: "Disrupted"
        case .noFurtherAction: "No further action"
        case .noSuspectIdentified: "Investigation complete, no suspect identified"
        case .anotherBodyDealing: "Another body is dealing"
        case .declined: "Not taken forward for investigation"
        }
    }
}
