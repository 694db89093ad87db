extension String {
    /// True when every character shows as itself on one line: no control or format characters
    /// (which could hide or reorder text in a log or terminal), line or paragraph separators,
    /// unassigned or private-use code points, or U+FFFD (bytes that were not UTF-8).
    public var isPrintableText: Bool {
        unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: false
            default: scalar != "\u{FFFD}"
            }
        }
    }
}
