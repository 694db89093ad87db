extension IndicatorNormaliser {
    /// File hash → lower-case hex; the algorithm follows from the length (32 MD5, 40 SHA-1,
    /// 64 SHA-256). A stated `algorithm` must agree with the length.
    public func fileHash(_ raw: String, algorithm: String?) throws(IndicatorFailure) -> CanonicalIndicator {
        let hex = raw.trimmingWhitespace().lowercased()
        guard hex.allSatisfy(\.isHexDigit), hex.allSatisfy(\.isASCII) else {
            throw .value("not a file hash: expected hexadecimal digits")
        }
        guard let detected = HashAlgorithm.allCases.first(where: { $0.hexLength == hex.count }) else {
            throw .value("not a file hash: \(hex.count) hex digits; expected 32 (MD5), 40 (SHA-1) or 64 (SHA-256)")
        }
        if let algorithm {
            let stated = algorithm.lowercased().filter { $0 != "-" }
            guard let named = HashAlgorithm(rawValue: stated) else {
                throw IndicatorFailure([IndicatorProblem(.algorithm, "unknown algorithm \(algorithm.quoted); expected md5, sha1 or sha256")])
            }
            guard named == detected else {
                let message = "\(named.rawValue) hashes have \(named.hexLength) hex digits, got \(hex.count)"
                throw IndicatorFailure([IndicatorProblem(.algorithm, message)])
            }
        }
        return CanonicalIndicator(kind: .fileHash, value: hex, qualifier: detected.rawValue, hashAlgorithm: detected)
    }
}
