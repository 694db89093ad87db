/// The OpenAPI 3.1 document served at `/openapi.json`: docs/openapi/tasking.json, embedded in the
/// binary at build time (through the link beside this file), so the docs are the one source.
enum TaskingOpenAPI {
    static let document: [UInt8] = PackageResources.tasking_json
}
