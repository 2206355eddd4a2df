import PerimeterTerraform
import Testing

@Suite struct ValueConversionTests {
    @Test(arguments: [
        (1.0, "1"), (1.5, "1.5"), (-2.0, "-2"), (0.0, "0"), (0.0001, "0.0001"), (1e-7, "0.0000001"),
        (1e20, "100000000000000000000"), (1e15, "1000000000000000"), (123_456_789.125, "123456789.125"),
        (18_446_744_073_709_551_616.0, "18446744073709552000"), (-0.5, "-0.5"), (0.1, "0.1")
    ])
    func formatsNumbersAsTerraformDoes(number: Double, expected: String) {
        #expect(Value.formatNumber(number) == expected)
    }

    @Test func parsesOnlyDecimalNumbers() {
        #expect(Value.parseNumber("1e3") == 1000)
        #expect(Value.parseNumber("-.5") == -0.5)
        #expect(Value.parseNumber("+5") == 5)
        #expect(Value.parseNumber("1.") == 1)
        for bad in ["", " 5", "5 ", "0x10", "1e", "e5", "inf", "NaN", "1_000", "--1", "."] {
            #expect(Value.parseNumber(bad) == nil, "\(bad)")
        }
    }

    @Test func convertsPrimitivesToStrings() {
        #expect(Value.number(2).toStringValue() == "2")
        #expect(Value.bool(false).toStringValue() == "false")
        #expect(Value.null.toStringValue() == nil)
        #expect(Value.list([]).toStringValue() == nil)
    }

    @Test func equalityIsUnknownWhenAnUnknownIsInvolved() {
        let unknown = Value.unknown(Unknown(reason: "x"))
        #expect(Value.number(1).terraformEquals(.number(1)) == true)
        #expect(Value.number(1).terraformEquals(.string("1")) == false)
        #expect(Value.list([unknown]).terraformEquals(.list([.string("a")])) == nil)
    }

    @Test func findsTheFirstNestedUnknown() {
        let inner = Unknown.attribute("arn", of: "aws_iam_role.node")
        let value = Value.object(["b": .list([.unknown(inner)]), "a": .string("x")])
        #expect(value.firstUnknown == inner)
        #expect(Value.list([.string("a")]).firstUnknown == nil)
    }

    @Test func derivedUnknownsDropTheReferenceAndChainFunctionNames() {
        let base = Unknown.attribute("id", of: "aws_vpc.main")
        let once = base.derived(through: "cidrsubnet")
        #expect(once.resource == nil && once.attribute == nil)
        #expect(once.reason == "aws_vpc.main.id is known only after apply (through cidrsubnet())")
        #expect(once.derived(through: "concat").reason == "aws_vpc.main.id is known only after apply (through cidrsubnet(), concat())")
    }

    @Test func setsHoldTerraformsOrder() {
        #expect(Value.makeSet([.string("b"), .string("a"), .string("b")]) == .set([.string("a"), .string("b")]))
        #expect(Value.makeSet([.number(10), .number(2)]) == .set([.number(2), .number(10)]))
        #expect(Value.makeSet([.number(1), .bool(true)]) == nil)
    }
}
