import Domain
import Testing

@Suite struct FinancialIndicatorTests {
    // Registry examples and published test IBANs, checked with an independent mod-97 script.
    @Test(arguments: [
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
        ("gb33bukb20201555555555", "GB33BUKB20201555555555"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606"),
        ("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
        ("BE68 5390 0754 7034", "BE68539007547034"),
        ("ES91 2100 0418 4502 0005 1332", "ES9121000418450200051332"),
        ("IT60 X054 2811 1010 0000 0123 456", "IT60X0542811101000000123456"),
        ("NO93 8601 1117 947", "NO9386011117947"),
        ("CH93 0076 2011 6238 5295 7", "CH9300762011623852957"),
        ("IE29 AIBK 9311 5212 3456 78", "IE29AIBK93115212345678"),
        ("PL61 1090 1014 0000 0712 1981 2874", "PL61109010140000071219812874"),
        ("MT84 MALT 0110 0001 2345 MTLC AST0 01S", "MT84MALT011000012345MTLCAST001S"),
    ])
    func validIBANsInElectronicFormat(raw: String, expected: String) {
        #expect(normalise(.iban, raw).canonicalValue == expected)
    }

    @Test(arguments: [
        ("GB82 WEST 1234 5698 7654 33", "not a valid IBAN checksum"),
        ("DE89 3704 0044 0532 0130 01", "not a valid IBAN checksum"),
        ("FR14 2004 1010 0505 0001 3M02 607", "not a valid IBAN checksum"),
        ("DE89 3704 0044 0532 0130 0", "not a valid IBAN length: DE IBANs have 22 characters, got 21"),
        ("NO93 8601 1117 9471", "not a valid IBAN length: NO IBANs have 15 characters, got 16"),
        ("XX82 WEST 1234 5698 7654 32", "not an IBAN: 'XX' is not a country in the IBAN registry"),
        ("1282 WEST 1234 5698 7654 32", "not an IBAN: must start with a two-letter country code and two check digits"),
        ("GB82 WEST 1234 5698 7654 3!", "not an IBAN: expected a country code, two check digits and letters or digits"),
    ])
    func invalidIBANs(raw: String, message: String) {
        #expect(normalise(.iban, raw).problem == message)
    }

    @Test func gbIBANCorrelatesWithItsSortCodeAndAccount() throws {
        let iban = try normalise(.iban, "GB82WEST12345698765432").get()
        let account = try normalise(.ukBankAccount, sortCode: "123456", accountNumber: "98765432").get()
        #expect(iban.aliases == [account.key])
        #expect(iban.correlationKeys == [iban.key, account.key])
        #expect(iban.countryCode == "GB")
        #expect(!iban.isOverseas)
        #expect(try normalise(.iban, "DE89370400440532013000").get().isOverseas)
    }

    @Test(arguments: [
        ("12-34-56", "12345678", "12-34-56 12345678"),
        ("123456", "1234 5678", "12-34-56 12345678"),
        ("12 34 56", "1234567", "12-34-56 01234567"),
        ("12-34-56", "123456", "12-34-56 00123456"),
    ])
    func ukAccounts(sortCode: String, account: String, expected: String) {
        #expect(normalise(.ukBankAccount, sortCode: sortCode, accountNumber: account).canonicalValue == expected)
    }

    @Test func ukAccountReportsBothFieldsAtOnce() {
        let result = normalise(.ukBankAccount, sortCode: "12-34-5", accountNumber: "12345")
        guard case .failure(let failure) = result else {
            Issue.record("expected failure")
            return
        }
        #expect(failure.problems == [
            IndicatorProblem(.sortCode, "must be 6 digits, e.g. 12-34-56"),
            IndicatorProblem(.accountNumber, "must be 8 digits (6 or 7 are zero-padded)"),
        ])
    }

    @Test func ukAccountRejectsTenDigitNumbersAndMissingFields() {
        #expect(normalise(.ukBankAccount, sortCode: "123456", accountNumber: "1234567890").problem
            == "10-digit account numbers need the bank's conversion to sort code and 8 digits")
        #expect(normalise(.ukBankAccount, accountNumber: "12345678").problem == "required")
        #expect(normalise(.ukBankAccount, "12-34-56 12345678").problem == "not used for kind uk_bank_account")
    }
}
