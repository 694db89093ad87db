/// The OpenAPI 3.1 document served at `/openapi.json`: docs/openapi/enrichment.json, embedded in the
/// binary at build time (through the link beside this file), so the docs are the one source.
enum EnrichmentOpenAPI {
    static let document: [UInt8] = PackageResources.enrichment_json
}
