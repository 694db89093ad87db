/// The subset of the STIX 2.1 patterning language the exchange accepts: observation
/// expressions `[ … ]` joined by OR (or AND), each holding `object:property = 'value'`
/// comparisons joined all by AND (one observable) or all by OR (alternatives). Anything else
/// (other operators, qualifiers, FOLLOWEDBY, parentheses) is refused with a reason.
struct STIXPattern {
    struct Comparison: Equatable {
        let objectType: String
        let property: [String]
        let value: String
    }

    /// Each group describes one observable: its comparisons were AND-ed together.
    let groups: [[Comparison]]

    static func parse(_ text: String) -> Result<STIXPattern, STIXPatternError> {
        var scanner = Scanner(characters: Array(text))
        do throws(STIXPatternError) {
            var groups: [[Comparison]] = []
            repeat {
                groups += try scanner.observation()
            } while try scanner.observationJoiner()
            guard scanner.atEnd else { throw scanner.error("expected OR or AND between observations") }
            return .success(STIXPattern(groups: groups))
        } catch {
            return .failure(error)
        }
    }
}

struct STIXPatternError: Error, Equatable {
    let message: String
}
