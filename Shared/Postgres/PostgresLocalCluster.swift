import Foundation
import Glibc

/// A throwaway PostgreSQL server in a temporary folder, reached over a Unix socket only.
///
/// For tests, benchmarks and the demo when no `DATABASE_URL` is given. initdb and postgres refuse
/// to run as root, so as root the server runs as the unprivileged `postgres` OS user.
public final class PostgresLocalCluster: Sendable {
    /// Folder holding the data directory, the socket and the server log.
    public let directory: String
    public let port: Int
    public let superuser: String
    /// Where initdb, pg_ctl and psql of this server's version are.
    public let binDirectory: String
    private let runAs: String?
    /// The `-o` text the server was started with, so a stopped server comes back the same.
    private let serverOptions: String

    /// libpq conninfo for a database on this server as the superuser.
    public func conninfo(database: String = "postgres", user: String? = nil) -> String {
        "host=\(directory) port=\(port) user=\(user ?? superuser) dbname=\(database)"
    }

    /// Starts a fresh server. `durable` keeps fsync and synchronous commit on (for benchmarks);
    /// off trades crash safety for speed (for tests). `settings` are extra `-c name=value` pairs.
    public static func start(durable: Bool, settings: [String: String] = [:], log: (String) -> Void = { _ in }) throws -> PostgresLocalCluster {
        let bin = try findBinDirectory()
        let runAs = geteuid() == 0 ? "postgres" : nil
        var template = Array("\(parentFolder(durable: durable))/occ-pg-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else {
            throw PostgresError(.localCluster, reason: "could not create a temporary folder")
        }
        // mkdtemp fills in `template`; the pointer it returns is only valid during the call.
        let directory = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(directory, 0o755)
        if let runAs {
            guard let user = getpwnam(runAs) else {
                throw PostgresError(.localCluster, reason: "running as root needs the 'postgres' OS user (apt-get install postgresql)")
            }
            chown(directory, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        // Below Linux's ephemeral range (32768 up), where outgoing connections hold ports: a
        // cluster that also listens on TCP would otherwise now and then fail to bind. Above the
        // demo test's base ports (20000–24007).
        let port = Int.random(in: 24_100...32_700)
        var options: [String: String] = [
            "listen_addresses": "''", "unix_socket_directories": "'\(directory)'", "port": "\(port)",
            "max_connections": "300", "shared_buffers": "256MB", "max_wal_size": "2GB",
            "fsync": durable ? "on" : "off", "synchronous_commit": durable ? "on" : "off",
            "full_page_writes": durable ? "on" : "off",
        ]
        for (name, value) in settings { options[name] = value }
        let optionText = options.sorted { $0.key < $1.key }.map { "-c \($0.key)=\($0.value)" }.joined(separator: " ")
        let cluster = PostgresLocalCluster(
            directory: directory, port: port, superuser: "occ", binDirectory: bin, runAs: runAs, serverOptions: optionText)
        log("initdb in \(directory)")
        try cluster.run("initdb", ["-D", "\(directory)/data", "-U", "occ", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"])
        log("starting postgres on \(directory)/.s.PGSQL.\(cluster.port)")
        try cluster.startServer()
        return cluster
    }

    /// Where a new server's folder goes. A durable server (benchmarks) lives on disk, like a real
    /// one. The others (tests, the demo) live in memory when `/dev/shm` has room: a test run creates
    /// hundreds of databases of about 600 files each, and on an ext4 file system without a journal
    /// (this machine's) every new file's inode search steps over each inode deleted in the last
    /// minutes — after one run's cleanup, CREATE DATABASE held both cores for half a minute.
    static func parentFolder(durable: Bool) -> String {
        guard !durable else { return "/tmp" }
        var stats = statvfs()
        guard statvfs("/dev/shm", &stats) == 0, access("/dev/shm", W_OK) == 0 else { return "/tmp" }
        let free = UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
        return free >= memoryFolderMinimumBytes ? "/dev/shm" : "/tmp"
    }

    /// What a whole test run's shared server grows to (a few hundred databases of ~14 MB, and WAL),
    /// with room to spare.
    static let memoryFolderMinimumBytes: UInt64 = 8 << 30

    private init(directory: String, port: Int, superuser: String, binDirectory: String, runAs: String?, serverOptions: String) {
        self.directory = directory
        self.port = port
        self.superuser = superuser
        self.binDirectory = binDirectory
        self.runAs = runAs
        self.serverOptions = serverOptions
    }

    /// Restarts the server in place (for fault tests); data survives, sessions do not.
    public func restart(mode: String = "fast") throws {
        try run("pg_ctl", ["-D", "\(directory)/data", "-m", mode, "-w", "-t", "60", "restart"])
    }

    /// Stops the server but keeps its data (for fault tests: an outage); `startServer` ends it.
    public func stopServer(mode: String = "fast") throws {
        try run("pg_ctl", ["-D", "\(directory)/data", "-m", mode, "-w", "-t", "60", "stop"])
    }

    /// Starts the server (again) with the options it was created with; returns once it accepts connections.
    public func startServer() throws {
        try run("pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w", "-t", "60", "-o", serverOptions, "start"])
    }

    /// Stops the server at once and removes its folder.
    public func stop() {
        _ = try? run("pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The running server's postmaster process id (first line of `postmaster.pid`); nil when stopped.
    public func postmasterPID() -> Int32? {
        guard let text = try? String(contentsOfFile: "\(directory)/data/postmaster.pid", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { Int32($0) }
    }

    /// Path to a server program (`pgbench`, `psql`, …) of the same installation.
    public func tool(_ name: String) -> String { "\(binDirectory)/\(name)" }

    /// Runs a client program of the installation (e.g. `pgbench`) as the current user and
    /// returns its exit status and combined output.
    public static func runTool(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let path = "\(try findBinDirectory())/\(name)"
        var template = Array("/tmp/occ-tool-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw PostgresError(.localCluster, reason: "could not create a temporary file") }
        close(descriptor)
        let outputPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(outputPath) }
        let status = try ChildProcess.run([path] + arguments, outputPath: outputPath)
        return (status, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }

    private func run(_ program: String, _ arguments: [String]) throws {
        let command = runAs.map { ["/usr/sbin/runuser", "-u", $0, "--", tool(program)] } ?? [tool(program)]
        let outputPath = "\(directory)/\(program).out"
        let status = try ChildProcess.run(command + arguments, outputPath: outputPath)
        guard status == 0 else {
            let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            let logTail = (try? String(contentsOfFile: "\(directory)/server.log", encoding: .utf8))?.suffix(2000) ?? ""
            throw PostgresError(.localCluster, reason: "\(program) failed (exit \(status))", serverMessage: output + "\n" + logTail)
        }
    }

    /// `OCC_PG_BIN`, else the newest `/usr/lib/postgresql/N/bin`, else `pg_config --bindir`'s folder.
    static func findBinDirectory() throws -> String {
        let manager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["OCC_PG_BIN"] { return explicit }
        let root = "/usr/lib/postgresql"
        let versions = ((try? manager.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where manager.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        for candidate in ["/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin", "/usr/bin"]
        where manager.isExecutableFile(atPath: "\(candidate)/initdb") && manager.isExecutableFile(atPath: "\(candidate)/pg_ctl") {
            return candidate
        }
        throw PostgresError(.localCluster, reason: "PostgreSQL server binaries not found: apt-get install postgresql, or set OCC_PG_BIN")
    }
}
