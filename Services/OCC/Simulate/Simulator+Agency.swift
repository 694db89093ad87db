import Foundation

extension Simulator {
    /// Checks an agency's own tasking deployment (`TASKING_MODE=api`, a login bound to `agency`):
    /// it lists exactly the agency's taskings the exchange's deployment lists, refuses another
    /// agency's tasking, and does not even authenticate another agency's officer.
    func checkAgencyDeployment(_ deployment: SimulatorClient, agency: String, taskings: [String: [[String: Any]]]) async throws {
        emit("\n== 6. \(agency)'s own tasking deployment (\(deployment.endpoint))")
        let own = Set((taskings[agency] ?? []).compactMap { $0["id"] as? String })
        let others = taskings.filter { $0.key != agency }.flatMap { $0.value }.compactMap { $0["id"] as? String }
        let (status, items) = try await deployment.taskings(key: try keys.officer(agency))
        let listed = Set(items.compactMap { $0["id"] as? String })
        emit("  \(agency) officer lists \(listed.count) tasking(s) there (HTTP \(status)); the exchange's deployment lists \(own.count) for \(agency)")
        checks.expect(status == 200 && !listed.isEmpty && listed.isDisjoint(with: Set(others)),
                      "\(agency)'s deployment lists only \(agency)'s taskings")
        checks.expect(own.isSubset(of: listed), "\(agency)'s deployment lists every \(agency) tasking the exchange routed")
        if let ownID = listed.first {
            let read = try await deployment.call(.get, "/v1/taskings/\(ownID)", key: try keys.officer(agency), purpose: "checking the agency deployment")
            checks.expect(read.status == 200, "\(agency) reads its own tasking there", detail: "HTTP \(read.status)")
        }
        // Another agency with a tasking, in the fixed order of the simulator's agencies.
        guard let otherAgency = SimulatorKeys.agencies.map(\.0).first(where: { $0 != agency && !(taskings[$0] ?? []).isEmpty }),
              let foreign = taskings[otherAgency]?.first?["id"] as? String else {
            checks.expect(false, "another agency has a tasking to try")
            return
        }
        let refused = try await deployment.call(.get, "/v1/taskings/\(foreign)", key: try keys.officer(agency), purpose: "checking isolation")
        checks.expect(refused.status == 404, "\(agency)'s deployment refuses \(otherAgency)'s tasking \(foreign.prefix(8)) (404)", detail: "HTTP \(refused.status)")
        let accept = try await deployment.call(.post, "/v1/taskings/\(foreign)/accept", key: try keys.officer(agency), json: [:], purpose: "checking isolation")
        checks.expect(accept.status == 404, "\(agency)'s deployment cannot accept \(otherAgency)'s tasking (404)", detail: "HTTP \(accept.status)")
        let stranger = try await deployment.taskings(key: try keys.officer(otherAgency))
        checks.expect(stranger.status == 401 || stranger.status == 403,
                      "\(otherAgency)'s officer is not authenticated by \(agency)'s deployment (\(stranger.status))",
                      detail: "listed \(stranger.items.count)")
    }
}
