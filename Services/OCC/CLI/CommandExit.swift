/// A command's verdict with an exit status of its own, e.g. `occ audit verify` naming what it
/// found, or a refusal; the description goes to stderr.
struct CommandExit: Error, CustomStringConvertible {
    let status: Int32
    let description: String
}
