import PerimeterTerraform
import Testing

/// Helpers for the function library tests: call a function, read its result as Terraform's JSON.
enum FunctionTesting {
    static let context = FunctionContext(
        baseDirectory: "/nonexistent-perimeter-base",
        renderTemplate: { path, variables in
            .object(["path": .string(path), "variables": variables])
        })

    static func call(_ name: String, _ arguments: Value...) throws -> Value {
        try FunctionLibrary.call(name, arguments, context: context)
    }

    /// The result as `jsonencode` prints it, or `unknown` when it is unknown.
    static func json(_ name: String, _ arguments: Value...) throws -> String {
        try encode(FunctionLibrary.call(name, arguments, context: context))
    }

    static func encode(_ value: Value) throws -> String {
        let encoded = try FunctionLibrary.call("jsonencode", [value], context: context)
        return encoded.stringValue ?? "unknown"
    }

    /// The message of the error the call throws, or nil when it does not throw.
    static func error(_ name: String, _ arguments: Value...) -> String? {
        do {
            _ = try FunctionLibrary.call(name, arguments, context: context)
            return nil
        } catch let error as FunctionError {
            return error.message
        } catch {
            return "unexpected error type: \(error)"
        }
    }

    static func strings(_ items: String...) -> Value {
        .list(items.map(Value.string))
    }

    static func numbers(_ items: Double...) -> Value {
        .list(items.map(Value.number))
    }

    static func object(_ fields: KeyValuePairs<String, Value>) -> Value {
        .object(Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { _, later in later }))
    }

    /// An unknown attribute of a resource, as the evaluator makes them.
    static func attribute(_ attribute: String, of resource: String) -> Value {
        .unknown(.attribute(attribute, of: resource))
    }
}
