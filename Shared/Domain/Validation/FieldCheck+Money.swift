extension FieldCheck {
    /// Checks a submitted money amount, reporting at `<path>.amount` and `<path>.currency`.
    mutating func money(_ money: MoneySubmission, at path: FieldPath, maximumMajorUnits: Int64) -> Money? {
        if money.amount == nil { fail(path.appending("amount"), "required") }
        if money.currency == nil { fail(path.appending("currency"), "required") }
        // The amount's decimal places depend on the currency, so without one only "required" is said.
        guard let currency = money.currency else { return nil }
        // A placeholder amount lets an unknown currency be reported even when the amount is missing.
        switch Money.parse(amount: money.amount ?? "0", currency: currency, maximumMajorUnits: maximumMajorUnits) {
        case .success(let value): return money.amount == nil ? nil : value
        case .failure(.amount(let message)): fail(path.appending("amount"), message)
        case .failure(.currency(let message)): fail(path.appending("currency"), message)
        }
        return nil
    }
}
