import PerimeterTerraform
import Testing

private typealias F = FunctionTesting

@Suite struct EncodingFunctionTests {
    @Test func jsonencodeSortsKeysAndEscapesLikeGo() throws {
        let value = F.object(["b": .list([.number(1), .number(2.5), .bool(true), .null]), "a": .string("x<>&"), "c": .object([:])])
        #expect(try F.call("jsonencode", value) == .string(#"{"a":"x\u003c\u003e\u0026","b":[1,2.5,true,null],"c":{}}"#))
        #expect(try F.call("jsonencode", .string("\t\"\\\u{2028}\u{1}\u{8}é")) == .string(#""\t\"\\\u2028\u0001\bé""#))
        #expect(try F.call("jsonencode", .number(1e20)) == .string("100000000000000000000"))
        #expect(try F.call("jsonencode", .set([.string("a")])) == .string(#"["a"]"#))
    }

    @Test func jsondecodeBuildsValues() throws {
        let decoded = try F.call("jsondecode", .string(#"{"b":[1,2.5,true,null],"a":"x\u00e9","s":"\ud83d\ude00"}"#))
        #expect(
            decoded
                == F.object([
                    "a": .string("xé"), "b": .list([.number(1), .number(2.5), .bool(true), .null]), "s": .string("😀")
                ]))
        #expect(try F.call("jsondecode", .string(" 1e2 ")) == .number(100))
        #expect(F.error("jsondecode", .string("[1, 2")) == "Invalid JSON at byte 5: unterminated array")
        #expect(F.error("jsondecode", .string("{} x")) == "Invalid JSON at byte 3: unexpected text after the JSON value")
        #expect(F.error("jsondecode", .string(String(repeating: "[", count: 600))) != nil)
    }

    @Test func jsonRoundTrips() throws {
        let value = F.object(["list": .list([.string("a\nb"), .number(-0.5), F.object(["x": .null])]), "s": .string("<&>")])
        let text = try F.call("jsonencode", value)
        #expect(try F.call("jsondecode", text) == value)
    }

    @Test func yamlencodeWritesTerraformsLayout() throws {
        let value = F.object([
            "a": .number(1), "b": .string("x"), "c": .list([.bool(true), .null]),
            "d": F.object(["e": .string("y: z"), "f": .list([F.numbers(1, 2), F.object(["g": .string("h")])])]),
            "i": .string("multi\nline\n"), "j": .list([])
        ])
        let expected = """
            "a": 1
            "b": "x"
            "c":
            - true
            - null
            "d":
              "e": "y: z"
              "f":
              - - 1
                - 2
              - "g": "h"
            "i": |
              multi
              line
            "j": []

            """
        #expect(try F.call("yamlencode", value) == .string(expected))
        #expect(try F.call("yamlencode", .null) == .string("null\n...\n"))
        #expect(try F.call("yamlencode", .string("a\tb")) == .string("\"a\\tb\"\n"))
    }

    @Test func yamlencodeFoldsLongStringsPastColumn80() throws {
        let long = "The quick brown fox jumps over the lazy dog and keeps running far beyond the edge of the known world"
        let text = try F.call("yamlencode", F.object(["a": .string(long)]))
        #expect(
            text
                == .string(
                    "\"a\": \"The quick brown fox jumps over the lazy dog and keeps running far beyond the\n  edge of the known world\"\n"))
        #expect(try F.call("yamldecode", text) == F.object(["a": .string(long)]))
    }

