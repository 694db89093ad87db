/// File-hash algorithms accepted, told apart by hex length.
public enum HashAlgorithm: String, Sendable, Codable, CaseIterable {
    case md5
    case sha1
    case sha256

    public var hexLength: Int {
        switch self {
        case .md5: 32
        case .sha1: 40
        case .sha256: 64
        }
    }
}
