/// What a login is created to run, and so which group roles it joins and what it may be bound to.
public enum ServiceLogin: String, Sendable, CaseIterable {
    case intake
    case enrichment
    /// The tasking executable with `TASKING_MODE=all`: the worker and the agency API of the exchange.
    case tasking
    /// `TASKING_MODE=worker`: routes every referral, so it is the exchange's only.
    case taskingWorker = "tasking-worker"
    /// `TASKING_MODE=api`: an agency's own deployment (bound to it) or the exchange's central API.
    case taskingAPI = "tasking-api"
    case feedback
    case `operator`
    /// `occ retention work` and `occ retention run`: review and disposal of every organisation's records.
    case retention

    /// Every group role the migrations create, in the order documents list them.
    public static let groupRoles = ["occ_intake", "occ_enrichment", "occ_tasking", "occ_agency_api", "occ_feedback", "occ_operator", "occ_retention"]

    /// The group roles a login of this service is made a member of.
    public var groups: [String] {
        switch self {
        case .intake: ["occ_intake"]
        case .enrichment: ["occ_enrichment"]
        case .tasking: ["occ_tasking", "occ_agency_api"]
        case .taskingWorker: ["occ_tasking"]
        case .taskingAPI: ["occ_agency_api"]
        case .feedback: ["occ_feedback"]
        case .operator: ["occ_operator"]
        case .retention: ["occ_retention"]
        }
    }

    /// Whether a login of this service may be bound to `binding`. Only the partner-facing intake
    /// and the agency-facing API serve a single organisation; everything else is multi-tenant by
    /// nature (a worker routes or enriches every organisation's referrals).
    public func allows(_ binding: LoginBinding) -> Bool {
        switch (self, binding) {
        case (_, .exchange), (.intake, .partner), (.taskingAPI, .agency): true
        default: false
        }
    }
}
