extension IndicatorNormaliser {
    /// Social-media account: platform from the fixed list plus handle. A leading `@` (and
    /// Reddit's `u/`) is dropped. Handles are lower-cased because every listed platform
    /// matches them case-insensitively, except YouTube channel IDs (`UC…`), which are
    /// case-sensitive and kept as given. WhatsApp accounts are phone numbers, so they are
    /// normalised as E.164. Only the handle is accepted, not a profile URL.
    public func socialAccount(_ raw: String, platform platformText: String?) throws(IndicatorFailure) -> CanonicalIndicator {
        guard let platformText else { throw IndicatorFailure([IndicatorProblem(.platform, "required")]) }
        guard let platform = SocialPlatform(name: platformText) else {
            let known = SocialPlatform.allCases.map(\.rawValue).joined(separator: ", ")
            throw IndicatorFailure([IndicatorProblem(.platform, "unknown platform \(platformText.quoted); expected one of \(known)")])
        }
        if platform == .whatsapp {
            let number = try phone(raw)
            return CanonicalIndicator(kind: .socialAccount, value: number.value, qualifier: platform.rawValue, platform: platform)
        }
        var handle = raw.trimmingWhitespace()
        let isChannelID = platform == .youtube && handle.count == 24 && handle.hasPrefix("UC")
        if handle.hasPrefix("@") { handle.removeFirst() }
        if platform == .reddit, handle.lowercased().hasPrefix("u/") { handle.removeFirst(2) }
        let rule = isChannelID ? HandleRule.youtubeChannelID : HandleRule.rule(for: platform)
        guard rule.lengths.contains(handle.count),
              handle.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) || rule.extraCharacters.contains($0) })
        else {
            let lengths = "\(rule.lengths.lowerBound)–\(rule.lengths.upperBound)"
            throw .value("not a valid \(platform.rawValue) handle: \(lengths) letters, digits or \(String(rule.extraCharacters.sorted()))")
        }
        let canonical = isChannelID ? handle : handle.lowercased()
        return CanonicalIndicator(kind: .socialAccount, value: canonical, qualifier: platform.rawValue, platform: platform)
    }
}

/// Length and characters each platform allows in a handle (beyond ASCII letters and digits).
struct HandleRule {
    let lengths: ClosedRange<Int>
    let extraCharacters: Set<Character>

    static let youtubeChannelID = HandleRule(lengths: 24...24, extraCharacters: ["-", "_"])

    static func rule(for platform: SocialPlatform) -> HandleRule {
        switch platform {
        case .instagram, .threads: HandleRule(lengths: 1...30, extraCharacters: [".", "_"])
        case .x: HandleRule(lengths: 1...15, extraCharacters: ["_"])
        case .tiktok: HandleRule(lengths: 2...24, extraCharacters: [".", "_"])
        case .telegram: HandleRule(lengths: 5...32, extraCharacters: ["_"])
        case .youtube: HandleRule(lengths: 3...30, extraCharacters: [".", "_", "-"])
        case .snapchat: HandleRule(lengths: 3...15, extraCharacters: [".", "_", "-"])
        case .facebook: HandleRule(lengths: 5...50, extraCharacters: ["."])
        case .linkedin: HandleRule(lengths: 3...100, extraCharacters: ["-"])
        case .reddit: HandleRule(lengths: 3...20, extraCharacters: ["_", "-"])
        case .discord: HandleRule(lengths: 2...32, extraCharacters: [".", "_"])
        case .github: HandleRule(lengths: 1...39, extraCharacters: ["-"])
        case .whatsapp: HandleRule(lengths: 7...16, extraCharacters: ["+"])
        }
    }
}
