import PerimeterTerraform
import Testing

private typealias F = FunctionTesting

@Suite struct CollectionFunctionTests {
    @Test func concatJoinsListsAndSetsInOrder() throws {
        #expect(try F.json("concat", F.strings("a"), .list([]), .set([.string("b"), .string("c")])) == #"["a","b","c"]"#)
        #expect(try F.json("concat", F.numbers(1), F.strings("a")) == #"[1,"a"]"#)
        #expect(F.error("concat", .string("a")) == "Invalid argument 1 to 'concat': a list is required, got string")
        #expect(F.error("concat") == "Function 'concat' expects at least 1 argument, got 0")
    }

    @Test func mergeIsShallowAndLaterWins() throws {
        let first = F.object(["a": .number(1), "b": F.object(["x": .number(1)])])
        let second = F.object(["b": F.object(["y": .number(2)])])
        #expect(try F.json("merge", first, second, .null) == #"{"a":1,"b":{"y":2}}"#)
        #expect(try F.json("merge") == "{}")
        #expect(F.error("merge", F.strings("a")) == "Invalid argument 1 to 'merge': a map or object is required, got list")
    }

    @Test func flattenRecursesIntoListsAndSetsOnly() throws {
        let nested = Value.list([.list([.number(1), .list([.number(2)])]), .set([.number(3)]), F.object(["a": .number(4)]), .list([])])
        #expect(try F.json("flatten", nested) == #"[1,2,3,{"a":4}]"#)
        #expect(try F.json("flatten", .list([])) == "[]")
    }

    @Test func distinctKeepsFirstOccurrences() throws {
        #expect(try F.json("distinct", F.strings("b", "a", "b")) == #"["b","a"]"#)
        #expect(try F.json("distinct", .list([.number(1), .string("1")])) == #"["1"]"#)
    }

    @Test func compactDropsEmptyStringsAndNulls() throws {
        #expect(try F.json("compact", .list([.string("a"), .string(""), .null, .string("b")])) == #"["a","b"]"#)
        #expect(try F.json("compact", .list([.number(1)])) == #"["1"]"#)
    }

    @Test func lookupUsesTheDefaultOnlyWhenTheKeyIsMissing() throws {
        let map = F.object(["a": .number(1)])
        #expect(try F.call("lookup", map, .string("a")) == .number(1))
        #expect(try F.call("lookup", map, .string("b"), .string("x")) == .string("x"))
        #expect(try F.call("lookup", map, .string("a"), .string("x")) == .number(1))
        #expect(F.error("lookup", map, .string("b")) == "The map given to 'lookup' has no element 'b' and no default was given")
    }

    @Test func elementWrapsAround() throws {
        let list = F.strings("a", "b", "c")
        #expect(try F.call("element", list, .number(0)) == .string("a"))
        #expect(try F.call("element", list, .number(4)) == .string("b"))
        #expect(try F.call("element", list, .number(300)) == .string("a"))
        #expect(F.error("element", .list([]), .number(0)) == "Cannot use 'element' with an empty list")
        #expect(F.error("element", list, .number(-1)) == "Invalid argument 2 to 'element': the index must not be negative, got -1")
        #expect(F.error("element", list, .number(1.5)) == "Invalid argument 2 to 'element': a whole number is required, got 1.5")
        #expect(F.error("element", .set([.string("a")]), .number(0)) != nil)
    }

    @Test func lengthCountsGraphemesElementsAndKeys() throws {
        #expect(try F.call("length", .string("héllo")) == .number(5))
        #expect(try F.call("length", .string("👍🏽")) == .number(1))
        #expect(try F.call("length", F.numbers(1, 2)) == .number(2))
        #expect(try F.call("length", F.object(["a": .number(1)])) == .number(1))
        #expect(F.error("length", .number(3)) == "Invalid argument 1 to 'length': a collection or a string is required, got number")
        #expect(F.error("length", .null) == "Invalid argument 1 to 'length': must not be null")
    }

    @Test func keysAreSortedByBytes() throws {
        let map = F.object(["b": .number(1), "a": .number(2), "B": .number(3)])
        #expect(try F.json("keys", map) == #"["B","a","b"]"#)
    }

    @Test func valuesFollowKeyOrder() throws {
        #expect(try F.json("values", F.object(["b": .number(1), "a": .number(2)])) == "[2,1]")
    }

