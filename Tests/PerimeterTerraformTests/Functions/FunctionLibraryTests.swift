import PerimeterTerraform
import Testing

private typealias F = FunctionTesting

@Suite struct FunctionLibraryTests {
    /// The functions the evaluator relies on.
    static let required = """
        toset tolist tomap tostring tonumber tobool concat merge flatten distinct compact lookup element length keys values
        contains coalesce coalescelist format formatlist join split replace lower upper title trimspace trim trimprefix
        trimsuffix chomp indent strrev substr startswith endswith strcontains regex regexall jsonencode jsondecode yamlencode
        yamldecode base64encode base64decode urlencode cidrsubnet cidrsubnets cidrhost cidrnetmask min max abs ceil floor log
        pow signum parseint range zipmap setunion setintersection setsubtract setproduct one alltrue anytrue sort reverse
        slice chunklist index sum transpose matchkeys file fileexists templatefile basename dirname abspath pathexpand
        sensitive nonsensitive timestamp uuid bcrypt md5 sha1 sha256 sha512 fileset filebase64 csvdecode
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    @Test func knowsEveryRequiredFunction() {
        let missing = Self.required.filter { !FunctionLibrary.isKnown($0) }
        #expect(missing.isEmpty, "missing: \(missing)")
        #expect(FunctionLibrary.names.count >= Self.required.count)
    }

    @Test func leavesLazyAndProviderFunctionsToTheEvaluator() {
        #expect(!FunctionLibrary.isKnown("try"))
        #expect(!FunctionLibrary.isKnown("can"))
        #expect(!FunctionLibrary.isKnown("provider::aws::arn_parse"))
        #expect(!FunctionLibrary.isKnown("Length"))
    }

    @Test func rejectsUnknownFunctions() {
        #expect(F.error("foo") == "Call to unknown function 'foo'")
    }

    @Test func checksArgumentCounts() {
        #expect(F.error("length") == "Function 'length' expects 1 argument, got 0")
        #expect(F.error("lookup", .object([:])) == "Function 'lookup' expects 2 to 3 arguments, got 1")
        #expect(F.error("cidrsubnet", .string("10.0.0.0/8")) == "Function 'cidrsubnet' expects 3 arguments, got 1")
        #expect(F.error("timestamp", .string("x")) == "Function 'timestamp' expects 0 arguments, got 1")
    }

    @Test func rejectsNullAndMistypedArguments() {
        #expect(F.error("upper", .null) == "Invalid argument 1 to 'upper': must not be null")
        #expect(F.error("upper", F.strings("a")) == "Invalid argument 1 to 'upper': a string is required, got list")
        #expect(F.error("keys", .string("a")) == "Invalid argument 1 to 'keys': a map or object is required, got string")
        #expect(F.error("abs", .bool(true)) == "Invalid argument 1 to 'abs': a number is required, got bool")
    }

    @Test func removedFunctionsExplainTheReplacement() {
        #expect(F.error("list", .string("a")) == "The 'list' function was removed in Terraform 0.15; use tolist([...]) instead")
        #expect(F.error("map") == "The 'map' function was removed in Terraform 0.15; use tomap({...}) instead")
    }

    @Test func neverCrashesOnOddInputs() {
        let odd: [Value] = [
            .null, .bool(true), .number(-0.0), .number(1e300), .number(-1e-300), .string(""), .string("\u{0}"),
            .list([]), .set([]), .object([:]), .list([.null]), .unknown(Unknown(reason: "x"))
        ]
        for name in FunctionLibrary.names where !["timestamp", "uuid", "file", "filebase64", "fileset", "fileexists"].contains(name) {
            for first in odd {
                for second in [Value.number(3), .string("a")] {
                    _ = try? FunctionLibrary.call(name, [first, second], context: F.context)
                    _ = try? FunctionLibrary.call(name, [first], context: F.context)
                }
            }
        }
    }
}
