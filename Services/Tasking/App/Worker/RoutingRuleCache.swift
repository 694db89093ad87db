import Domain
import Foundation
import Synchronization

/// Decoded routing rules by their stored JSON text: every job reads the rules (so an edit with
/// `occ rules` applies to the next job), but only a changed text is decoded again.
final class RoutingRuleCache: Sendable {
    private let decoded = Mutex<[String: RoutingRule]>([:])
    /// Far more than any rule set; past it the cache starts over rather than grow with edits.
    private static let limit = 1_000

    func rule(_ text: String) throws -> RoutingRule {
        if let rule = decoded.withLock({ $0[text] }) { return rule }
        let rule = try JSONDecoder().decode(RoutingRule.self, from: Data(text.utf8))
        decoded.withLock { cache in
            if cache.count >= Self.limit { cache.removeAll() }
            cache[text] = rule
        }
        return rule
    }
}
