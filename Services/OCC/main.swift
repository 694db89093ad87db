import Foundation

// `occ` — the operator CLI: migrations, partners and keys, jobs, demo and benchmarks.
let status = await CommandLineTool.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
