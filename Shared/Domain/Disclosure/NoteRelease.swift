/// Where an officer's note for partners stands in its release step.
public enum NoteRelease: Sendable, Hashable {
    /// The outcome has no note.
    case none
    /// Waiting for a second officer of the agency.
    case held
    /// Approved by a second officer: this text may be released where the markings allow.
    case approved(String)
    /// Refused by a second officer: never released.
    case refused
}
