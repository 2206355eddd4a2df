import PerimeterTerraform
import Testing

private typealias F = FunctionTesting

@Suite struct ListAndSetFunctionTests {
    @Test func sortConvertsToStringsAndSortsByBytes() throws {
        let mixed = Value.list([.string("b"), .string("a"), .number(10), .number(9)])
        #expect(try F.json("sort", mixed) == #"["10","9","a","b"]"#)
        #expect(F.error("sort", .list([.list([])])) != nil)
    }

    @Test func sumAddsNumbers() throws {
        #expect(try F.call("sum", F.numbers(1, 2.5)) == .number(3.5))
        #expect(try F.call("sum", .list([.string("2"), .number(1)])) == .number(3))
        #expect(F.error("sum", .list([])) == "Invalid argument 1 to 'sum': cannot sum an empty list")
    }

    @Test func transposeSwapsKeysAndValues() throws {
        let map = F.object(["a": F.strings("1", "2"), "b": F.strings("2", "3")])
        #expect(try F.json("transpose", map) == #"{"1":["a"],"2":["a","b"],"3":["b"]}"#)
        #expect(F.error("transpose", F.object(["a": .string("x")])) != nil)
    }

    @Test func matchkeysKeepsValuesWhoseKeyIsSearched() throws {
        let result = try F.call("matchkeys", F.strings("a", "b", "c"), F.strings("x", "y", "z"), F.strings("z", "x"))
        #expect(result == F.strings("a", "c"))
        #expect(try F.call("matchkeys", F.strings("a"), F.numbers(1), F.strings("1")) == F.strings("a"))
        #expect(F.error("matchkeys", F.strings("a"), F.strings("x", "y"), F.strings("x")) != nil)
    }

    @Test func rangeTakesOneTwoOrThreeArguments() throws {
        #expect(try F.json("range", .number(3)) == "[0,1,2]")
        #expect(try F.json("range", .number(1), .number(4)) == "[1,2,3]")
        #expect(try F.json("range", .number(0), .number(1), .number(0.25)) == "[0,0.25,0.5,0.75]")
        #expect(try F.json("range", .number(0), .number(0.5), .number(0.1)) == "[0,0.1,0.2,0.3,0.4]")
        #expect(try F.json("range", .number(1), .number(1)) == "[]")
    }

    @Test func rangeCountsDownWithNegativeSteps() throws {
        #expect(try F.json("range", .number(-3)) == "[0,-1,-2]")
        #expect(try F.json("range", .number(3), .number(1)) == "[3,2]")
        #expect(try F.json("range", .number(5), .number(1), .number(-2)) == "[5,3]")
        #expect(F.error("range", .number(5), .number(1), .number(2)) == "The step of 'range' must be negative to go from 5 to 1")
        #expect(F.error("range", .number(1), .number(5), .number(-1)) == "The step of 'range' must be positive to go from 1 to 5")
        #expect(F.error("range", .number(0), .number(5), .number(0)) == "The step of 'range' must not be zero")
        #expect(F.error("range", .number(1025)) == "'range' would produce more than 1024 elements")
    }

    @Test func tosetSortsStringsByBytesAndDropsDuplicates() throws {
        let strings = F.strings("b", "a", "B", "é", "z", "a")
        #expect(try F.call("toset", strings) == .set(["B", "a", "b", "z", "é"].map(Value.string)))
        #expect(try F.call("toset", F.numbers(1, 10, 2)) == .set([1, 2, 10].map(Value.number)))
        #expect(try F.call("toset", .list([.bool(true), .bool(false)])) == .set([.bool(false), .bool(true)]))
        #expect(try F.call("toset", .list([.string("a"), .number(1)])) == .set([.string("1"), .string("a")]))
    }

    @Test func setunionCombinesAndUnifies() throws {
        #expect(try F.call("setunion", F.strings("b"), F.strings("a", "b")) == .set([.string("a"), .string("b")]))
        #expect(try F.call("setunion", F.strings("a"), F.numbers(1)) == .set([.string("1"), .string("a")]))
    }

    @Test func setintersectionKeepsCommonElements() throws {
        #expect(try F.call("setintersection", F.strings("a", "b"), F.strings("b", "c")) == .set([.string("b")]))
        #expect(try F.call("setintersection", F.strings("a"), F.strings("b")) == .set([]))
    }

    @Test func setsubtractRemovesElements() throws {
        #expect(try F.call("setsubtract", F.strings("a", "b"), F.strings("b")) == .set([.string("a")]))
    }

    @Test func setproductBuildsEveryCombination() throws {
        #expect(try F.json("setproduct", F.strings("a", "b"), F.numbers(1, 2)) == #"[["a",1],["a",2],["b",1],["b",2]]"#)
        #expect(try F.json("setproduct", F.strings("a"), .list([])) == "[]")
        #expect(try F.call("setproduct", .set([.string("a")]), F.strings("x")) == .set([F.strings("a", "x")]))
        #expect(F.error("setproduct", F.strings("a")) == "Function 'setproduct' expects at least 2 arguments, got 1")
    }
}
