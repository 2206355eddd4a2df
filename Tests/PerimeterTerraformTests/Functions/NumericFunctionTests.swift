import PerimeterTerraform
import Testing

private typealias F = FunctionTesting

@Suite struct NumericFunctionTests {
    @Test func absDropsTheSign() throws {
        #expect(try F.call("abs", .number(-3.5)) == .number(3.5))
        #expect(try F.call("abs", .string("-2")) == .number(2))
    }

    @Test func ceilRoundsUp() throws {
        #expect(try F.call("ceil", .number(1.2)) == .number(2))
        #expect(try F.call("ceil", .number(-1.2)) == .number(-1))
    }

    @Test func floorRoundsDown() throws {
        #expect(try F.call("floor", .number(-1.2)) == .number(-2))
        #expect(try F.call("floor", .number(5)) == .number(5))
    }

    @Test func signumGivesTheSign() throws {
        #expect(try F.call("signum", .number(-3)) == .number(-1))
        #expect(try F.call("signum", .number(0)) == .number(0))
        #expect(try F.call("signum", .number(7)) == .number(1))
    }

    @Test func minAndMaxConvertStrings() throws {
        #expect(try F.call("min", .number(3), .number(1.5), .number(2)) == .number(1.5))
        #expect(try F.call("max", .number(1), .string("5"), .number(3)) == .number(5))
        #expect(F.error("min") == "Function 'min' expects at least 1 argument, got 0")
        #expect(F.error("max", .string("x")) == "Invalid argument 1 to 'max': a number is required, got 'x'")
    }

    @Test func powRaisesToAPower() throws {
        #expect(try F.call("pow", .number(2), .number(10)) == .number(1024))
        #expect(try F.json("pow", .number(2), .number(70)) == "1180591620717411300000")
    }

    @Test func logIsExactForExactPowers() throws {
        #expect(try F.call("log", .number(8), .number(2)) == .number(3))
        #expect(try F.call("log", .number(1000), .number(10)) == .number(3))
        #expect(try F.call("log", .number(16), .number(4)) == .number(2))
    }

    @Test func parseintReadsBasesUpTo62() throws {
        #expect(try F.call("parseint", .string("FF"), .number(16)) == .number(255))
        #expect(try F.call("parseint", .string("-1010"), .number(2)) == .number(-10))
        #expect(try F.call("parseint", .string("zZ"), .number(62)) == .number(2231))
        #expect(
            F.error("parseint", .string("12"), .number(1))
                == "Invalid argument 2 to 'parseint': the base must be a whole number between 2 and 62, got 1")
        #expect(F.error("parseint", .string("1.5"), .number(10)) == "Cannot parse '1.5' as a base 10 integer")
        #expect(F.error("parseint", .string("G"), .number(16)) == "Cannot parse 'G' as a base 16 integer")
    }
}
