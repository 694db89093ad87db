import Domain
import Testing

/// The `X-Purpose` an officer states for a read or an action: free text within limits.
@Suite("Purpose: the officer's stated reason, bounded and printable")
struct PurposeTests {
    @Test("a purpose is trimmed and kept as written", arguments: [
        ("triage of new tasking", "triage of new tasking"),
        ("  Op NIGHTJAR 2026/114\t", "Op NIGHTJAR 2026/114"),
        ("vérification — fraude", "vérification — fraude"),
        ("A1B", "A1B"),
    ])
    func accepted(header: String, text: String) throws {
        #expect(try Purpose(header: header).text == text)
    }

    @Test("exactly 200 characters is the longest purpose")
    func longest() throws {
        #expect(try Purpose(header: String(repeating: "é", count: 200)).text.count == 200)
    }

    @Test("absent, blank, too short, too long, unprintable or letterless purposes are refused with the reason", arguments: [
        (nil, Purpose.Invalid.missing),
        ("", .missing),
        ("   ", .missing),
        ("ab", .length(2)),
        (String(repeating: "x", count: 201), .length(201)),
        ("line one\nline two", .unprintable),
        ("tab\tinside", .unprintable),
        ("bell\u{07}", .unprintable),
        ("\u{202E}desrever", .unprintable),
        ("zero\u{200B}width", .unprintable),
        ("bad \u{FFFD} bytes", .unprintable),
        ("-- . --", .noLetterOrDigit),
    ] as [(String?, Purpose.Invalid)])
    func refused(header: String?, reason: Purpose.Invalid) {
        #expect(throws: reason) { try Purpose(header: header) }
    }

    @Test("every refusal says what to send")
    func messages() {
        #expect(Purpose.Invalid.missing.description.contains("X-Purpose:"))
        #expect(Purpose.Invalid.length(201).description == "must be 3 to 200 characters, not 201")
    }
}
