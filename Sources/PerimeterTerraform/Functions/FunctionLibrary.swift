/// What a function call may need from the evaluator.
public struct FunctionContext: Sendable {
    /// The directory relative paths are resolved against (`file`, `templatefile`, `fileexists`,
    /// `fileset`, `abspath`): the module directory the evaluator is working in.
    public var baseDirectory: String
    /// Renders a template file with variables; provided by the evaluator for `templatefile`.
    /// Receives the resolved path of the file.
    public var renderTemplate: @Sendable (_ path: String, _ variables: Value) throws -> Value
    /// Where file functions may read; nil reads anywhere (the evaluator confines them unless told not to).
    public var confinement: FileConfinement?
    /// The most bytes `file()`, `filebase64()` and `templatefile()` read, checked before reading.
    public var maximumFileBytes = EvaluationLimits().maximumFileBytes

    public init(baseDirectory: String, renderTemplate: @escaping @Sendable (String, Value) throws -> Value) {
        self.baseDirectory = baseDirectory
        self.renderTemplate = renderTemplate
    }
}

/// A function call Terraform would reject: a wrong argument, or an impossible request
/// (`Invalid CIDR prefix '10.0.0.0/33'`).
public struct FunctionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Terraform's built-in functions over `Value`.
///
/// Unknown arguments never produce a guess: a result that depends on an unknown is itself
/// unknown (with a reason naming the functions it went through), while functions that only move
/// elements around (`concat`, `tolist`, `element`, `lookup`, `merge`, `flatten`, `keys`, `length`
/// of a list...) keep unknown elements untouched, so a reference such as
/// `aws_security_group.node.id` survives `concat([aws_security_group.node.id], var.extra)`.
///
/// Functions whose result perimeter does not compute return an unknown: `timestamp`, `uuid`,
/// `bcrypt`, the hashes (`md5`, `sha256`, `filesha256`...), the date functions, `base64gzip`.
/// `try` and `can` need lazy evaluation and belong to the evaluator, as do provider functions
/// (`provider::aws::arn_parse`); `isKnown` is false for them.
public enum FunctionLibrary {
    /// Calls a built-in function. Throws `FunctionError` for an unknown function or a call
    /// Terraform would reject.
    public static func call(_ name: String, _ arguments: [Value], context: FunctionContext) throws -> Value {
        guard let definition = definitions[name] else {
            throw FunctionError("Call to unknown function '\(name)'")
        }
        try definition.arity.check(arguments.count, function: name)
        do {
            return try definition.body(Arguments(function: name, values: arguments, context: context))
        } catch let pending as PendingUnknown {
            return .unknown(pending.unknown.derived(through: name))
        }
    }

    /// Whether `name` is a built-in function this library implements.
    public static func isKnown(_ name: String) -> Bool {
        definitions[name] != nil
    }

    /// Every function name, sorted.
    public static var names: [String] {
        definitions.keys.sorted()
    }

    static let definitions: [String: FunctionDefinition] = {
        let families: [[FunctionDefinition]] = [
            CollectionFunctions.definitions,
            ListFunctions.definitions,
            SetFunctions.definitions,
            StringFunctions.definitions,
            RegexFunctions.definitions,
            FormatFunctions.definitions,
            NumericFunctions.definitions,
            EncodingFunctions.definitions,
            NetworkFunctions.definitions,
            TypeConversionFunctions.definitions,
            FilesystemFunctions.definitions,
            UncomputedFunctions.definitions
        ]
        var byName: [String: FunctionDefinition] = [:]
        for definition in families.joined() { byName[definition.name] = definition }
        return byName
    }()
}

/// One function: its name, how many arguments it takes, and what it does.
struct FunctionDefinition: Sendable {
    let name: String
    let arity: Arity
    let body: @Sendable (Arguments) throws -> Value

    init(_ name: String, _ arity: Arity, _ body: @escaping @Sendable (Arguments) throws -> Value) {
        self.name = name
        self.arity = arity
        self.body = body
    }
}

/// How many arguments a function takes.
struct Arity: Sendable {
    let minimum: Int
    /// nil for variadic functions.
    let maximum: Int?

    static func exactly(_ count: Int) -> Arity { Arity(minimum: count, maximum: count) }
    static func between(_ minimum: Int, _ maximum: Int) -> Arity { Arity(minimum: minimum, maximum: maximum) }
    static func atLeast(_ minimum: Int) -> Arity { Arity(minimum: minimum, maximum: nil) }

    func check(_ count: Int, function: String) throws {
        if count >= minimum, maximum.map({ count <= $0 }) ?? true { return }
        let expected: String
        if let maximum, maximum == minimum {
            expected = "\(minimum) argument" + (minimum == 1 ? "" : "s")
        } else if let maximum {
            expected = "\(minimum) to \(maximum) arguments"
        } else {
            expected = "at least \(minimum) argument" + (minimum == 1 ? "" : "s")
        }
        throw FunctionError("Function '\(function)' expects \(expected), got \(count)")
    }
}

/// Thrown inside a function when its result depends on an unknown; the library turns it into
/// an unknown result.
struct PendingUnknown: Error {
    let unknown: Unknown
}
