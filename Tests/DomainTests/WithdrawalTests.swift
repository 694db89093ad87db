import Domain
import Foundation
import Testing

@Suite struct WithdrawalTests {
    private func validate(_ json: String) throws -> Result<ReferralWithdrawal, ValidationFailure> {
        ReferralWithdrawal.validate(json: try JSONValue(parsing: Data(json.utf8)))
    }

    @Test func aReasonIsRequiredAndTrimmed() throws {
        #expect(try validate(#"{"reason": "  Wrong account number  "}"#).get().reason == "Wrong account number")
        for (json, message) in [
            (#"{}"#, "required"), (#"{"reason": "   "}"#, "must say why the referral is withdrawn"),
            (#"{"reason": 5}"#, nil), (#"{"reason": "a\u0007b"}"#, "contains control or invisible characters"),
            (#"{"reason": "\#(String(repeating: "x", count: 1_001))"}"#, "must have at most 1000 characters"),
        ] as [(String, String?)] {
            guard case .failure(let failure) = try validate(json) else {
                Issue.record("accepted \(json)")
                continue
            }
            #expect(failure.errors.map(\.path.description) == ["reason"], "\(json)")
            if let message { #expect(failure.messages(at: "reason") == [message], "\(json)") }
        }
        guard case .failure(let unknown) = try validate(#"{"reason": "x", "why": "y"}"#) else {
            Issue.record("accepted an unknown field")
            return
        }
        #expect(unknown.errors.map(\.path.description) == ["why"])
        #expect((try? validate(#"["reason"]"#).get()) == nil)
    }

    @Test func networkSplitsIntoGroupsThatStillShareKeys() {
        // a–b share k1, b–c share k2: one group; d and e share k3; f shares nothing.
        let groups = NetworkSplit.components([
            "a": ["k1"], "b": ["k1", "k2"], "c": ["k2"], "d": ["k3"], "e": ["k3", "k4"], "f": [],
        ])
        #expect(groups == [["a", "b", "c"], ["d", "e"], ["f"]])
        #expect(NetworkSplit.components([:]).isEmpty)
        #expect(NetworkSplit.components(["x": ["k"], "y": ["j"]]) == [["x"], ["y"]])
        // Joining late through a third member merges two earlier groups.
        #expect(NetworkSplit.components(["a": ["k1"], "b": ["k2"], "z": ["k1", "k2"]]) == [["a", "b", "z"]])
    }
}
