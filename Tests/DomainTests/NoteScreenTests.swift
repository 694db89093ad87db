import Domain
import Testing

@Suite struct NoteScreenTests {
    private let terms = NoteScreenTerms(
        indicators: [
            .init(kind: "phone", value: "+447700900123"), .init(kind: "uk_bank_account", value: "60-16-13 31926819"),
            .init(kind: "url", value: "https://shop-bargains.example.co.uk/pay"), .init(kind: "ipv4", value: "1.2.3.4"),
        ],
        partnerNames: ["High Street Bank", "Telco One"], operationNames: ["Operation Tiburon"],
        institutionNames: ["City of London Police — Fraud Targeting Cell", "COLP_FTC", "Report Fraud"])

    private func hits(_ note: String) -> [String] {
        NoteScreen.screen(note, terms: terms, recordedYear: 2026).map { "\($0.category.rawValue): \($0.text)" }
    }

    @Test func aPlainNotePasses() {
        #expect(hits("Mule account frozen and the number blocked. Thank you for the referral.").isEmpty)
        #expect(hits("Two suspects charged; passed to Report Fraud for recording.").isEmpty)
        #expect(hits("Embargo lifted on 01/06/2026 after the hearing.").isEmpty)
    }

    @Test func indicatorValuesAreFoundHoweverWritten() {
        #expect(hits("Calls from 07700 900-123 stopped.") == ["indicator_value: 07700 900-123"])
        #expect(hits("Number +44 7700 900123 blocked") == ["indicator_value: 44 7700 900123"])
        #expect(hits("account 31926819 frozen") == ["indicator_value: 31926819"])
        #expect(hits("site shop-bargains.example.co.uk taken down") == ["indicator_value: shop-bargains.example.co.uk"])
        // Values too short to search for are not matched inside ordinary numbers.
        #expect(hits("ticket 1234 closed").isEmpty)
    }

    @Test func namesOfPartnersAndOperationsAreHits() {
        #expect(hits("Referred by high street bank under operation tiburon.") == [
            "partner_name: high street bank", "operation_name: operation tiburon",
        ])
    }

    @Test func datesOfBirthAndBirthCuesAreHits() {
        #expect(hits("Suspect dob 12/03/1985 arrested.").contains("date_of_birth: 12/03/1985"))
        #expect(hits("Suspect dob 12/03/1985 arrested.").contains("date_of_birth: dob"))
        #expect(hits("Male, 4 March 1990, charged.") == ["date_of_birth: 4 March 1990"])
        #expect(hits("Arrested 1988-11-02 and bailed.") == ["date_of_birth: 1988-11-02"])
        #expect(hits("Born in Leeds.") == ["date_of_birth: Born in"])
    }

    @Test func personalNamePatternsAreHits() {
        #expect(hits("Mr Smith was charged.") == ["personal_name: Mr Smith"])
        #expect(hits("John Smith was charged.") == ["personal_name: John Smith"])
        #expect(hits("The suspect Jonno is on bail.") == ["personal_name: suspect Jonno"])
        #expect(hits("Charged alongside Mary Anne Jones.") == ["personal_name: Mary Anne Jones"])
    }

    @Test func everyHitIsNamed() {
        let all = NoteScreen.screen(
            "John Smith (dob 12/03/1985) of Telco One called from 07700900123 — Operation Tiburon.", terms: terms, recordedYear: 2026)
        #expect(Set(all.map(\.category)) == Set(NoteScreenHit.Category.allCases))
        #expect(all.first?.message == "contains what looks like a person's name: \"John Smith\"")
    }
}
