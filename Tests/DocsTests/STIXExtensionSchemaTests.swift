import Domain
import Foundation
import Testing

/// The published extension definition and its JSON Schema in docs/ name the same types.
@Suite("docs/stix-extension.schema.json matches the extension the exchange publishes")
struct STIXExtensionSchemaTests {
    @Test("the schema defines exactly the extension's types, and the definition points at it")
    func schemaMatchesDefinition() throws {
        let text = try #require(Repository.text("docs/stix-extension.schema.json"))
        let schema = try JSONValue(parsing: Data(text.utf8))
        guard case .object(let definitions)? = schema["$defs"] else {
            Issue.record("no $defs")
            return
        }
        #expect(Set(definitions.keys).subtracting(["common"]) == Set(STIXExport.extensionTypes))
        for type in STIXExport.extensionTypes {
            #expect(definitions[type]?["properties"]?["type"]?["const"] == .string(type))
        }
        #expect(STIXExport.extensionDefinition["schema"]?.stringValue?.contains("docs/stix-extension.schema.json") == true)
    }
}
