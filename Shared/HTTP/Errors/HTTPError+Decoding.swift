/// Turning JSON decoding failures into 400s that name the offending field but echo no input.
extension HTTPError {
    /// A 400 describing `error` with a field path like `indicators[2].value`.
    public init(decoding error: DecodingError) {
        let (path, message): ([any CodingKey], String) = switch error {
        case .typeMismatch(let type, let context): (context.codingPath, "expected \(HTTPError.describe(type))")
        case .valueNotFound(let type, let context): (context.codingPath, "expected \(HTTPError.describe(type)), found null")
        case .keyNotFound(let key, let context): (context.codingPath + [key], "is required")
        case .dataCorrupted(let context):
            (context.codingPath, context.codingPath.isEmpty ? "is not valid JSON" : "is not valid")
        @unknown default: ([], "is not valid")
        }
        let field = HTTPError.fieldPath(path)
        self.init(.badRequest, detail: "the request body could not be decoded",
                  errors: [Problem.FieldError(field: field.isEmpty ? "body" : field, message: message)])
    }

    /// `[a, 2, b]` → `a[2].b`.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var result = ""
        for key in path {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return result
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is [String: Any].Type: "an object"
        case is [Any].Type: "an array"
        default: "a value of another type"
        }
    }
}
