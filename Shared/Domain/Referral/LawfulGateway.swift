/// The legal basis a partner relies on to share a referral. Codes are stable wire values;
/// the citations are for people reading a referral.
public enum LawfulGateway: String, Sendable, Codable, CaseIterable {
    /// Crime and Courts Act 2013 s.7: anyone may disclose to the NCA for its functions.
    case crimeAndCourtsAct2013Section7 = "cca_2013_s7"
    /// Serious Crime Act 2007 s.68: public authorities to specified anti-fraud organisations.
    case seriousCrimeAct2007Section68 = "sca_2007_s68"
    /// Economic Crime and Corporate Transparency Act 2023 ss.188–189: regulated-sector sharing.
    case economicCrimeAct2023Sections188To189 = "eccta_2023_ss188_189"
    /// Data Protection Act 2018 Part 3: law-enforcement processing by competent authorities.
    case dataProtectionAct2018Part3 = "dpa_2018_part3"
    /// Data Protection Act 2018 Sch 2 para 2: controllers disclosing for crime prevention.
    case dataProtectionAct2018Schedule2Paragraph2 = "dpa_2018_sch2_para2"
    /// Proceeds of Crime Act 2002 suspicious activity report.
    case proceedsOfCrimeAct2002SAR = "poca_2002_sar"

    public var citation: String {
        switch self {
        case .crimeAndCourtsAct2013Section7: "Crime and Courts Act 2013, s.7"
        case .seriousCrimeAct2007Section68: "Serious Crime Act 2007, s.68"
        case .economicCrimeAct2023Sections188To189: "Economic Crime and Corporate Transparency Act 2023, ss.188–189"
        case .dataProtectionAct2018Part3: "Data Protection Act 2018, Part 3"
        case .dataProtectionAct2018Schedule2Paragraph2: "Data Protection Act 2018, Schedule 2 paragraph 2"
        case .proceedsOfCrimeAct2002SAR: "Proceeds of Crime Act 2002, suspicious activity report"
        }
    }
}
