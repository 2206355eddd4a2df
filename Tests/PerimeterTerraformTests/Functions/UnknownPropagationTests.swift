import PerimeterTerraform
import Testing

private typealias F = FunctionTesting

/// Unknowns never become guesses: structure is kept where Terraform knows it, unknown elements
/// stay the very same `Unknown`, and results that depend on an unknown are unknown.
@Suite struct UnknownPropagationTests {
    let nodeGroup = Unknown.attribute("id", of: "aws_security_group.node")
    let cluster = Unknown.attribute("vpc_config[0].cluster_security_group_id", of: "aws_eks_cluster.this")
    let extra = Unknown(reason: "var.extra has no value")

    var node: Value { .unknown(nodeGroup) }

    @Test func concatKeepsUnknownElementsUntouched() throws {
        let result = try F.call("concat", .list([node]), F.strings("sg-123"))
        #expect(result == .list([.unknown(nodeGroup), .string("sg-123")]))
        let first = try #require(result.elements?.first?.unknown)
        #expect(first.resource == "aws_security_group.node")
        #expect(first.attribute == "id")
    }

    @Test func concatWithAWhollyUnknownListIsUnknown() throws {
        let result = try F.call("concat", .list([node]), .unknown(extra))
        let unknown = try #require(result.unknown)
        #expect(unknown.resource == nil)
        #expect(unknown.reason == "var.extra has no value (through concat())")
    }

    @Test func conversionsPassASingleUnknownThrough() throws {
        for name in ["tostring", "tonumber", "tobool", "tolist", "toset", "tomap"] {
            #expect(try F.call(name, .unknown(cluster)) == .unknown(cluster), "\(name)")
        }
        #expect(try F.call("sensitive", node) == node)
        #expect(try F.call("nonsensitive", node) == node)
    }

