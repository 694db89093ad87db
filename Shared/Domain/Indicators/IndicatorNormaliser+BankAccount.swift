extension IndicatorNormaliser {
    /// UK sort code and account number → `12-34-56 12345678`.
    ///
    /// Sort code: six digits, written with or without dashes or spaces.
    /// Account number: eight digits. Six- and seven-digit numbers (still issued by some
    /// building societies) are left-padded with zeros to eight, the Pay.UK convention for
    /// entering them in an eight-digit field. Nine- and ten-digit numbers need a
    /// bank-specific conversion that moves digits into the sort code, so they are refused
    /// rather than guessed. Modulus checking (Pay.UK's weight tables) is not applied.
    public func ukBankAccount(sortCode: String?, accountNumber: String?) throws(IndicatorFailure) -> CanonicalIndicator {
        var problems: [IndicatorProblem] = []
        let sortDigits = Self.digitsOnly(sortCode)
        let accountDigits = Self.digitsOnly(accountNumber)
        if sortCode == nil {
            problems.append(IndicatorProblem(.sortCode, "required"))
        } else if sortDigits?.count != 6 {
            problems.append(IndicatorProblem(.sortCode, "must be 6 digits, e.g. 12-34-56"))
        }
        if accountNumber == nil {
            problems.append(IndicatorProblem(.accountNumber, "required"))
        } else if let digits = accountDigits, (9...10).contains(digits.count) {
            problems.append(IndicatorProblem(
                .accountNumber, "\(digits.count)-digit account numbers need the bank's conversion to sort code and 8 digits"))
        } else if accountDigits.map({ !(6...8).contains($0.count) }) ?? true {
            problems.append(IndicatorProblem(.accountNumber, "must be 8 digits (6 or 7 are zero-padded)"))
        }
        guard problems.isEmpty, let sort = sortDigits, let account = accountDigits else { throw IndicatorFailure(problems) }
        return CanonicalIndicator(kind: .ukBankAccount, value: Self.ukAccountValue(sortCode: sort, account: account), countryCode: "GB")
    }

    /// `123456` and `1234567` → `12-34-56 01234567`; shared with GB IBANs so both correlate.
    static func ukAccountValue(sortCode: String, account: String) -> String {
        let padded = String(repeating: "0", count: max(0, 8 - account.count)) + account
        let pairs = stride(from: 0, to: 6, by: 2).map { offset in
            String(sortCode.dropFirst(offset).prefix(2))
        }
        return pairs.joined(separator: "-") + " " + padded
    }

    /// The digits of text that holds only digits and the separators people type; nil otherwise.
    private static func digitsOnly(_ text: String?) -> String? {
        guard let text else { return nil }
        let stripped = text.filter { $0 != " " && $0 != "-" }
        return stripped.isASCIIDigits ? stripped : nil
    }
}
