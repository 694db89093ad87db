/// How a network falls apart when a member leaves it (a withdrawn referral): the members left,
/// grouped by the linking keys they still share. A network is the closure of shared keys, so two
/// members stay together exactly when a chain of shared keys joins them.
public enum NetworkSplit: Sendable {
    /// The connected groups of `keysByMember` (member → its linking keys), largest first (ties:
    /// the group with the smallest member), each sorted. A member with no key is a group of one.
    public static func components(_ keysByMember: [String: Set<String>]) -> [[String]] {
        let members = keysByMember.keys.sorted()
        var parent = Dictionary(uniqueKeysWithValues: members.map { ($0, $0) })
        func root(_ member: String) -> String {
            var current = member
            while let next = parent[current], next != current {
                parent[current] = parent[next]
                current = next
            }
            return current
        }
        var holder: [String: String] = [:]
        for member in members {
            for key in keysByMember[member] ?? [] {
                guard let other = holder[key] else {
                    holder[key] = member
                    continue
                }
                let (a, b) = (root(member), root(other))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        let groups = Dictionary(grouping: members, by: root).values.map { $0.sorted() }
        return groups.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
    }
}
