/// A note lower-cased and stripped of separators, remembering where each kept character came
/// from, so `07700 900-123` is found as `07700900123` and quoted as written.
struct CompactText {
    static let separators: Set<Character> = [" ", "\t", "\n", "\r", "-", ".", "(", ")", "+", "/", ":", "_", "\u{00A0}"]

    private let characters: [Character]
    private let origins: [Range<String.Index>]

    init(_ text: String) {
        var characters: [Character] = []
        var origins: [Range<String.Index>] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let character = text[index]
            if !Self.separators.contains(character) {
                for lowered in character.lowercased() {
                    characters.append(lowered)
                    origins.append(index..<next)
                }
            }
            index = next
        }
        self.characters = characters
        self.origins = origins
    }

    static func compact(_ text: String) -> String {
        String(text.lowercased().filter { !separators.contains($0) })
    }

    /// Where `needle` (already compact) occurs, as ranges of the original text.
    func ranges(of needle: String) -> [Range<String.Index>] {
        let pattern = Array(needle)
        guard !pattern.isEmpty, pattern.count <= characters.count else { return [] }
        var found: [Range<String.Index>] = []
        for start in 0...(characters.count - pattern.count) where characters[start] == pattern[0] {
            if characters[start..<(start + pattern.count)].elementsEqual(pattern) {
                found.append(origins[start].lowerBound..<origins[start + pattern.count - 1].upperBound)
            }
        }
        return found
    }
}
