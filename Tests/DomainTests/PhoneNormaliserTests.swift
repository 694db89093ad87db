import Domain
import Testing

@Suite struct PhoneNormaliserTests {
    @Test(arguments: [
        ("07700 900123", "+447700900123"),
        ("07700-900-123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("+44 (0)7700 900123", "+447700900123"),
        ("0044 7700 900123", "+447700900123"),
        ("447700900123", "+447700900123"),
        ("(020) 7946 0018", "+442079460018"),
        ("+44 (0)20 7946 0018", "+442079460018"),
        ("+44 020 7946 0018", "+442079460018"),
        ("0161 496 0000", "+441614960000"),
        ("0800 123 4567", "+448001234567"),
        ("+1 (202) 555-0143", "+12025550143"),
        ("0033 1 23 45 67 89", "+33123456789"),
        ("+39 06 1234 5678", "+390612345678"),
    ])
    func e164(raw: String, expected: String) {
        #expect(normalise(.phone, raw).canonicalValue == expected)
    }

    @Test func ukNumbersAreMarkedGBAndForeignOnesOverseas() throws {
        let uk = try normalise(.phone, "07700900123").get()
        #expect(uk.countryCode == "GB")
        #expect(!uk.isOverseas)
        #expect(uk.key == "phone:+447700900123")
        #expect(try normalise(.phone, "+12025550143").get().isOverseas)
    }

    @Test(arguments: [
        ("0770090012", "not a valid UK mobile number: 07 numbers have 11 digits"),
        ("077009001234", "not a valid UK mobile number: 07 numbers have 11 digits"),
        ("0400 123456", "not a valid UK number: UK numbers start 01, 02, 03, 05, 07, 08 or 09"),
        ("01234", "not a valid UK number: expected 10 or 11 digits including the leading 0"),
        ("+1234567890123456", "has 16 digits; an international number has 7 to 15"),
        ("+12345", "has 5 digits; an international number has 7 to 15"),
        ("7700900123", "not a UK number (starting 0) or an international number (starting + or 00)"),
        ("0800 FLOWERS", "contains letters; give digits only (no extensions or vanity numbers)"),
        ("07700 900123 ext 4", "contains letters; give digits only (no extensions or vanity numbers)"),
        ("+0 123 4567", "country code cannot start with 0"),
        ("+44 7700 9001#23", "contains characters other than digits"),
    ])
    func rejectsImpossibleNumbers(raw: String, message: String) {
        #expect(normalise(.phone, raw).problem == message)
    }
}
