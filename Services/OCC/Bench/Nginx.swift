import Foundation
import HTTP

/// A throwaway nginx (Debian package 'nginx') for `occ bench http --nginx`: one `return 200`
/// location for `/healthz` on 127.0.0.1, one worker per core (as many as our event loops), no
/// access log, in its own temporary prefix; stopped and removed by `stop()`.
struct Nginx {
    let port: Int
    private let process: Process
    private let directory: URL

    static func start() throws -> Nginx {
        guard let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].first(where: FileManager.default.isExecutableFile) else {
            throw UsageError("--nginx needs nginx (Debian package 'nginx'); or give --nginx-port of one already running")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("occ-bench-nginx-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try LoopbackPort.free()
        let configuration = """
            worker_processes \(ProcessInfo.processInfo.activeProcessorCount);
            daemon off;
            pid \(directory.path)/nginx.pid;
            error_log stderr error;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path \(directory.path)/body;
                proxy_temp_path \(directory.path)/proxy;
                fastcgi_temp_path \(directory.path)/fastcgi;
                uwsgi_temp_path \(directory.path)/uwsgi;
                scgi_temp_path \(directory.path)/scgi;
                server {
                    listen 127.0.0.1:\(port) reuseport;
                    location = /healthz { default_type text/plain; return 200 "ok"; }
                }
            }
            """
        let file = directory.appendingPathComponent("nginx.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-p", directory.path, "-c", file.path, "-e", "stderr"]
        try process.run()
        let nginx = Nginx(port: port, process: process, directory: directory)
        // Ready once it accepts a connection (at most 5 s).
        for _ in 0..<100 {
            let fd = SlowSocket.connectTo(port: port)
            if fd >= 0 { close(fd); return nginx }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        nginx.stop()
        throw CommandExit(status: 1, description: "nginx did not start listening on 127.0.0.1:\(port)")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
