import PerimeterTerraform
import Testing

private typealias F = FunctionTesting

@Suite struct TypeConversionFunctionTests {
    @Test func tostringFormatsPrimitives() throws {
        #expect(try F.call("tostring", .number(1)) == .string("1"))
        #expect(try F.call("tostring", .number(1.5)) == .string("1.5"))
        #expect(try F.call("tostring", .number(1e21)) == .string("1000000000000000000000"))
        #expect(try F.call("tostring", .bool(true)) == .string("true"))
        #expect(try F.call("tostring", .null) == .null)
        #expect(F.error("tostring", F.numbers(1)) == "Cannot convert list to string")
    }

    @Test func tonumberParsesDecimalStrings() throws {
        #expect(try F.call("tonumber", .string("1e3")) == .number(1000))
        #expect(try F.call("tonumber", .string(".5")) == .number(0.5))
        #expect(try F.call("tonumber", .string("-2.5")) == .number(-2.5))
        #expect(try F.call("tonumber", .number(3)) == .number(3))
        #expect(F.error("tonumber", .string("0x10")) == "Cannot convert '0x10' to number")
        #expect(F.error("tonumber", .string(" 5")) == "Cannot convert ' 5' to number")
        #expect(F.error("tonumber", .bool(true)) == "Cannot convert bool to number")
    }

    @Test func toboolAcceptsOnlyTerraformsSpellings() throws {
        #expect(try F.call("tobool", .string("true")) == .bool(true))
        #expect(try F.call("tobool", .string("0")) == .bool(false))
        #expect(try F.call("tobool", .bool(false)) == .bool(false))
        #expect(F.error("tobool", .string("True")) == "Cannot convert 'True' to bool")
    }

    @Test func tolistUnifiesElementTypes() throws {
        #expect(try F.json("tolist", .list([.string("a"), .number(1), .bool(true)])) == #"["a","1","true"]"#)
        #expect(try F.json("tolist", .list([F.numbers(1), F.strings("a")])) == #"[["1"],["a"]]"#)
        #expect(try F.call("tolist", .set([.string("a")])) == F.strings("a"))
        #expect(F.error("tolist", .list([.number(1), .bool(true)])) == "Cannot convert a tuple to a list: its elements have no single type")
    }

    @Test func tomapUnifiesValueTypes() throws {
        #expect(try F.json("tomap", F.object(["a": .number(1), "b": .string("x")])) == #"{"a":"1","b":"x"}"#)
        #expect(
            F.error("tomap", F.object(["a": .number(1), "b": .bool(true)]))
                == "Cannot convert an object to a map: its values have no single type")
        #expect(F.error("tomap", F.strings("a")) == "Cannot convert list to map")
    }

    @Test func tosetOfObjectsKeepsThemDistinct() throws {
        let first = F.object(["a": .number(1)])
        let second = F.object(["a": .number(2)])
        #expect(try F.call("toset", .list([first, second, first])) == .set([first, second]))
    }

    @Test func sensitiveAndNonsensitiveReturnTheValue() throws {
        #expect(try F.call("sensitive", .string("secret")) == .string("secret"))
        #expect(try F.call("nonsensitive", .number(1)) == .number(1))
        #expect(try F.call("issensitive", .string("x")).isUnknown)
    }
}
