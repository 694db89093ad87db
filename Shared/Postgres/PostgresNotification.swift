/// What a `PostgresListener` reports.
public enum PostgresListenerEvent: Sendable, Equatable {
    /// A NOTIFY on a channel we listen to.
    case notification(channel: String, payload: String)
    /// The listening session was re-established; notifications may have been missed meanwhile,
    /// so consumers should poll once.
    case reconnected
}
