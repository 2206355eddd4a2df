import PerimeterModel
import Testing

@testable import PerimeterTerraform

@Suite struct LiteralTests {
    @Test func numbers() {
        #expect(parsed("42") == "42")
        #expect(parsed("3.25") == "3.25")
        #expect(parsed("1e3") == "1000")
        #expect(parsed("2.5E-1") == "0.25")
    }

    @Test func boolsAndNull() {
        #expect(parsed("true") == "true")
        #expect(parsed("false") == "false")
        #expect(parsed("null") == "null")
    }

    @Test func quotedStringEscapes() {
        #expect(parsed(#""a\nb\t\"q\" \\ \u00e9 \U0001F600""#) == "\"a\nb\t\"q\" \\ é 😀\"")
        #expect(parsed(#""$${literal} %%{literal}""#) == "\"${literal} %{literal}\"")
    }

    @Test func emptyString() {
        #expect(parsed(#""""#) == "\"\"")
    }
}

@Suite struct OperatorTests {
    @Test func precedenceFollowsTheSpec() {
        #expect(parsed("1 + 2 * 3") == "(1 + (2 * 3))")
        #expect(parsed("a || b && c") == "(a || (b && c))")
        #expect(parsed("a == b && c != d") == "((a == b) && (c != d))")
        #expect(parsed("1 + 2 < 4 == true") == "(((1 + 2) < 4) == true)")
        #expect(parsed("a * b % c / d") == "(((a * b) % c) / d)")
    }

    @Test func leftAssociative() {
        #expect(parsed("10 - 3 - 2") == "((10 - 3) - 2)")
    }

    @Test func comparisons() {
        #expect(parsed("a <= b") == "(a <= b)")
        #expect(parsed("a >= b") == "(a >= b)")
        #expect(parsed("a < b") == "(a < b)")
        #expect(parsed("a > b") == "(a > b)")
    }

    @Test func unary() {
        #expect(parsed("!a && -b > 0") == "(!a && (-b > 0))")
        #expect(parsed("--1") == "--1")
    }

    @Test func conditionalIsLowestAndNests() {
        #expect(parsed("a ? b : c ? d : e") == "(a ? b : (c ? d : e))")
        #expect(parsed("x == 1 ? \"one\" : \"other\"") == "((x == 1) ? \"one\" : \"other\")")
    }

    @Test func parentheses() {
        #expect(parsed("(1 + 2) * 3") == "(((1 + 2)) * 3)")
    }
}

@Suite struct TraversalTests {
    @Test func attributesAndIndexes() {
        #expect(
            parsed("aws_eks_cluster.this.vpc_config[0].cluster_security_group_id")
                == "aws_eks_cluster.this.vpc_config[0].cluster_security_group_id")
        #expect(parsed(#"module.eks.rules["ingress"]"#) == "module.eks.rules[\"ingress\"]")
    }

    @Test func legacyDotIndex() {
        #expect(parsed("var.list.0.name") == "var.list[0].name")
    }

    @Test func fullSplatTakesFollowingSteps() {
        #expect(parsed("aws_instance.web[*].network_interface[0].id") == "splat(aws_instance.web.network_interface[0].id)")
    }

    @Test func attributeSplatTakesOnlyAttributes() {
        #expect(parsed("aws_instance.web.*.id[0]") == "splat(aws_instance.web.id)[0]")
    }

    @Test func identifiersMayContainDashes() {
        #expect(parsed("var.my-name") == "var.my-name")
    }
}

@Suite struct FunctionCallTests {
    @Test func callsWithArguments() {
        #expect(parsed("merge(local.tags, { Name = \"x\" })") == "merge(local.tags, {Name=\"x\"})")
        #expect(parsed("timestamp()") == "timestamp()")
    }

    @Test func expansion() {
        #expect(parsed("concat(var.lists...)") == "concat(var.lists...)")
    }

    @Test func trailingCommaAndNewlines() {
        #expect(parsed("max(\n  1,\n  2,\n)") == "max(1, 2)")
    }

    @Test func providerFunctions() {
        #expect(parsed("provider::aws::arn_parse(var.arn)") == "provider::aws::arn_parse(var.arn)")
    }
}

@Suite struct CollectionTests {
    @Test func tuples() {
        #expect(parsed("[1, \"a\", [true]]") == "[1, \"a\", [true]]")
        #expect(parsed("[\n  1,\n  2,\n]") == "[1, 2]")
        #expect(parsed("[]") == "[]")
    }

    @Test func objectsWithEveryKeyForm() {
        #expect(parsed("{ a = 1, \"b\" = 2, (var.k) = 3 }") == "{a=1, (\"b\")=2, ((var.k))=3}")
        #expect(parsed("{\n  a = 1\n  b : 2\n}") == "{a=1, b=2}")
        #expect(parsed("{}") == "{}")
    }

    @Test func forTuple() {
        #expect(parsed("[for s in var.list : upper(s) if s != \"\"]") == "[for s in var.list : upper(s) if (s != \"\")]")
    }

    @Test func forObjectWithKeyValueAndGrouping() {
        #expect(parsed("{for k, v in var.map : v.group => k...}") == "{for k, v in var.map : v.group => k...}")
    }

    @Test func objectKeyNamedFor() {
        #expect(parsed("{ for = 1 }") == "{for=1}")
    }
}

@Suite struct TemplateTests {
    @Test func interpolation() {
        #expect(parsed(#""${var.a}-${local.b}""#) == "\"${var.a}-${local.b}\"")
    }

    @Test func ifDirectiveWithElse() {
        #expect(parsed(#""%{if var.on}yes%{else}no%{endif}""#) == "\"%{if var.on}yes%{else}no%{endif}\"")
    }

    @Test func forDirective() {
        #expect(parsed(#""%{for k, v in var.m}${k}=${v};%{endfor}""#) == "\"%{for k, v in var.m}${k}=${v};%{endfor}\"")
    }

    @Test func stripMarkersTrimNeighbouringWhitespace() {
        #expect(parsed("\"a  ${~ x ~}  b\"") == "\"a${x}b\"")
        let heredoc = "<<EOT\nitems:\n%{ for i in var.l ~}\n- ${i}\n%{ endfor ~}\nEOT\n"
        #expect(parsed(heredoc) == "\"items:\n%{for i in var.l}- ${i}\n%{endfor}\"")
    }

    @Test func heredoc() {
        #expect(parsed("<<EOT\nhello\n  ${name}\nEOT") == "\"hello\n  ${name}\n\"")
    }

    @Test func flushHeredocRemovesCommonIndentation() {
        #expect(parsed("<<-EOT\n    {\n      \"a\": 1\n    }\n    EOT") == "\"{\n  \"a\": 1\n}\n\"")
    }

    @Test func heredocKeepsBackslashesLiteral() {
        #expect(parsed("<<EOT\nC:\\path\\n\nEOT") == "\"C:\\path\\n\n\"")
    }

    @Test func templateFile() {
        let result = HCLParser.parseTemplate(
            source: "#!/bin/bash\n/etc/eks/bootstrap.sh ${cluster} --kubelet-extra-args '${args}'\n", path: "user_data.tpl")
        #expect(result.diagnostics.isEmpty)
        #expect(result.parts.count == 5)
    }
}
