/// The bundle's objects with their paths, indexed by id, and what each yields.
struct STIXBundleIndex {
    struct Object {
        let reader: JSONObjectReader
        let type: String
        let id: String
    }

    let bundleID: String?
    let objects: [Object]
    let byID: [String: Int]
    /// Indicators from each `indicator` (pattern) and SCO, by object position.
    let indicators: [Int: [STIXMappedIndicator]]
    /// Positions of the SCOs each `observed-data` refers to.
    let observed: [Int: [Int]]

    static let containerTypes: Set<String> = ["report", "grouping"]

    static func build(_ bundle: JSONValue, maxObjects: Int, problems: inout [FieldError]) -> STIXBundleIndex? {
        guard let root = JSONObjectReader.make(bundle, at: .root, problems: &problems) else { return nil }
        if root.string("type", &problems) != "bundle" {
            problems.append(FieldError(root.path.appending("type"), "must be \"bundle\""))
        }
        STIXConformance.checkBundle(root, &problems)
        guard let elements = root.array("objects", &problems) else {
            problems.append(FieldError(root.path.appending("objects"), "required"))
            return nil
        }
        guard elements.count <= maxObjects else {
            problems.append(FieldError(root.path.appending("objects"), "at most \(maxObjects) objects per bundle"))
            return nil
        }
        var objects: [Object] = []
        var byID: [String: Int] = [:]
        for element in elements {
            guard let reader = JSONObjectReader.make(element.value, at: element.path, problems: &problems) else { continue }
            let type = reader.string("type", &problems)
            let id = reader.string("id", &problems)
            if type == nil { problems.append(FieldError(reader.path.appending("type"), "required")) }
            if id == nil { problems.append(FieldError(reader.path.appending("id"), "required")) }
            guard let type, let id else { continue }
            STIXConformance.checkObject(reader, type: type, id: id, &problems)
            if type.hasPrefix("x-occ-"), !STIXObservables.scoTypes.contains(type) {
                problems.append(FieldError(reader.path.appending("type"), "unknown OCC extension type \(type.quoted)"))
            }
            byID[id] = objects.count
            objects.append(Object(reader: reader, type: type, id: id))
        }
        var ignored: [FieldError] = []
        var index = STIXBundleIndex(bundleID: root.string("id", &ignored), objects: objects, byID: byID, indicators: [:], observed: [:])
        index = index.extracting(problems: &problems)
        return index
    }

    /// Parses patterns and SCOs, and resolves observed-data references.
    private func extracting(problems: inout [FieldError]) -> STIXBundleIndex {
        var indicators: [Int: [STIXMappedIndicator]] = [:]
        var observed: [Int: [Int]] = [:]
        for (position, object) in objects.enumerated() {
            switch object.type {
            case "indicator":
                indicators[position] = Self.patternIndicators(object.reader, &problems)
            case "observed-data":
                observed[position] = references(object.reader, key: "object_refs", danglingIsError: true, &problems)
            case _ where STIXObservables.scoTypes.contains(object.type):
                indicators[position] = STIXObservables.indicators(fromSCO: object.reader, type: object.type, problems: &problems)
            default:
                break
            }
        }
        return STIXBundleIndex(bundleID: bundleID, objects: objects, byID: byID, indicators: indicators, observed: observed)
    }

    private static func patternIndicators(_ reader: JSONObjectReader, _ problems: inout [FieldError]) -> [STIXMappedIndicator] {
        if let patternType = reader.string("pattern_type", &problems), patternType != "stix" {
            problems.append(FieldError(reader.path.appending("pattern_type"), "only 'stix' patterns are supported"))
            return []
        }
        let path = reader.path.appending("pattern")
        guard let text = reader.string("pattern", &problems) else {
            problems.append(FieldError(path, "required"))
            return []
        }
        switch STIXPattern.parse(text) {
        case .failure(let error):
            problems.append(FieldError(path, error.message))
            return []
        case .success(let pattern):
            return pattern.groups.compactMap { group in
                switch STIXObservables.indicator(from: group) {
                case .success(let submission):
                    return STIXMappedIndicator(submission: submission, source: STIXIndicatorSource(path: path, properties: [:]))
                case .failure(let error):
                    problems.append(FieldError(path, error.message))
                    return nil
                }
            }
        }
    }

    /// Positions of the objects an `object_refs` list names (the list itself is required).
    /// Ids not in the bundle are errors when `danglingIsError` (observed-data must carry its
    /// SCOs) and skipped otherwise (a report may cite objects shared elsewhere).
    func references(_ reader: JSONObjectReader, key: String, danglingIsError: Bool, _ problems: inout [FieldError]) -> [Int] {
        guard let elements = reader.array(key, &problems) else {
            if reader.value(key) == nil { problems.append(FieldError(reader.path.appending(key), "required")) }
            return []
        }
        return elements.compactMap { element in
            // A non-string entry is reported by STIXConformance, with every other malformed reference.
            guard case .string(let id) = element.value else { return nil }
            guard let position = byID[id] else {
                if danglingIsError { problems.append(FieldError(element.path, "refers to \(id), which is not in the bundle")) }
                return nil
            }
            return position
        }
    }
}
