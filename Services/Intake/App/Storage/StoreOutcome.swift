/// What storing one referral did.
enum StoreOutcome: Sendable, Hashable {
    /// Stored now, with its indicators, audit record and enrichment job.
    case created(ReferralReceipt)
    /// The same partner reference with the same content was stored before; nothing new was written.
    case replayed(ReferralReceipt)
    /// The partner reference holds different content.
    case conflict(ReferralReceipt)
}

extension StoreOutcome {
    var receipt: ReferralReceipt {
        switch self {
        case .created(let receipt), .replayed(let receipt), .conflict(let receipt): receipt
        }
    }

    var isConflict: Bool {
        if case .conflict = self { true } else { false }
    }
}
