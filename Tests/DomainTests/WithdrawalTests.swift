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

@Suite struct CorrectionTests {
    private let keys: Set<String> = ["phone:+447700900123", "uk_bank_account:60-16-13 31926819"]

    private func validate(_ json: String) throws -> Result<ReferralCorrection, ValidationFailure> {
        ReferralCorrection.validate(json: try JSONValue(parsing: Data(json.utf8)), keys: keys)
    }

    @Test func namesOnlyTheReferralsOwnIndicators() throws {
        let valid = try validate(#"{"reason": " Mistyped ", "remove": ["uk_bank_account:60-16-13 31926819"]}"#).get()
        #expect(valid == ReferralCorrection(reason: "Mistyped", remove: ["uk_bank_account:60-16-13 31926819"]))
        guard case .failure(let failure) = try validate(
            #"{"reason": "", "remove": ["phone:+447700900123", "phone:+447700900123", "iban:GB00", 7], "why": 1}"#) else {
            Issue.record("accepted")
            return
        }
        #expect(Set(failure.errors.map(\.path.description)) == ["reason", "remove[1]", "remove[2]", "remove[3]", "why"])
        #expect(failure.messages(at: "remove[1]") == ["named twice"])
        guard case .failure(let empty) = try validate(#"{"reason": "x", "remove": []}"#),
              case .failure(let missing) = try validate(#"{"reason": "x"}"#) else {
            Issue.record("accepted an empty or missing list")
            return
        }
        #expect(empty.messages(at: "remove") == ["must name 1 to 100 indicators"])
        #expect(missing.messages(at: "remove") == ["required"])
    }
}
