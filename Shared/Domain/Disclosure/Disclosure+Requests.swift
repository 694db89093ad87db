extension Disclosure {
    /// Addresses a disruption request on an indicator of `actioned` (the tasking's referral).
    ///
    /// 1. Only partners of the kind's acting sectors can act.
    /// 2. Where some of them referred the indicator themselves (they hold the number or account),
    ///    the request goes to those alone; otherwise to every partner of the acting sectors.
    /// 3. The request reveals the indicator's value, which is `actioned`'s data: a partner that
    ///    did not refer the indicator itself gets it only where `actioned`'s markings let its data
    ///    go to that partner (`refusal(of:to:)`: never TLP:RED, AMBER+STRICT or handling code C
    ///    of another partner). The others are withheld, with the reason.
    public static func address(_ kind: RequestKind, actioned: DisclosureSource, candidates: [RequestCandidate]) -> RequestAddressing {
        let able = candidates.filter { kind.actingSectors.contains($0.sector) }
        let holders = able.filter(\.holds)
        var addressees: [RequestCandidate] = []
        var withheld: [String: DisclosureReason] = [:]
        for candidate in holders.isEmpty ? able : holders {
            if !candidate.holds, let refusal = refusal(of: actioned, to: candidate.partnerID) {
                withheld[candidate.partnerID] = refusal
            } else {
                addressees.append(candidate)
            }
        }
        return RequestAddressing(addressees: addressees.sorted { $0.partnerID < $1.partnerID }, withheld: withheld)
    }

    /// What a partner the request was addressed to sees of it: the ask, and the outcome only when
    /// it acted itself — never which other partners were asked, nor another partner's evidence,
    /// reason or identity, nor the tasking, referral or officer behind it.
    public static func requestView(_ request: PartnerRequest, for partnerID: String) -> PartnerRequestView {
        let own = request.actedBy == partnerID
        return PartnerRequestView(
            id: request.id, agency: request.agency, kind: request.kind, indicatorKind: request.indicatorKind,
            indicatorValue: request.indicatorValue, gateway: request.gateway, tlp: max(request.tlp, .amber),
            deadline: request.deadline, note: request.note, status: request.status, raisedAt: request.raisedAt,
            acknowledgedAt: request.acknowledgedAt, actedBy: request.actedBy == nil ? nil : own ? "you" : "another partner",
            completion: own ? request.completion : nil, declinedReason: own ? request.declinedReason : nil,
            overdue: request.overdueAt != nil)
    }
}
