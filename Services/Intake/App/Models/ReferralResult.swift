import Domain
import Foundation
import HTTP

/// The result of one referral inside a bulk or STIX response: stored, replayed or refused.
public struct ReferralResult: Sendable, Codable, Equatable {
    /// 1-based line of a bulk upload; absent for STIX.
    public var line: Int?
    /// The status the referral would have had on its own: 201, 200, 400, 409 or 422.
    public var status: Int
    public var id: String?
    public var reference: String?
    public var partnerReference: String?
    public var detail: String?
    public var errors: [Problem.FieldError]?

    init(line: Int?, outcome: StoreOutcome) {
        self.line = line
        let receipt: ReferralReceipt
        switch outcome {
        case .created(let stored): (status, receipt) = (201, stored)
        case .replayed(let stored): (status, receipt) = (200, stored)
        case .conflict(let stored):
            (status, receipt) = (409, stored)
            detail = "partner_reference already names \(stored.reference) with different content"
        }
        if status != 409 {
            id = receipt.id
            reference = receipt.reference
        }
        partnerReference = receipt.partnerReference
    }

    init(line: Int?, error: IntakeError) {
        self.line = line
        let problem = error.problem()
        status = problem.status
        detail = problem.detail
        errors = problem.errors
    }

    /// A line that could not be stored for the service's own reasons (503); resending it is safe.
    static func unavailable(line: Int) -> ReferralResult {
        var result = ReferralResult(line: line, error: .malformed("not stored: the service could not store this referral"))
        result.status = HTTPStatus.serviceUnavailable.code
        result.errors = nil
        return result
    }

    private enum CodingKeys: String, CodingKey {
        case line, status, id, reference, detail, errors
        case partnerReference = "partner_reference"
    }
}

/// The body of a bulk or STIX response.
public struct ReferralBatchResult: Sendable, Codable, Equatable {
    public var created = 0
    public var replayed = 0
    public var rejected = 0
    /// True when the upload had more lines than one request may carry; later lines were not read.
    public var truncated = false
    public var results: [ReferralResult] = []

    mutating func add(_ result: ReferralResult) {
        switch result.status {
        case 201: created += 1
        case 200: replayed += 1
        default: rejected += 1
        }
        results.append(result)
    }
}