    @Test func containsComparesWithoutConversion() throws {
        #expect(try F.call("contains", F.strings("a", "b"), .string("b")) == .bool(true))
        #expect(try F.call("contains", F.strings("1", "2"), .number(1)) == .bool(false))
        #expect(try F.call("contains", .set([.number(1)]), .number(1)) == .bool(true))
    }

    @Test func coalesceSkipsNullAndEmptyStrings() throws {
        #expect(try F.call("coalesce", .string(""), .string("a")) == .string("a"))
        #expect(try F.call("coalesce", .null, .number(1), .string("x")) == .string("1"))
        #expect(try F.call("coalesce", .number(2)) == .number(2))
        #expect(F.error("coalesce", .null, .string("")) == "'coalesce' found no non-null, non-empty-string argument")
        #expect(F.error("coalesce", .number(1), .bool(true)) == "The arguments to 'coalesce' must all have the same type")
    }

    @Test func coalescelistReturnsTheFirstNonEmptyList() throws {
        #expect(try F.json("coalescelist", .list([]), F.strings("a"), F.strings("b")) == #"["a"]"#)
        #expect(F.error("coalescelist", .list([]), .list([])) == "'coalescelist' found no non-empty list argument")
    }

    @Test func oneAcceptsZeroOrOneElement() throws {
        #expect(try F.call("one", .list([])) == .null)
        #expect(try F.call("one", F.strings("a")) == .string("a"))
        #expect(try F.call("one", .set([.string("a")])) == .string("a"))
        #expect(F.error("one", F.strings("a", "b")) == "Invalid argument 1 to 'one': must have zero or one elements, got 2")
    }

    @Test func alltrueNeedsEveryElementTrue() throws {
        #expect(try F.call("alltrue", .list([])) == .bool(true))
        #expect(try F.call("alltrue", .list([.bool(true), .string("true")])) == .bool(true))
        #expect(try F.call("alltrue", .list([.bool(true), .bool(false)])) == .bool(false))
        #expect(F.error("alltrue", F.strings("yes")) == "Invalid argument 1 to 'alltrue': a list of bools is required, found string")
    }

    @Test func anytrueNeedsOneElementTrue() throws {
        #expect(try F.call("anytrue", .list([])) == .bool(false))
        #expect(try F.call("anytrue", .list([.bool(false), .string("true")])) == .bool(true))
    }

    @Test func indexFindsTheFirstEqualElement() throws {
        #expect(try F.call("index", F.strings("a", "b", "b"), .string("b")) == .number(1))
        #expect(F.error("index", F.strings("a"), .string("z")) == "'index' found no element equal to the given value")
    }

    @Test func reverseTurnsSetsIntoLists() throws {
        #expect(try F.json("reverse", F.numbers(1, 2, 3)) == "[3,2,1]")
        #expect(try F.call("reverse", .set([.string("a"), .string("b")])) == F.strings("b", "a"))
    }

    @Test func sliceChecksItsBounds() throws {
        let list = F.strings("a", "b", "c")
        #expect(try F.call("slice", list, .number(1), .number(3)) == F.strings("b", "c"))
        #expect(try F.call("slice", list, .number(1), .number(1)) == .list([]))
        #expect(
            F.error("slice", list, .number(2), .number(1))
                == "Invalid argument 2 to 'slice': the start index must not be greater than the end index")
        #expect(
            F.error("slice", list, .number(0), .number(4))
                == "Invalid argument 3 to 'slice': the end index must not be greater than the length of the list (3)")
        #expect(F.error("slice", list, .number(-1), .number(1)) != nil)
    }

    @Test func chunklistSplitsIntoFixedSizes() throws {
        #expect(try F.json("chunklist", F.strings("a", "b", "c"), .number(2)) == #"[["a","b"],["c"]]"#)
        #expect(try F.json("chunklist", F.strings("a", "b"), .number(0)) == #"[["a","b"]]"#)
        #expect(try F.json("chunklist", .list([]), .number(3)) == "[]")
        #expect(F.error("chunklist", F.strings("a"), .number(-1)) != nil)
    }

    @Test func zipmapPairsKeysWithValues() throws {
        #expect(try F.json("zipmap", F.strings("a", "b"), F.numbers(1, 2)) == #"{"a":1,"b":2}"#)
        #expect(F.error("zipmap", F.strings("a"), F.numbers(1, 2)) == "'zipmap' got 1 keys but 2 values")
    }
}
