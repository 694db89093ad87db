/// What STIX 2.1 itself requires of a bundle and its objects, checked before anything is mapped
/// (identifiers §2.9, common properties §3.2, timestamps §3.2/§2.15, references §2.9): a bundle
/// the specification rejects is refused with a path to each fault, not half-understood.
enum STIXConformance {
    /// Cyber-observable types (STIX 2.1 §6 and the exchange's `x-occ-` SCOs): `spec_version` is
    /// optional on these and they carry no `created`/`modified`.
    static let observableTypes: Set<String> = STIXObservables.scoTypes.union([
        "artifact", "autonomous-system", "directory", "email-message", "mac-addr", "mutex",
        "network-traffic", "process", "software", "windows-registry-key", "x509-certificate",
    ])

    /// Timestamp properties checked wherever they appear at an object's top level.
    static let timestampProperties = [
        "created", "modified", "published", "valid_from", "valid_until", "first_observed", "last_observed",
        "first_seen", "last_seen", "start_time", "stop_time",
    ]

    /// The bundle's own `type` and `id`.
    static func checkBundle(_ root: JSONObjectReader, _ problems: inout [FieldError]) {
        guard let id = root.string("id", &problems) else {
            if root.value("id") == nil { problems.append(FieldError(root.path.appending("id"), "required: bundle--<UUID>")) }
            return
        }
        if let problem = STIXIdentifier.problem(id, expectedType: "bundle") {
            problems.append(FieldError(root.path.appending("id"), problem))
        }
    }

    /// One object's identifier, version, timestamps and references.
    static func checkObject(_ object: JSONObjectReader, type: String, id: String, _ problems: inout [FieldError]) {
        if let problem = STIXIdentifier.typeProblem(type) {
            problems.append(FieldError(object.path.appending("type"), problem))
        } else if let problem = STIXIdentifier.problem(id, expectedType: type) {
            problems.append(FieldError(object.path.appending("id"), problem))
        }
        let observable = observableTypes.contains(type)
        let version = object.string("spec_version", &problems)
        if version == nil, !observable, object.value("spec_version") == nil {
            problems.append(FieldError(object.path.appending("spec_version"), "required: \"2.1\""))
        } else if let version, version != "2.1" {
            problems.append(FieldError(object.path.appending("spec_version"), "must be \"2.1\" (got \(version.quoted))"))
        }
        if !observable {
            let required = type == "marking-definition" ? ["created"] : ["created", "modified"]
            for key in required where object.value(key) == nil {
                problems.append(FieldError(object.path.appending(key), "required: a UTC timestamp such as 2026-06-01T09:30:00.000Z"))
            }
        }
        checkTimestamps(object, &problems)
        checkReferences(object, &problems)
    }

    private static func checkTimestamps(_ object: JSONObjectReader, _ problems: inout [FieldError]) {
        var dates: [String: Double] = [:]
        for key in timestampProperties {
            guard let text = object.string(key, &problems) else { continue }
            switch Timestamp.validate(text, style: .stix) {
            case .success(let date): dates[key] = date.timeIntervalSince1970
            case .failure(let error): problems.append(FieldError(object.path.appending(key), error.message))
            }
        }
        if let created = dates["created"], let modified = dates["modified"], modified < created {
            problems.append(FieldError(object.path.appending("modified"), "must not be earlier than created"))
        }
    }

    /// Every top-level `*_ref` (an identifier) and `*_refs` (a list of them) must be well formed.
    private static func checkReferences(_ object: JSONObjectReader, _ problems: inout [FieldError]) {
        for key in object.members.keys.sorted() {
            if key.hasSuffix("_ref"), let value = object.value(key) {
                checkReference(value, at: object.path.appending(key), &problems)
            } else if key.hasSuffix("_refs"), let elements = object.array(key, &problems) {
                for element in elements { checkReference(element.value, at: element.path, &problems) }
            }
        }
    }

    private static func checkReference(_ value: JSONValue, at path: FieldPath, _ problems: inout [FieldError]) {
        guard case .string(let id) = value else {
            problems.append(FieldError(path, "expected an identifier string, got \(value.typeName)"))
            return
        }
        if let problem = STIXIdentifier.problem(id) { problems.append(FieldError(path, problem)) }
    }
}
