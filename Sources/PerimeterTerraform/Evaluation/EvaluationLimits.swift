/// How much work one root module may cost, and which files it may read. perimeter scans pull
/// requests written by anyone: each limit turns an input that would exhaust time or memory into an
/// error diagnostic that names the limit and how to raise it, and the other inputs are still scanned.
public struct EvaluationLimits: Sendable, Hashable {
    /// Instances one `count` or `for_each` may ask for (`--max-instances`).
    public var maximumInstances = 10_000
    /// Elements in a list, set or map a function returns (range, setproduct, flatten, concat...).
    public var maximumCollectionLength = 1_000_000
    /// UTF-8 bytes in a string a function or a template produces (join, format padding, templates...).
    public var maximumStringBytes = 16 << 20
    /// UTF-8 bytes of all the strings in one value together, counted where they appear (what its JSON would weigh).
    public var maximumValueBytes = 64 << 20
    /// Bytes `file()`, `filebase64()` and `templatefile()` read; the size is checked before reading.
    public var maximumFileBytes = 16 << 20
    /// Expressions evaluated (and loop iterations) for one root module and every module it calls.
    public var maximumSteps = 5_000_000
    /// Evaluations nested inside one another: deep expressions, chains of locals, module depth.
    /// A documented constant rather than an option: it protects the stack, which is sized for it.
    public static let maximumEvaluationDepth = 2_000
    /// `templatefile()` calls nested inside template files (Terraform allows none).
    public static let maximumTemplateDepth = 1

    /// Let `file()`, `templatefile()`, `fileset()` and local module sources reach outside the scanned
    /// tree (`--allow-outside-files`).
    public var allowsFilesOutsideTree = false
    /// The directories a scan was given; with no enclosing git repository, a root module's files
    /// must stay inside the one that holds it. Empty: the root module's own directory.
    public var treeRoots: [String] = []

    public init() {}

    /// The names `--limit NAME=VALUE` accepts, with what each sets.
    public static let settableNames = ["instances", "collection-length", "string-bytes", "value-bytes", "file-bytes", "steps"]

    /// Sets one limit by its `--limit` name; false for a name that is not one.
    public mutating func set(_ name: String, to value: Int) -> Bool {
        switch name {
        case "instances": maximumInstances = value
        case "collection-length": maximumCollectionLength = value
        case "string-bytes": maximumStringBytes = value
        case "value-bytes": maximumValueBytes = value
        case "file-bytes": maximumFileBytes = value
        case "steps": maximumSteps = value
        default: return false
        }
        return true
    }

    /// The weight a single value may reach.
    var valueBound: ValueWeight { ValueWeight(elements: maximumCollectionLength, stringBytes: maximumValueBytes) }
}
