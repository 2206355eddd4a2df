import PerimeterModel

/// A span of source text. Lines and columns are 1-based; columns count Unicode scalars.
public struct SourceRange: Hashable, Sendable {
    public var file: String
    public var start: Position
    public var end: Position

    public struct Position: Hashable, Sendable {
        public var line: Int
        public var column: Int
        /// Byte offset from the start of the file.
        public var offset: Int

        public init(line: Int, column: Int, offset: Int) {
            self.line = line
            self.column = column
            self.offset = offset
        }
    }

    public init(file: String, start: Position, end: Position) {
        self.file = file
        self.start = start
        self.end = end
    }

    public var location: SourceLocation { SourceLocation(file: file, line: start.line, column: start.column) }
}

/// The body of a file or of a block: attributes and nested blocks in source order.
public struct Body: Hashable, Sendable {
    public var attributes: [Attribute]
    public var blocks: [Block]
    public var range: SourceRange

    public init(attributes: [Attribute], blocks: [Block], range: SourceRange) {
        self.attributes = attributes
        self.blocks = blocks
        self.range = range
    }

    public func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }
    public func blocks(ofType type: String) -> [Block] { blocks.filter { $0.type == type } }
}

/// `name = expression`
public struct Attribute: Hashable, Sendable {
    public var name: String
    public var expression: Expression
    /// From the name to the end of the expression.
    public var range: SourceRange

    public init(name: String, expression: Expression, range: SourceRange) {
        self.name = name
        self.expression = expression
        self.range = range
    }
}

/// `type "label" ... { body }`
public struct Block: Hashable, Sendable {
    public var type: String
    public var labels: [String]
    public var body: Body
    /// From the type keyword to the closing brace.
    public var range: SourceRange

    public init(type: String, labels: [String], body: Body, range: SourceRange) {
        self.type = type
        self.labels = labels
        self.body = body
        self.range = range
    }
}

/// A parsed `.tf` or `.tf.json` file.
public struct ConfigFile: Hashable, Sendable {
    public var path: String
    public var body: Body

    public init(path: String, body: Body) {
        self.path = path
        self.body = body
    }
}

public struct Expression: Hashable, Sendable {
    public var kind: ExpressionKind
    public var range: SourceRange
    /// Levels of the tree from here to its deepest leaf (1 for a literal). Kept so that the parser can
    /// refuse a chain such as `1+1+...` long enough to overflow the stack of whatever walks it.
    public private(set) var depth: Int

    public init(_ kind: ExpressionKind, range: SourceRange) {
        self.kind = kind
        self.range = range
        depth = 1 + kind.childDepth
    }
}

extension ExpressionKind {
    /// The depth of the deepest child; children already know theirs, so this costs one look at each.
    var childDepth: Int {
        switch self {
        case .literal, .variable: 0
        case .template(let parts): TemplatePart.depth(of: parts)
        case .getAttribute(let inner, _), .unary(_, let inner), .parenthesized(let inner): inner.depth
        case .index(let base, let key), .binary(_, let base, let key): max(base.depth, key.depth)
        case .splat(let base, let traversal):
            traversal.reduce(base.depth) { deepest, step in
                if case .index(let key) = step { return max(deepest, key.depth) }
                return deepest
            }
        case .functionCall(_, let items, _), .tuple(let items): items.reduce(0) { max($0, $1.depth) }
        case .object(let items): items.reduce(0) { max($0, $1.key.depth, $1.value.depth) }
        case .forExpression(let loop):
            [loop.collection, loop.keyExpression, loop.valueExpression, loop.condition].reduce(0) { max($0, $1?.depth ?? 0) }
        case .conditional(let condition, let then, let otherwise): max(condition.depth, then.depth, otherwise.depth)
        }
    }
}

extension TemplatePart {
    /// Directive nesting counts as depth too; the parser bounds it, so this recursion is shallow.
    static func depth(of parts: [TemplatePart]) -> Int {
        parts.reduce(0) { deepest, part in
            switch part {
            case .literal: deepest
            case .interpolation(let expression): max(deepest, expression.depth)
            case .conditional(let condition, let then, let otherwise):
                max(deepest, condition.depth, 1 + depth(of: then), 1 + depth(of: otherwise))
            case .loop(_, _, let collection, let body): max(deepest, collection.depth, 1 + depth(of: body))
            }
        }
    }
}

public indirect enum ExpressionKind: Hashable, Sendable {
    /// Numbers, `true`, `false`, `null`.
    case literal(Value)
    /// A quoted string or heredoc. Strip markers (`~`) are already applied to the neighbouring literals.
    case template([TemplatePart])
    /// The root name of a reference: `var`, `local`, `aws_instance`, `each`, `count`, `module`, `data`, a `for` variable.
    case variable(String)
    /// `expr.name`
    case getAttribute(Expression, String)
    /// `expr[key]`, and the legacy `expr.0`
    case index(Expression, Expression)
    /// `expr[*].a.b` (full) or `expr.*.a` (attribute-only); `traversal` is applied to each element.
    case splat(Expression, traversal: [TraversalStep])
    /// `name(args...)`; `expandFinal` for a trailing `...`.
    case functionCall(name: String, arguments: [Expression], expandFinal: Bool)
    case tuple([Expression])
    /// `{ key = value, (expr) = value }`; bare identifier keys arrive as literal string templates.
    case object([ObjectItem])
    case forExpression(ForExpression)
    case conditional(condition: Expression, then: Expression, else: Expression)
    case binary(BinaryOperator, Expression, Expression)
    case unary(UnaryOperator, Expression)
    case parenthesized(Expression)
}

public enum TraversalStep: Hashable, Sendable {
    case attribute(String)
    case index(Expression)
}

public struct ObjectItem: Hashable, Sendable {
    public var key: Expression
    public var value: Expression
    /// The key was a bare identifier (`foo = 1`), which is never evaluated as a reference.
    public var keyIsBareIdentifier: Bool

    public init(key: Expression, value: Expression, keyIsBareIdentifier: Bool) {
        self.key = key
        self.value = value
        self.keyIsBareIdentifier = keyIsBareIdentifier
    }
}

/// `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`
public struct ForExpression: Hashable, Sendable {
    public var keyVariable: String?
    public var valueVariable: String
    public var collection: Expression
    /// Present for object `for` expressions.
    public var keyExpression: Expression?
    public var valueExpression: Expression
    public var condition: Expression?
    /// `...` after the value: group values with the same key into lists.
    public var grouping: Bool

    public init(
        keyVariable: String?, valueVariable: String, collection: Expression, keyExpression: Expression?,
        valueExpression: Expression, condition: Expression?, grouping: Bool
    ) {
        self.keyVariable = keyVariable
        self.valueVariable = valueVariable
        self.collection = collection
        self.keyExpression = keyExpression
        self.valueExpression = valueExpression
        self.condition = condition
        self.grouping = grouping
    }
}

public indirect enum TemplatePart: Hashable, Sendable {
    case literal(String)
    case interpolation(Expression)
    /// `%{ if cond }...%{ else }...%{ endif }`
    case conditional(condition: Expression, then: [TemplatePart], else: [TemplatePart])
    /// `%{ for k, v in coll }...%{ endfor }`
    case loop(keyVariable: String?, valueVariable: String, collection: Expression, body: [TemplatePart])
}

public enum BinaryOperator: String, Hashable, Sendable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
}

public enum UnaryOperator: String, Hashable, Sendable {
    case not = "!"
    case negate = "-"
}
