import Foundation

/// Screens an officer's note before it may be released to partners, naming every hit: indicator
/// values of the network, partner names, listed operation names, dates of birth and what looks
/// like a person's name. It errs towards refusing: the officer rewrites the note.
public enum NoteScreen: Sendable {
    /// Variants shorter than this (after dropping separators) are not searched for: they would
    /// match ordinary numbers and words.
    static let minimumIndicatorLength = 5

    public static func screen(_ note: String, terms: NoteScreenTerms, recordedYear: Int) -> [NoteScreenHit] {
        var hits = Set<NoteScreenHit>()
        let compact = CompactText(note)
        for indicator in terms.indicators {
            for variant in variants(of: indicator) where variant.count >= minimumIndicatorLength {
                for range in compact.ranges(of: variant) { hits.insert(hit(.indicatorValue, range, in: note)) }
            }
        }
        for name in terms.partnerNames { hits.formUnion(phrases(name, .partnerName, in: note)) }
        for name in terms.operationNames { hits.formUnion(phrases(name, .operationName, in: note)) }
        hits.formUnion(datesOfBirth(in: note, recordedYear: recordedYear))
        hits.formUnion(personalNames(in: note, except: terms.institutionNames + terms.partnerNames + terms.operationNames))
        return hits.sorted()
    }

    /// The forms an indicator's value is written in, compacted like the note.
    static func variants(of indicator: NoteScreenTerms.Indicator) -> [String] {
        let value = indicator.value
        var variants = [value]
        switch indicator.kind {
        case "phone":
            let digits = value.filter(\.isASCIIDigit)
            variants.append(digits)
            if digits.hasPrefix("44") { variants.append("0" + digits.dropFirst(2)) }
        case "uk_bank_account":
            if let account = value.split(separator: " ").last { variants.append(String(account)) }
        case "url":
            if let host = URLComponents(string: value)?.host { variants.append(host) }
        default: break
        }
        return variants.map(CompactText.compact)
    }

    static func hit(_ category: NoteScreenHit.Category, _ range: Range<String.Index>, in note: String) -> NoteScreenHit {
        NoteScreenHit(category: category, text: String(note[range]), offset: note.distance(from: note.startIndex, to: range.lowerBound))
    }

    /// Case-insensitive occurrences of `phrase` as whole words.
    static func phrases(_ phrase: String, _ category: NoteScreenHit.Category, in note: String) -> [NoteScreenHit] {
        let trimmed = phrase.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return [] }
        var hits: [NoteScreenHit] = []
        var start = note.startIndex
        while let range = note.range(of: trimmed, options: [.caseInsensitive, .diacriticInsensitive], range: start..<note.endIndex) {
            let before = range.lowerBound == note.startIndex ? nil : note[note.index(before: range.lowerBound)]
            let after = range.upperBound == note.endIndex ? nil : note[range.upperBound]
            if !(before?.isLetterOrDigit ?? false), !(after?.isLetterOrDigit ?? false) { hits.append(hit(category, range, in: note)) }
            start = range.upperBound
        }
        return hits
    }
}

extension Character {
    var isLetterOrDigit: Bool { isLetter || isNumber }
}
