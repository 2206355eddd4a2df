// TEMPORARY: replaced by the real function library at merge.
public struct FunctionContext: Sendable {
    public var baseDirectory: String
    public var renderTemplate: @Sendable (_ path: String, _ variables: Value) throws -> Value
    public init(baseDirectory: String, renderTemplate: @escaping @Sendable (String, Value) throws -> Value) {
        self.baseDirectory = baseDirectory
        self.renderTemplate = renderTemplate
    }
}
public struct FunctionError: Error, Hashable, Sendable { public var message: String }
public enum FunctionLibrary {
    public static func call(_ name: String, _ arguments: [Value], context: FunctionContext) throws -> Value { fatalError() }
    public static func isKnown(_ name: String) -> Bool { false }
}
