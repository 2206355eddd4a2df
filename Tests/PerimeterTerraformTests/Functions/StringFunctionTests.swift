import PerimeterTerraform
import Testing

private typealias F = FunctionTesting

@Suite struct StringFunctionTests {
    @Test func joinConvertsPrimitivesAndTakesSeveralLists() throws {
        #expect(try F.call("join", .string(", "), F.strings("a", "b"), F.strings("c")) == .string("a, b, c"))
        #expect(try F.call("join", .string("-"), .list([.number(1), .bool(true)])) == .string("1-true"))
        #expect(try F.call("join", .string("-"), .list([])) == .string(""))
        #expect(F.error("join", .string("-"), .list([.null])) == "Invalid argument 2 to 'join': cannot join a null element")
    }

    @Test func splitKeepsEmptyParts() throws {
        #expect(try F.call("split", .string(","), .string("a,,b")) == F.strings("a", "", "b"))
        #expect(try F.call("split", .string(","), .string("")) == F.strings(""))
        #expect(try F.call("split", .string(""), .string("abc")) == F.strings("a", "b", "c"))
        #expect(try F.call("split", .string("\n"), .string("a\r\nb")) == F.strings("a\r", "b"))
    }

    @Test func replaceSubstitutesEveryOccurrence() throws {
        #expect(try F.call("replace", .string("a.b.c"), .string("."), .string("-")) == .string("a-b-c"))
        #expect(try F.call("replace", .string("abc"), .string(""), .string("-")) == .string("-a-b-c-"))
        #expect(try F.call("replace", .string("/"), .string("/"), .string("x")) == .string("x"))
    }

    @Test func replaceWithARegexExpandsGroups() throws {
        #expect(try F.call("replace", .string("abc123"), .string("/[0-9]+/"), .string("<$0>")) == .string("abc<123>"))
        #expect(try F.call("replace", .string("hello world"), .string(#"/(\w+) (\w+)/"#), .string("$2 $1")) == .string("world hello"))
        #expect(try F.call("replace", .string("hello world"), .string(#"/(?P<a>\w+) (\w+)/"#), .string("${a}!")) == .string("hello!"))
        #expect(try F.call("replace", .string("a1"), .string(#"/(\d)/"#), .string("$1x|$$|${1}x")) == .string("a|$|1x"))
        #expect(F.error("replace", .string("a"), .string("/(/"), .string("")) != nil)
    }

    @Test func lowerMapsEachCodePoint() throws {
        #expect(try F.call("lower", .string("ÀB")) == .string("àb"))
    }

    @Test func upperLeavesExpandingMappingsAlone() throws {
        #expect(try F.call("upper", .string("straße")) == .string("STRAßE"))
    }

    @Test func titleCapitalizesWordStarts() throws {
        #expect(try F.call("title", .string("hello wORLD foo-bar_baz 1a")) == .string("Hello WORLD Foo-Bar_baz 1a"))
    }

    @Test func trimspaceRemovesUnicodeSpace() throws {
        #expect(try F.call("trimspace", .string("  a b \n\t")) == .string("a b"))
    }

    @Test func trimRemovesCutsetCharacters() throws {
        #expect(try F.call("trim", .string("?!hello?!"), .string("!?")) == .string("hello"))
    }

    @Test func trimprefixRemovesOnePrefix() throws {
        #expect(try F.call("trimprefix", .string("hellohello"), .string("hello")) == .string("hello"))
        #expect(try F.call("trimprefix", .string("hello"), .string("x")) == .string("hello"))
    }

    @Test func trimsuffixRemovesOneSuffix() throws {
        #expect(try F.call("trimsuffix", .string("helloworld"), .string("world")) == .string("hello"))
        #expect(try F.call("trimsuffix", .string("a\r\n"), .string("\n")) == .string("a\r"))
    }

    @Test func chompRemovesTrailingLineBreaks() throws {
        #expect(try F.call("chomp", .string("a\r\n\n")) == .string("a"))
        #expect(try F.call("chomp", .string("a\nb")) == .string("a\nb"))
    }

    @Test func indentSkipsTheFirstLine() throws {
        #expect(try F.call("indent", .number(2), .string("a\nb\n\nc")) == .string("a\n  b\n  \n  c"))
    }

    @Test func strrevReversesGraphemes() throws {
        #expect(try F.call("strrev", .string("héllo")) == .string("olléh"))
    }

    @Test func substrCountsGraphemesAndClamps() throws {
        #expect(try F.call("substr", .string("hello"), .number(1), .number(3)) == .string("ell"))
        #expect(try F.call("substr", .string("hello"), .number(-3), .number(-1)) == .string("llo"))
        #expect(try F.call("substr", .string("hello"), .number(1), .number(10)) == .string("ello"))
        #expect(try F.call("substr", .string("hello"), .number(7), .number(1)) == .string(""))
        #expect(try F.call("substr", .string("hello"), .number(-10), .number(2)) == .string("he"))
    }

    @Test func startswithAndEndswith() throws {
        #expect(try F.call("startswith", .string("abc"), .string("ab")) == .bool(true))
        #expect(try F.call("startswith", .string("abc"), .string("")) == .bool(true))
        #expect(try F.call("endswith", .string("abc"), .string("bc")) == .bool(true))
        #expect(try F.call("endswith", .string("abc"), .string("b")) == .bool(false))
    }

    @Test func strcontainsSearchesSubstrings() throws {
        #expect(try F.call("strcontains", .string("abc"), .string("bc")) == .bool(true))
        #expect(try F.call("strcontains", .string("abc"), .string("bd")) == .bool(false))
    }

    @Test func regexShapesItsResultByCaptureGroups() throws {
        #expect(try F.call("regex", .string("[a-z]+"), .string("123abc456")) == .string("abc"))
        #expect(try F.call("regex", .string(#"(\d+)-(\d+)"#), .string("10-20")) == F.strings("10", "20"))
        #expect(try F.json("regex", .string(#"(?P<x>\d+)-(?P<y>\d+)"#), .string("10-20")) == #"{"x":"10","y":"20"}"#)
        #expect(try F.json("regex", .string("(a)|(b)"), .string("b")) == #"[null,"b"]"#)
        #expect(try F.call("regex", .string(#"\pL+"#), .string("1ab")) == .string("ab"))
        #expect(F.error("regex", .string("x"), .string("abc")) == "The pattern 'x' did not match any part of the given string")
        #expect(
            F.error("regex", .string("(?P<x>a)(b)"), .string("ab"))
                == "Invalid regular expression '(?P<x>a)(b)': cannot mix named and unnamed capture groups")
    }

    @Test func regexallReturnsEveryMatch() throws {
        #expect(try F.call("regexall", .string("[a-z]+"), .string("a1bc2")) == F.strings("a", "bc"))
        #expect(try F.json("regexall", .string(#"(\d)"#), .string("a1b2")) == #"[["1"],["2"]]"#)
        #expect(try F.call("regexall", .string("x"), .string("abc")) == .list([]))
        #expect(try F.call("regexall", .string(#"\d"#), .string("٣1")) == F.strings("1"))
    }
}
