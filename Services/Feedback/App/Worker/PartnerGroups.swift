/// Values grouped by partner, partners in the order first seen: the feedback worker writes one
/// statement per partner (row-level security scopes each to its partner).
struct PartnerGroups<Element> {
    private(set) var groups: [(partnerID: Int64, elements: [Element])] = []
    private var index: [Int64: Int] = [:]

    mutating func append(_ element: Element, for partnerID: Int64) {
        if let position = index[partnerID] {
            groups[position].elements.append(element)
        } else {
            index[partnerID] = groups.count
            groups.append((partnerID, [element]))
        }
    }
}
