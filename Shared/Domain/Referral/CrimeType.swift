/// The fixed crime taxonomy. Raw values are the wire codes (`fraud.app_romance`) and never
/// change meaning; add cases rather than renaming them.
public enum CrimeType: String, Sendable, Codable, CaseIterable, Comparable {
    // Authorised push payment (APP) fraud: the victim is tricked into sending the money.
    case fraudAPPInvestment = "fraud.app_investment"
    case fraudAPPRomance = "fraud.app_romance"
    case fraudAPPImpersonation = "fraud.app_impersonation"
    case fraudAPPInvoice = "fraud.app_invoice"
    case fraudAPPAdvanceFee = "fraud.app_advance_fee"
    case fraudPurchase = "fraud.purchase"
    case fraudCourier = "fraud.courier"
    case fraudPhishing = "fraud.phishing"
    case fraudCardNotPresent = "fraud.card_not_present"
    case fraudAccountTakeover = "fraud.account_takeover"
    case fraudIdentity = "fraud.identity"
    case fraudMoneyMule = "fraud.money_mule"
    case fraudOther = "fraud.other"
    // Cyber-dependent crime (Computer Misuse Act territory).
    case cyberRansomware = "cyber.ransomware"
    case cyberDDoS = "cyber.ddos"
    case cyberHacking = "cyber.hacking"
    case cyberMalware = "cyber.malware"
    case cyberDataBreach = "cyber.data_breach"
    case cyberExtortion = "cyber.extortion"
    case cyberOther = "cyber.other"

    public var family: CrimeFamily {
        rawValue.hasPrefix("cyber.") ? .cyber : .fraud
    }

    public static func < (lhs: CrimeType, rhs: CrimeType) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
