/// Platforms whose accounts can be referred. The list is fixed so that one account is not
/// split across spellings of one platform.
public enum SocialPlatform: String, Sendable, Codable, CaseIterable {
    case facebook
    case instagram
    case threads
    case x
    case tiktok
    case youtube
    case snapchat
    case telegram
    case whatsapp
    case linkedin
    case reddit
    case discord
    case github

    /// Reads a platform name, accepting the former name `twitter` for X.
    public init?(name: String) {
        let lowered = name.lowercased()
        self.init(rawValue: lowered == "twitter" ? "x" : lowered)
    }
}
