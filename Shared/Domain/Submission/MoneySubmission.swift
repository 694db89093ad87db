/// A money amount as sent: the amount must be a JSON string so no precision is lost.
public struct MoneySubmission: Sendable, Hashable {
    public var amount: String?
    public var currency: String?

    public init(amount: String? = nil, currency: String? = nil) {
        self.amount = amount
        self.currency = currency
    }

    init(reader: JSONObjectReader, problems: inout [FieldError]) {
        reader.rejectUnknown(["amount", "currency"], &problems)
        if case .integer = reader.value("amount") {
            problems.append(FieldError(reader.path.appending("amount"), Self.numberMessage))
        } else if case .number = reader.value("amount") {
            problems.append(FieldError(reader.path.appending("amount"), Self.numberMessage))
        } else {
            amount = reader.string("amount", &problems)
        }
        currency = reader.string("currency", &problems)
    }

    private static let numberMessage = "must be a decimal string such as \"1250.00\", not a JSON number"

    var json: JSONValue {
        .object(compacting: [("amount", amount.map(JSONValue.string)), ("currency", currency.map(JSONValue.string))])
    }
}