    @Test func tolistAndTosetKeepUnknownElements() throws {
        #expect(try F.call("tolist", .list([node, .string("a")])) == .list([node, .string("a")]))
        #expect(
            try F.call("toset", .list([.string("b"), node, .string("a"), .string("a"), node])) == .set([.string("a"), .string("b"), node]))
        #expect(try F.call("setunion", .list([node]), F.strings("a")) == .set([.string("a"), node]))
    }

    @Test func flattenMergeElementLookupKeepUnknownElements() throws {
        #expect(try F.call("flatten", .list([.list([node]), F.strings("a")])) == .list([node, .string("a")]))
        #expect(try F.call("merge", F.object(["a": node]), F.object(["b": .number(1)])) == F.object(["a": node, "b": .number(1)]))
        #expect(try F.call("element", .list([node, .string("a")]), .number(2)) == node)
        #expect(try F.call("lookup", F.object(["sg": node]), .string("sg"), .string("default")) == node)
        #expect(try F.call("one", .list([node])) == node)
        #expect(try F.call("coalescelist", .list([]), .list([node])) == .list([node]))
        #expect(try F.call("reverse", .list([node, .string("a")])) == .list([.string("a"), node]))
        #expect(try F.call("slice", .list([.string("a"), node]), .number(1), .number(2)) == .list([node]))
        #expect(try F.call("chunklist", .list([node, node]), .number(1)) == .list([.list([node]), .list([node])]))
        #expect(try F.call("zipmap", F.strings("a"), .list([node])) == F.object(["a": node]))
        #expect(try F.call("matchkeys", .list([node, .string("b")]), F.strings("k1", "k2"), F.strings("k1")) == .list([node]))
        #expect(try F.call("setproduct", .list([node]), F.strings("a")) == .list([.list([node, .string("a")])]))
    }

    @Test func lengthAndKeysAreKnownWhenOnlyElementsAreUnknown() throws {
        #expect(try F.call("length", .list([node, .unknown(cluster)])) == .number(2))
        #expect(try F.call("keys", F.object(["b": node, "a": node])) == F.strings("a", "b"))
        #expect(try F.call("values", F.object(["b": node, "a": .number(1)])) == .list([.number(1), node]))
        #expect(try F.call("length", .set([.string("a"), node])).isUnknown)
        #expect(try F.call("length", .unknown(extra)).isUnknown)
    }

    @Test func resultsThatDependOnUnknownsAreUnknown() throws {
        for (name, arguments) in [
            ("compact", [Value.list([.unknown(extra), .string("a")])]),
            ("join", [.string(","), .list([node])]),
            ("distinct", [.list([.unknown(extra), .string("a")])]),
            ("sort", [.list([node])]),
            ("index", [.list([node, .string("a")]), .string("a")]),
            ("element", [.list([.string("a")]), node]),
            ("lookup", [F.object(["a": .number(1)]), node]),
            ("lookup", [.unknown(extra), .string("a")]),
            ("zipmap", [.list([node]), F.strings("a")]),
            ("range", [node]),
            ("cidrsubnet", [node, .number(8), .number(1)]),
            ("cidrhost", [.string("10.0.0.0/8"), node]),
            ("format", [.string("%s"), node]),
            ("jsonencode", [F.object(["a": node])]),
            ("yamlencode", [.list([node])]),
            ("upper", [node]),
            ("merge", [.unknown(extra)]),
            ("setintersection", [.list([node]), F.strings("a")]),
            ("setsubtract", [F.strings("a"), .list([node])])
        ] {
            let result = try FunctionLibrary.call(name, arguments, context: F.context)
            #expect(result.isUnknown, "\(name)")
            #expect(result.unknown?.resource == nil, "\(name) must not claim to be the referenced attribute")
        }
    }

    /// A resource attribute reference is never null or "" and two different ones are two elements:
    /// compact() and distinct() keep them (terraform-aws-eks builds security group lists this way).
    @Test func compactAndDistinctKeepResourceReferences() throws {
        #expect(try F.call("compact", .list([node, .string(""), .null, .string("a")])) == .list([node, .string("a")]))
        #expect(try F.call("distinct", .list([node, .string("a"), node, .string("a")])) == .list([node, .string("a")]))
        #expect(try F.call("coalesce", node, .string("x")) == node)
    }

    @Test func decisiveKnownElementsSettleTheAnswer() throws {
        #expect(try F.call("contains", .list([node, .string("a")]), .string("a")) == .bool(true))
        #expect(try F.call("contains", .list([node]), .string("a")).isUnknown)
        #expect(try F.call("alltrue", .list([node, .bool(false)])) == .bool(false))
        #expect(try F.call("alltrue", .list([node, .bool(true)])).isUnknown)
        #expect(try F.call("anytrue", .list([node, .bool(true)])) == .bool(true))
        #expect(try F.call("coalesce", .string("a"), node) == .string("a"))
        #expect(try F.call("coalesce", .null, node).isUnknown)
    }

    @Test func formatlistKeepsKnownRows() throws {
        let rows = try F.call("formatlist", .string("sg:%s"), .list([node, .string("a")]))
        #expect(rows.elements?.count == 2)
        #expect(rows.elements?.first?.isUnknown == true)
        #expect(rows.elements?.last == .string("sg:a"))
    }

    @Test func derivedReasonsNameTheFunctionsTheyWentThrough() throws {
        let joined = try F.call("join", .string(","), .list([node]))
        let upper = try F.call("upper", joined)
        #expect(upper.unknown?.reason == "aws_security_group.node.id is known only after apply (through join(), upper())")
    }

    @Test func uncomputedFunctionsSayWhy() throws {
        #expect(try F.call("timestamp").unknown?.reason == "timestamp() is known only after apply")
        #expect(try F.call("uuid").isUnknown)
        #expect(try F.call("bcrypt", .string("x")).isUnknown)
        #expect(try F.call("md5", .string("x")).unknown?.reason == "md5() is not computed by perimeter")
        for name in ["sha1", "sha256", "sha512", "base64sha256", "base64sha512", "filemd5", "filesha256", "base64gzip"] {
            #expect(try F.call(name, .string("x")).isUnknown, "\(name)")
        }
        #expect(try F.call("formatdate", .string("YYYY"), .string("2024-01-01T00:00:00Z")).isUnknown)
    }

    @Test func templatefilePassesUnknownVariablesToTheEvaluator() throws {
        let variables = F.object(["sg": node])
        let result = try F.call("templatefile", .string("/dev/null"), variables)
        #expect(result.fields?["variables"] == variables)
        #expect(try F.call("templatefile", .string("/dev/null"), .unknown(extra)).isUnknown)
    }
}