    @Test func yamldecodeReadsBlocksFlowsAndScalars() throws {
        let text = """
            # settings
            name: web
            ports: [80, 443]
            enabled: yes
            cidrs:
            - 10.0.0.0/8
            - "192.168.0.0/16"
            nested:
              empty:
              script: |
                echo hi
              folded: >-
                a
                b
            """
        #expect(
            try F.json("yamldecode", .string(text))
                == #"{"cidrs":["10.0.0.0/8","192.168.0.0/16"],"enabled":true,"name":"web","nested":{"empty":null,"folded":"a b","script":"echo hi\n"},"ports":[80,443]}"#
        )
        #expect(try F.call("yamldecode", .string("")) == .null)
        #expect(try F.call("yamldecode", .string("- 'it''s'\n- ~\n")) == .list([.string("it's"), .null]))
    }

    @Test func yamldecodeRejectsWhatItDoesNotSupport() {
        #expect(F.error("yamldecode", .string("a: &x 1\nb: *x\n")) == "Invalid YAML at line 2: anchors, aliases and tags are not supported")
        #expect(F.error("yamldecode", .string("a: 1\n---\nb: 2\n")) == "Invalid YAML at line 2: only one YAML document is supported")
        #expect(F.error("yamldecode", .string("a: \"open\n")) != nil)
    }

    @Test func yamlRoundTrips() throws {
        let value = F.object([
            "text": .string("  leading\nline\n\n"), "tab": .string("a\tb\nc"), "emoji": .string("😀 é"),
            "long": .string(String(repeating: "word ", count: 40) + "end"), "list": .list([.list([]), .object([:]), .number(0.1)]),
            "quote": .string("say \"hi\" \\ ok"), "number": .string("123"), "empty": .string("")
        ])
        let text = try F.call("yamlencode", value)
        #expect(try F.encode(F.call("yamldecode", text)) == F.encode(value), "\(text.stringValue ?? "")")
    }

    @Test func base64encodeEncodesUTF8() throws {
        #expect(try F.call("base64encode", .string("héllo")) == .string("aMOpbGxv"))
        #expect(try F.call("base64encode", .string("ab")) == .string("YWI="))
    }

    @Test func base64decodeNeedsValidPaddedUTF8() throws {
        #expect(try F.call("base64decode", .string("aGk=")) == .string("hi"))
        #expect(F.error("base64decode", .string("!!")) == "Invalid base64 data '!!'")
        #expect(F.error("base64decode", .string("aGk")) == "Invalid base64 data 'aGk'")
        #expect(F.error("base64decode", .string("/w==")) == "The result of decoding '/w==' is not valid UTF-8")
    }

    @Test func urlencodeEscapesLikeQueryEscape() throws {
        #expect(try F.call("urlencode", .string("a b&c/d~é")) == .string("a+b%26c%2Fd~%C3%A9"))
    }

    @Test func csvdecodeReadsAHeaderAndRows() throws {
        #expect(
            try F.json("csvdecode", .string("a,b\n1,\"x,y\"\n3,\"say \"\"hi\"\"\"\n"))
                == #"[{"a":"1","b":"x,y"},{"a":"3","b":"say \"hi\""}]"#)
        #expect(F.error("csvdecode", .string("a,b\n1\n")) == "CSV line 2 has 1 fields, but the header has 2")
    }

    @Test func textencodingSupportsUTF8Only() throws {
        #expect(try F.call("textencodebase64", .string("hé"), .string("UTF-8")) == .string("aMOp"))
        #expect(try F.call("textdecodebase64", .string("aMOp"), .string("utf-8")) == .string("hé"))
        #expect(try F.call("textencodebase64", .string("hé"), .string("UTF-16LE")).isUnknown)
    }
}

/// User data idioms: `base64encode(<<-EOT ... ${unknown} ... EOT)` stays readable, and decoding it gives the text back.
@Suite struct PartlyKnownBase64Tests {
    static let partial = PartialString(prefix: "#!/bin/bash\n", suffix: "\n", written: "#!/bin/bash\n${var.name}\n")

    @Test func encodingKeepsTheTextBehindAndDecodingGivesItBack() throws {
        let text = Value.unknown(Unknown(reason: "variable 'name' has no value", partial: Self.partial))
        guard case .unknown(let encoded) = try F.call("base64encode", text) else {
            Issue.record("base64encode of an unknown must be unknown")
            return
        }
        // Nothing of the encoded string is known; the text it encodes still is.
        #expect(encoded.partial == nil && encoded.base64Of == Self.partial)
        guard case .unknown(let decoded) = try F.call("base64decode", .unknown(encoded)) else {
            Issue.record("base64decode of an unknown must be unknown")
            return
        }
        #expect(decoded.partial == Self.partial && decoded.base64Of == nil)
    }

    @Test func whollyUnknownStaysWhollyUnknown() throws {
        guard case .unknown(let encoded) = try F.call("base64encode", .unknown(Unknown(reason: "x"))) else {
            Issue.record("base64encode of an unknown must be unknown")
            return
        }
        #expect(encoded.partial == nil && encoded.base64Of == nil)
    }
}
