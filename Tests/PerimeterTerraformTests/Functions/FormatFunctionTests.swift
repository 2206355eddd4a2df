import PerimeterTerraform
import Testing

private typealias F = FunctionTesting

@Suite struct FormatFunctionTests {
    private func format(_ template: String, _ arguments: Value...) throws -> Value {
        try FunctionLibrary.call("format", [.string(template)] + arguments, context: F.context)
    }

    @Test func formatsStringsNumbersAndBools() throws {
        #expect(try format("%v|%v|%v|%v", .number(1.5), .number(2), .bool(true), .string("s")) == .string("1.5|2|true|s"))
        #expect(try format("%s|%s|%s", .number(1.5), .bool(true), .number(1e-7)) == .string("1.5|true|0.0000001"))
        #expect(try format("%t", .string("false")) == .string("false"))
        #expect(try format("100%%") == .string("100%"))
    }

    @Test func formatsCollectionsAsJSON() throws {
        #expect(try format("%v", .list([.number(1), .string("a")])) == .string(#"[1,"a"]"#))
        #expect(try format("%#v|%#v", .string("s"), F.object(["a": F.numbers(1)])) == .string(#""s"|{"a":[1]}"#))
        #expect(try format("%q", .string("a\"b<")) == .string(#""a\"b\u003c""#))
    }

    @Test func padsAndAlignsWithWidthAndFlags() throws {
        #expect(
            try format("%5d|%-5d|%05d|%+d|% d", .number(42), .number(42), .number(42), .number(42), .number(42))
                == .string("   42|42   |00042|+42| 42"))
        #expect(
            try format("%5s|%-5s|%.2s|%05s", .string("ab"), .string("ab"), .string("abcdef"), .string("ab"))
                == .string("   ab|ab   |ab|000ab"))
        #expect(try format("%05d", .number(-42)) == .string("-0042"))
        #expect(try format("%10v|", .string("é")) == .string("         é|"))
    }

    @Test func formatsIntegersInOtherBases() throws {
        #expect(try format("%x|%X|%o|%b", .number(255), .number(255), .number(8), .number(5)) == .string("ff|FF|10|101"))
        #expect(try format("%#x|%#o|%#b|%x", .number(255), .number(8), .number(5), .number(-255)) == .string("0xff|010|0b101|-ff"))
        #expect(try format("%d", .number(1e20)) == .string("100000000000000000000"))
        #expect(try format("%.3d", .number(7)) == .string("007"))
    }

    @Test func formatsFloatsLikeGo() throws {
        #expect(
            try format("%f|%.2f|%5.1f|%e", .number(1.5), .number(3.14159), .number(2.25), .number(1234.5))
                == .string("1.500000|3.14|  2.2|1.234500e+03"))
        #expect(try format("%.0f|%.0f|%.0f|%.2f", .number(0.5), .number(1.5), .number(2.5), .number(2.675)) == .string("0|2|2|2.67"))
        #expect(
            try format("%g|%g|%g|%.3g", .number(100_000_000), .number(0.00001), .number(123_456), .number(1234.5))
                == .string("1e+08|1e-05|123456|1.23e+03"))
        #expect(try format("%v|%G|%E", .number(1e20), .number(1e-10), .number(12345.678)) == .string("1e+20|1E-10|1.234568E+04"))
        #expect(try format("%e", .number(0)) == .string("0.000000e+00"))
    }

    @Test func usesExplicitArgumentIndexes() throws {
        #expect(try format("%[2]s %[1]s", .string("a"), .string("b")) == .string("b a"))
        #expect(try format("%[1]s %s", .string("a"), .string("b")) == .string("a b"))
    }

    @Test func reportsBadVerbsAndArguments() {
        #expect(F.error("format", .string("%d"), .number(1.5)) == "Unsupported value for '%d' at offset 0: an integer is required")
        #expect(F.error("format", .string("%s")) == "Not enough arguments for '%s' at offset 0: needs argument 1, got 0")
        #expect(
            F.error("format", .string("%s"), .string("a"), .string("b"))
                == "Too many arguments for format: only 1 used by the format string, got 2")
        #expect(F.error("format", .string("%s"), F.numbers(1)) == "Unsupported value for '%s' at offset 0: a string is required")
        #expect(F.error("format", .string("%y"), .number(1)) == "Unsupported format verb 'y' in '%y' at offset 0")
        #expect(F.error("format", .string("%")) == "Invalid format string: '%' at offset 0 has no verb")
        #expect(
            F.error("format", .string("%[3]s"), .string("a")) == "Not enough arguments for '%[3]s' at offset 0: needs argument 3, got 1")
    }

    @Test func nullArgumentGivesAnUnknownAsInTerraform() throws {
        #expect(try format("%v", .null).isUnknown)
    }

    @Test func formatlistMakesOneStringPerElement() throws {
        let rows = try F.call("formatlist", .string("%s-%s"), F.strings("a", "b"), .string("x"))
        #expect(rows == F.strings("a-x", "b-x"))
        #expect(try F.call("formatlist", .string("%s=%d"), F.strings("a", "b"), F.numbers(1, 2)) == F.strings("a=1", "b=2"))
        #expect(try F.call("formatlist", .string("%s"), .string("x")) == F.strings("x"))
        #expect(
            F.error("formatlist", .string("%s-%s"), F.strings("a", "b"), F.strings("c"))
                == "Invalid argument 3 to 'formatlist': has 1 elements, but an earlier list has 2")
    }
}
