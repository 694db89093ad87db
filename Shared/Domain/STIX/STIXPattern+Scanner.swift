extension STIXPattern {
    /// A hand-written recursive-descent scanner over the pattern's characters.
    struct Scanner {
        let characters: [Character]
        var position = 0

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return position == characters.count
            }
        }

        func error(_ reason: String) -> STIXPatternError {
            STIXPatternError(message: "unsupported pattern: \(reason) at character \(position + 1)")
        }

        /// `[ comparison (AND|OR comparison)* ]` → one group (AND) or one group per comparison (OR).
        mutating func observation() throws(STIXPatternError) -> [[Comparison]] {
            try expect("[")
            var comparisons = [try comparison()]
            var joiner: String?
            while true {
                skipSpace()
                let start = position
                guard let word = keyword(), word == "AND" || word == "OR" else { break }
                guard joiner == nil || joiner == word else {
                    position = start
                    throw error("mixed AND and OR need parentheses, which are not supported")
                }
                joiner = word
                comparisons.append(try comparison())
            }
            try expect("]")
            return joiner == "OR" ? comparisons.map { [$0] } : [comparisons]
        }

        /// Consumes OR/AND between observations; false at the end of the pattern.
        mutating func observationJoiner() throws(STIXPatternError) -> Bool {
            if atEnd { return false }
            guard let word = keyword() else { throw error("expected OR between observations") }
            guard word == "OR" || word == "AND" else { throw error("\(word.quoted) is not supported") }
            return true
        }

        private mutating func comparison() throws(STIXPatternError) -> Comparison {
            let objectType = try identifier(allowing: "-")
            try expect(":")
            var property = [try propertyName()]
            while peek() == "." {
                position += 1
                property.append(try propertyName())
            }
            skipSpace()
            guard peek() == "=", position + 1 < characters.count, characters[position + 1] != "=" else {
                throw error("only the = operator is supported")
            }
            position += 1
            return Comparison(objectType: objectType, property: property, value: try stringLiteral())
        }

        private mutating func propertyName() throws(STIXPatternError) -> String {
            peek() == "'" ? try stringLiteral() : try identifier(allowing: "_")
        }

        private mutating func identifier(allowing extra: Character) throws(STIXPatternError) -> String {
            skipSpace()
            let start = position
            while let character = peek(), character.isASCII, character.isLetter || character.isNumber || character == extra {
                position += 1
            }
            guard position > start else { throw error("expected a name") }
            return String(characters[start..<position])
        }

        /// A single-quoted string; `\'` and `\\` are the only escapes STIX defines.
        private mutating func stringLiteral() throws(STIXPatternError) -> String {
            skipSpace()
            guard peek() == "'" else { throw error("expected a quoted string") }
            position += 1
            var value = ""
            while let character = peek() {
                position += 1
                switch character {
                case "'": return value
                case "\\":
                    guard let escaped = peek(), escaped == "'" || escaped == "\\" else { throw error("bad escape in string") }
                    value.append(escaped)
                    position += 1
                default: value.append(character)
                }
            }
            throw error("unterminated string")
        }

        private mutating func keyword() -> String? {
            skipSpace()
            let start = position
            while let character = peek(), character.isASCII, character.isUppercase { position += 1 }
            let word = String(characters[start..<position])
            if word.isEmpty { return nil }
            if word != "AND", word != "OR" { position = start }
            return word
        }

        private mutating func expect(_ character: Character) throws(STIXPatternError) {
            skipSpace()
            guard peek() == character else { throw error("expected '\(character)'") }
            position += 1
        }

        private func peek() -> Character? {
            position < characters.count ? characters[position] : nil
        }

        private mutating func skipSpace() {
            while let character = peek(), character.isWhitespace { position += 1 }
        }
    }
}
