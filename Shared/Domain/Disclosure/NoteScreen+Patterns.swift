import Foundation

extension NoteScreen {
    private static let months = "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?"
    /// A birth cue, alone or with the date after it.
    private static let birthCue = expression(#"\b(d\.?o\.?b\b\.?|date of birth|born( on| in)?\b)"#, caseInsensitive: true)
    /// Full dates: 12/03/1985, 12-3-85 is too vague and not matched, 1985-03-12, 12 March 1985, March 12, 1985.
    private static let fullDates = [
        expression(#"\b(0?[1-9]|[12][0-9]|3[01])[/.-](0?[1-9]|1[0-2])[/.-]((19|20)[0-9]{2})\b"#, caseInsensitive: false),
        expression(#"\b((19|20)[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\b"#, caseInsensitive: false),
        expression(#"\b(0?[1-9]|[12][0-9]|3[01])(st|nd|rd|th)?\s+(of\s+)?(\#(months))\.?,?\s+((19|20)[0-9]{2})\b"#, caseInsensitive: true),
        expression(#"\b(\#(months))\.?\s+(0?[1-9]|[12][0-9]|3[01])(st|nd|rd|th)?,?\s+((19|20)[0-9]{2})\b"#, caseInsensitive: true),
    ]
    /// A title before a capitalised word: Mr Smith, Dr. Jones.
    private static let honorific = expression(#"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady)\.?\s+[A-Z][\p{L}'’-]+"#, caseInsensitive: false)
    /// A cue before a capitalised word: suspect Smith, known as Jonno.
    private static let nameCue = expression(#"\b(suspects?|named|called|aka|a\.k\.a\.|alias|known as)\s+[A-Z][\p{L}'’-]+"#, caseInsensitive: false)
    /// Two or more capitalised words in a row: John Smith.
    private static let capitalisedRun = expression(#"\b[A-Z][\p{Ll}'’-]+(\s+[A-Z][\p{Ll}'’-]+)+\b"#, caseInsensitive: false)
    /// Words that open sentences in capitals without being names.
    private static let ordinaryCapitals: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "our", "we", "they", "it", "its", "your", "thank", "thanks",
        "one", "two", "three", "four", "five", "all", "no", "not", "following", "further", "after", "before", "on", "in",
        "at", "by", "for", "with", "as", "and", "but", "please", "number", "account", "money", "police",
    ]
    /// How far back a full date must be to be taken for a date of birth rather than an event.
    static let birthYearsBack = 10

    static func datesOfBirth(in note: String, recordedYear: Int) -> [NoteScreenHit] {
        var hits = matches(birthCue, in: note).map { hit(.dateOfBirth, $0.range, in: note) }
        for pattern in fullDates {
            for match in matches(pattern, in: note) {
                let year = match.captures.compactMap { Int($0) }.first { $0 >= 1900 }
                let cued = hits.contains { abs($0.offset - note.distance(from: note.startIndex, to: match.range.lowerBound)) <= 24 }
                if cued || (year.map { $0 <= recordedYear - birthYearsBack } ?? false) { hits.append(hit(.dateOfBirth, match.range, in: note)) }
            }
        }
        return hits
    }

    static func personalNames(in note: String, except institutions: [String]) -> [NoteScreenHit] {
        let known = Set(institutions.map { $0.lowercased() })
        var hits = (matches(honorific, in: note) + matches(nameCue, in: note)).map { hit(.personalName, $0.range, in: note) }
        for match in matches(capitalisedRun, in: note) {
            let words = note[match.range].split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
            let phrase = words.drop { ordinaryCapitals.contains($0) }
            let joined = phrase.joined(separator: " ")
            guard phrase.count >= 2, !known.contains(where: { $0.contains(joined) }) else { continue }
            hits.append(hit(.personalName, match.range, in: note))
        }
        return hits
    }

    private static func expression(_ pattern: String, caseInsensitive: Bool) -> NSRegularExpression {
        // The patterns are constants: a failure here is a programming error caught by the tests.
        try! NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    private struct Match {
        let range: Range<String.Index>
        let captures: [String]
    }

    private static func matches(_ expression: NSRegularExpression, in note: String) -> [Match] {
        expression.matches(in: note, range: NSRange(note.startIndex..., in: note)).compactMap { result in
            guard let range = Range(result.range, in: note) else { return nil }
            let captures = (1..<result.numberOfRanges).compactMap { Range(result.range(at: $0), in: note).map { String(note[$0]) } }
            return Match(range: range, captures: captures)
        }
    }
}
