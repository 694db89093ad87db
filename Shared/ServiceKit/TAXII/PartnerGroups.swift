/// Values grouped by partner, partners in the order first seen: intake and the feedback worker
/// write one statement per partner (row-level security scopes each to its partner).
public struct PartnerGroups<Element> {
    public private(set) var groups: [(partnerID: Int64, elements: [Element])] = []
    private var index: [Int64: Int] = [:]

    public init() {}

    public mutating func append(contentsOf elements: some Sequence<Element>, for partnerID: Int64) {
        if let position = index[partnerID] {
            groups[position].elements.append(contentsOf: elements)
        } else {
            index[partnerID] = groups.count
            groups.append((partnerID, Array(elements)))
        }
    }

    public mutating func append(_ element: Element, for partnerID: Int64) {
        append(contentsOf: CollectionOfOne(element), for: partnerID)
    }
}
