@testable import Domain
import Foundation
import Testing

@Suite struct JSONParserTests {
    static let accepted: [(String, JSONValue)] = [
        ("null", .null), ("true", .bool(true)), ("false", .bool(false)),
        ("0", .integer(0)), ("-0", .integer(0)), ("42", .integer(42)), ("-17", .integer(-17)),
        ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)),
        ("9223372036854775808", .number(9_223_372_036_854_775_808)),
        ("-12345678901234567890123", .number(-1.2345678901234568e22)),
        ("1.5", .number(1.5)), ("0.1", .number(0.1)), ("2500.0", .number(2500)), ("-0.25", .number(-0.25)),
        ("1e2", .number(100)), ("1E+2", .number(100)), ("1e-2", .number(0.01)), ("-2.5E-3", .number(-0.0025)),
        ("1e300", .number(1e300)), ("1.7976931348623157e308", .number(.greatestFiniteMagnitude)),
        ("4.9e-324", .number(.leastNonzeroMagnitude)), ("1e-400", .number(0)),
        (#""""#, .string("")), (#""abc""#, .string("abc")),
        (#""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{8}\u{C}\n\r\t")),
        (#""\u0041\u00e9\u20AC\u0000""#, .string("Aé€\u{0}")),
        (#""\ud83d\ude00 \uD83D\uDE00""#, .string("😀 😀")),
        (#""Grüße, 東京 😀""#, .string("Grüße, 東京 😀")), (#""é\té""#, .string("é\té")), ("\"a\u{7F}\"", .string("a\u{7F}")),
        ("[]", .array([])), ("{}", .object([:])), ("[ ]", .array([])), ("{ }", .object([:])),
        (" \t\r\n[ 1 , \"x\" ]\n", .array([.integer(1), .string("x")])),
        (#"{"a":[1,{"b":null}],"c":{"d":[true,false]},"e\n":"é"}"#, .object([
            "a": .array([.integer(1), .object(["b": .null])]),
            "c": .object(["d": .array([.bool(true), .bool(false)])]),
            "e\n": .string("é"),
        ])),
    ]

    @Test(arguments: accepted)
    func accepts(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue(parsing: Data(text.utf8)) == expected)
        #expect(try JSONValue(parsing: Array(text.utf8)) == expected)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try JSONValue(parsing: Data("-0.0".utf8))
        guard case .number(let number) = value else { Issue.record("expected a number, got \(value)"); return }
        #expect(number == 0 && number.sign == .minus)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = JSONParser.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONValue(parsing: Data(text.utf8))
        for _ in 1..<depth {
            guard case .array(let elements) = value, elements.count == 1 else { Issue.record("wrong shape"); return }
            value = elements[0]
        }
        #expect(value == .array([]))
    }

    static let rejected: [[UInt8]] = [
        "", "   ", "[1,]", #"{"a":1,}"#, "[,1]", "[1,,2]", "{,}", "[1 2]", "]", "[]]", "{} x", "1 2", "1\u{0}",
        "01", "-01", "00", "+1", ".5", "1.", "1.e3", "1e", "1e+", "-", "--1", "- 1", "0x10",
        "NaN", "Infinity", "-Infinity", "1e400", "-1e400",
        #"{"a" 1}"#, #"{"a":}"#, "{a:1}", "{'a':1}", "'a'", "{1:2}", "tru", "nul", "fals", "True", "nulll",
        "[", "{", "[1", #"{"a":1"#, #"{"a""#, #""abc"#, #""\"#, #""\""#,
        #""\x""#, #""\u12""#, #""\u12G4""#, #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#,
        #""\udc00\ud800""#, #""\ud800x""#, #""\ud800\n""#,
        "\"a\u{1}b\"", "\"a\tb\"", "\"a\nb\"", "// c\n1", "/* c */1", "\u{FEFF}1", "\u{C}1", "\u{A0}1",
    ].map { Array($0.utf8) } + [
        [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x28, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22], [0x22, 0x80, 0x22], [0xFF],
        [0x22, 0x5C, 0x6E, 0xE2, 0x82, 0x22], [0x22, 0xE2, 0x5C, 0x6E, 0x82, 0xAC, 0x22],
        [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D],
    ]

    @Test(arguments: rejected)
    func rejects(_ bytes: [UInt8]) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: Data(bytes)) }
    }

    @Test func nestingBeyondTheLimitThrowsInsteadOfCrashing() {
        let depth = JSONParser.maximumDepth + 1
        for text in [
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            String(repeating: "[", count: 100_000),
            String(repeating: #"{"a":"#, count: 100_000),
            String(repeating: #"[{"a":"#, count: 50_000),
        ] {
            let error = #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: Data(text.utf8)) }
            #expect(error?.reason == "nesting deeper than 512")
        }
    }

    @Test func errorsSayWhereAndWhy() {
        func error(_ text: String) -> JSONSyntaxError? {
            do { _ = try JSONParser.parse(Array(text.utf8)); return nil } catch { return error }
        }
        #expect(error("[1,]") == JSONSyntaxError(offset: 3, reason: "unexpected character"))
        #expect(error(#"["abc"#) == JSONSyntaxError(offset: 1, reason: "unterminated string"))
        #expect(error("[01]") == JSONSyntaxError(offset: 1, reason: "leading zero"))
        #expect(error(#"{"k": "\ud800"}"#) == JSONSyntaxError(offset: 7, reason: "unpaired surrogate"))
        #expect(error(String(repeating: "[", count: 100_000)) == JSONSyntaxError(offset: 512, reason: "nesting deeper than 512"))
        #expect(error("1 x") == JSONSyntaxError(offset: 2, reason: "unexpected character after the value"))
        #expect(error(#"{"password-hunter2": tru}"#).map { "\($0)".contains("hunter2") } == false)
    }

    /// Reading past the end of the input would trap here (tests build with bounds checks).
    @Test func everyTruncationIsRejected() {
        let text = Array(#"{"a":[1,-2.5e+3,true,false,null,"x\u00e9\ud83d\ude00\n"],"é":{},"b":0}"#.utf8)
        for length in 0..<text.count {
            #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: Array(text[..<length])) }
        }
        #expect(throws: Never.self) { try JSONValue(parsing: text) }
    }
}

/// The parser against the path it replaces: `JSONDecoder` through `JSONValue`'s `Decodable`
/// conformance. `canonicalText` is compared too, since `==` takes -0.0 and 0.0 as equal.
@Suite struct JSONParserEquivalenceTests {
    static func decodedTheOldWay(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    static func expectSame(_ new: JSONValue, _ old: JSONValue, _ comment: Comment? = nil) {
        #expect(new == old, comment)
        #expect(new.canonicalText == old.canonicalText, comment)
    }

    struct Money: Encodable { var amount: Double; var currency: String }
    struct Indicator: Encodable { var kind: String; var value: String; var confidence: Float?; var tags: [String] }
    struct Referral: Encodable {
        var partnerReference = "TEL-2026-0001"
        var summary = "Caller said \"bank\" / asked for a transfer\n\t€ 東京 😀 \u{1}\u{7F}"
        var victims = 3
        var vulnerable = true
        var note: String?
        var loss = Money(amount: 2500.0, currency: "GBP")
        var doubles: [Double] = [
            0.1, 1e300, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e17, 1.5e17, 9_007_199_254_740_994,
            1_152_921_504_606_847_232, 9.3e18, -9.2e18, 123_456.789, 1e-7, 2e15,
        ]
        var integers: [Int] = [-3, 0, .max, .min]
        var floats: [Float] = [0.1, 16_777_218, 1e10, 3e38]
        var unsigned: UInt64 = .max
        var decimals: [Decimal] = [Decimal(11) / 10, Decimal(9_007_199_254_740_993) + Decimal(0.5)]
        var receivedAt = Date(timeIntervalSinceReferenceDate: 794_000_000.125)
        var firstSeen = Date(timeIntervalSinceReferenceDate: 794_000_000)
        var indicators = [
            Indicator(kind: "phone", value: "+447700900123", confidence: 0.75, tags: ["sms", "ＳＭＳ"]),
            Indicator(kind: "domain", value: "bank-secure.example", confidence: nil, tags: []),
        ]
        var counts = ["a": 1, "b": 2]
    }

    @Test func encodingGivesWhatTheOldPathGave() throws {
        let referral = Referral()
        Self.expectSame(try JSONValue(encoding: referral), try Self.decodedTheOldWay(JSONEncoder().encode(referral)))
    }

    /// Deterministic, so that a failure replays.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Any bit pattern, whole numbers around and above 2^53 (where JSONEncoder writes exponents
    /// and JSONDecoder reads decimals), Floats and Dates.
    @Test func encodingGivesWhatTheOldPathGaveForRandomNumbers() async throws {
        var random = SplitMix64(state: 2026)
        for round in 0..<200 {
            // Shares the cooperative threads, as the disclosure property test does.
            if round % 20 == 0 { await Task.yield() }
            var doubles: [Double] = []
            var floats: [Float] = []
            var dates: [Date] = []
            for _ in 0..<50 {
                doubles.append(Double(bitPattern: random.next()))
                doubles.append(Double(Int.random(in: -(1 << 62)...(1 << 62), using: &random)))
                doubles.append(Double(Int.random(in: 1 << 52...1 << 55, using: &random)) * (Bool.random(using: &random) ? 1 : -1))
                doubles.append(Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 8)
                floats.append(Float(bitPattern: UInt32(truncatingIfNeeded: random.next())))
                dates.append(Date(timeIntervalSinceReferenceDate: .random(in: -1e10...1e10, using: &random)))
            }
            doubles.removeAll { !$0.isFinite }
            floats.removeAll { !$0.isFinite }
            for batch in [try JSONEncoder().encode(doubles), try JSONEncoder().encode(floats), try JSONEncoder().encode(dates)] {
                let new = try JSONParser.parse(batch, integers: .likeJSONDecoder)
                let old = try Self.decodedTheOldWay(batch)
                Self.expectSame(new, old, "\(String(decoding: batch, as: UTF8.self))")
            }
        }
    }

    /// Documents whose integers are all written as integers: both ways of parsing agree with the old path.
    static let documents = [
        #"[12345678901234567890,-9223372036854775809,-9223372036854775808,9223372036854775807,0.1,-1.0e-7,2.5E-3]"#,
        #"{"s":"\"\\\/\b\f\n\r\t\u0041\u00e9\ud83d\ude00","é":"東京","nested":{"a":[[],{},[{"b":[null,true,false]}]]}}"#,
        "  42  ", #""top""#, "null", "-0", "4.9e-324", "1e300",
    ]

    /// Whole numbers written otherwise, which the old path read as integers.
    static let wholeNumbersWrittenOtherwise = [
        #"{"amount":2500.0,"n":1e2,"z":-0.0,"tiny":1e-400,"near":1.000000000000000000001,"exact":9007199254740993.0}"#,
        #"[1E+17,1.5e17,9.3e18,-9.2e18,1.1529215046068472e+18,9007199254740994e0,0.5e17,123456.789e3]"#,
        #"[-9.223372036854775808e18,9.223372036854775807e18,-0.0e5,1e-400]"#,
    ]

    @Test(arguments: documents + wholeNumbersWrittenOtherwise)
    func decoderIntegersAreWhatTheOldPathGave(_ text: String) throws {
        let data = Data(text.utf8)
        Self.expectSame(try JSONParser.parse(data, integers: .likeJSONDecoder), try Self.decodedTheOldWay(data))
    }

    /// A referral as partners send it, its integers written as integers.
    static let referralText = """
        {
          "partner_reference": "TEL-2026-0001",
          "crime_type": "fraud.app_impersonation",
          "summary": "Caller impersonating the bank's fraud team asked victims to move money to a \\"safe\\" account.\\nThree calls, one text.",
          "time_window": {"first_seen": "2026-02-01T09:00:00Z", "last_seen": "2026-02-03T17:30:00Z"},
          "victims": {"count": 3, "vulnerable": true, "vulnerability_level": "high"},
          "loss": {"amount": "12500.50", "currency": "GBP"},
          "overseas": false,
          "gateway": "consent",
          "indicators": [
            {"kind": "phone", "value": "07700 900123"},
            {"kind": "bank_account", "sort_code": "12-34-56", "account_number": "12345678"},
            {"kind": "iban", "value": "GB82WEST12345698765432"},
            {"kind": "domain", "value": "secure-bank-verify.example"},
            {"kind": "email", "value": "fraud.team@secure-bank-verify.example"},
            {"kind": "crypto_wallet", "chain": "bitcoin", "value": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}
          ],
          "markings": {"tlp": "AMBER", "source_evaluation": 2, "intelligence_assessment": "B", "handling_code": "P"},
          "notes": ["Victim 2 is 84 years old — Grüße aus München 😀", null, 0.75, -12, 1.5e-3],
          "contact": {"name": "Jane O\\u2019Brien", "phone": null}
        }
        """

    @Test(arguments: [referralText] + documents)
    func parsingGivesWhatTheOldPathGave(_ text: String) throws {
        let data = Data(text.utf8)
        Self.expectSame(try JSONValue(parsing: data), try Self.decodedTheOldWay(data))
    }

    /// Where strict parsing departs from JSONDecoder on purpose.
    @Test func parsingIsStricterThanTheOldPath() throws {
        #expect(try JSONValue(parsing: Data("[3.0, 1e2]".utf8)) == .array([.number(3), .number(100)]))
        #expect(try Self.decodedTheOldWay(Data("[3.0, 1e2]".utf8)) == .array([.integer(3), .integer(100)]))
        #expect(try Self.decodedTheOldWay(Data(#"{"a":1,"a":2}"#.utf8)) == .object(["a": .integer(1)]))
        for lenient in ["[1,]", #"{"a":1,}"#, "\u{FEFF}1", #"{"a":1,"a":2}"#, #"{"a":1,"b":2,"a":3}"#, #"[{"b":{"a":1,"a":1}}]"#] {
            #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: Data(lenient.utf8)) }
            #expect(throws: Never.self) { try Self.decodedTheOldWay(Data(lenient.utf8)) }
        }
    }
}
