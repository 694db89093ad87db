extension STIXObservables {
    /// The indicators one SCO yields: one per indicator kind it carries, and one per
    /// supported hash of a `file`. Wrong property types are recorded at their paths.
    static func indicators(fromSCO object: JSONObjectReader, type: String, problems: inout [FieldError]) -> [STIXMappedIndicator] {
        if type == "file" { return fileHashes(object, &problems) }
        var submissions: [IndicatorKind: IndicatorSubmission] = [:]
        var fields: [IndicatorKind: [String: [String]]] = [:]
        for property in object.members.keys.sorted() {
            guard let target = properties["\(type):\(property)"],
                  let text = object.string(property, &problems) else { continue }
            // account_login wins over user_id when both are given.
            if property == "user_id", object.value("account_login") != nil { continue }
            var submission = submissions[target.kind] ?? IndicatorSubmission(kind: target.kind.rawValue)
            _ = submission.set(target.field, to: text)
            submissions[target.kind] = submission
            fields[target.kind, default: [:]][target.field.rawValue] = [property]
        }
        guard !submissions.isEmpty else {
            problems.append(FieldError(object.path, "\(type) object carries no property that maps to an indicator"))
            return []
        }
        return submissions.keys.sorted().compactMap { kind in
            submissions[kind].map {
                STIXMappedIndicator(submission: $0, source: STIXIndicatorSource(path: object.path, properties: fields[kind] ?? [:]))
            }
        }
    }

    private static func fileHashes(_ object: JSONObjectReader, _ problems: inout [FieldError]) -> [STIXMappedIndicator] {
        guard let hashes = object.object("hashes", &problems) else {
            problems.append(FieldError(object.path.appending("hashes"), "required: an MD5, SHA-1 or SHA-256 hash"))
            return []
        }
        let found = hashAlgorithms.compactMap { algorithm -> STIXMappedIndicator? in
            guard let hex = hashes.string(algorithm.stix, &problems) else { return nil }
            return STIXMappedIndicator(
                submission: IndicatorSubmission(kind: IndicatorKind.fileHash.rawValue, value: hex, algorithm: algorithm.code),
                source: STIXIndicatorSource(path: object.path, properties: ["value": ["hashes", algorithm.stix], "algorithm": ["hashes"]]))
        }
        if found.isEmpty {
            problems.append(FieldError(object.path.appending("hashes"), "no MD5, SHA-1 or SHA-256 hash"))
        }
        return found
    }
}
