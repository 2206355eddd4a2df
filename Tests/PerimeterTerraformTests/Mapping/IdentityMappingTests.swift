import PerimeterModel
import Testing

@testable import PerimeterTerraform

@Suite struct IdentityMappingTests {
    typealias B = Build

    static let irsaDocument = B.resource(
        "aws_iam_policy_document", "irsa", mode: .data,
        [
            "statement": .list([
                .object([
                    "effect": .string("Allow"),
                    "actions": B.strings("sts:AssumeRoleWithWebIdentity"),
                    "principals": .list([
                        .object([
                            "type": .string("Federated"),
                            "identifiers": B.strings("arn:aws:iam::111122223333:oidc-provider/oidc.eks.ap-northeast-2.amazonaws.com/id/ABC")
                        ])
                    ]),
                    "condition": .list([
                        .object([
                            "test": .string("StringEquals"), "variable": .string("oidc.eks.ap-northeast-2.amazonaws.com/id/ABC:sub"),
                            "values": B.strings("system:serviceaccount:kube-system:aws-node")
                        ]),
                        .object([
                            "test": .string("StringEquals"), "variable": .string("oidc.eks.ap-northeast-2.amazonaws.com/id/ABC:aud"),
                            "values": B.strings("sts.amazonaws.com")
                        ]),
                        .object([
                            "test": .string("StringLike"), "variable": .string("aws:PrincipalTag/team"),
                            "values": B.strings("a", "b")
                        ])
                    ])
                ]),
                .object([
                    "sid": .string("Humans"),
                    "actions": B.strings("sts:AssumeRole", "sts:TagSession"),
                    "principals": .object(["type": .string("AWS"), "identifiers": B.strings("arn:aws:iam::111122223333:root")])
                ]),
                .object([
                    "actions": B.strings("sts:AssumeRole"), "principals": B.block(["type": .string("*"), "identifiers": B.strings("*")])
                ])
            ])
        ])

    @Test func trustPolicyRenderedFromThePolicyDocument() throws {
        let role = B.resource(
            "aws_iam_role", "aws_node", line: 4,
            [
                "name": .string("aws-node"), "assume_role_policy": B.ref("data.aws_iam_policy_document.irsa", "json")
            ])
        let (snapshot, diagnostics) = B.map(role, Self.irsaDocument)
        #expect(diagnostics.isEmpty)
        let mapped = try #require(snapshot.iamRoles.first)
        #expect(mapped.key == "aws_iam_role.aws_node")
        #expect(mapped.name == .known("aws-node"))
        #expect(mapped.provenance.location == B.at(4))
        let expected =
            #"{"Version":"2012-10-17","Statement":["#
            + #"{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","#
            + #""Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.ap-northeast-2.amazonaws.com/id/ABC"},"#
            + #""Condition":{"StringEquals":{"oidc.eks.ap-northeast-2.amazonaws.com/id/ABC:sub":"system:serviceaccount:kube-system:aws-node","#
            + #""oidc.eks.ap-northeast-2.amazonaws.com/id/ABC:aud":"sts.amazonaws.com"},"StringLike":{"aws:PrincipalTag/team":["a","b"]}}},"#
            + #"{"Sid":"Humans","Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],"Principal":{"AWS":"arn:aws:iam::111122223333:root"}},"#
            + #"{"Effect":"Allow","Action":"sts:AssumeRole","Principal":"*"}]}"#
        #expect(mapped.assumeRolePolicy == .known(expected))
    }

    @Test func anUnknownPartMakesTheWholeDocumentUnknown() {
        var document = Self.irsaDocument
        document.values["statement"] = .list([
            .object([
                "actions": B.strings("sts:AssumeRoleWithWebIdentity"),
                "principals": B.block([
                    "type": .string("Federated"), "identifiers": .list([B.ref("aws_iam_openid_connect_provider.eks", "arn")])
                ])
            ])
        ])
        let role = B.resource("aws_iam_role", "r", ["assume_role_policy": B.ref("data.aws_iam_policy_document.irsa", "json")])
        let policy = B.map(role, document).snapshot.iamRoles.first?.assumeRolePolicy
        #expect(
            policy
                == .unknown(
                    "the policy document data.aws_iam_policy_document.irsa is not fully known: "
                        + "aws_iam_openid_connect_provider.eks.arn is known only after apply"))
    }

    @Test func mergedDocumentsAreNotGuessed() {
        var document = Self.irsaDocument
        document.values["source_policy_documents"] = .list([.string("{}")])
        let role = B.resource("aws_iam_role", "r", ["assume_role_policy": B.ref("data.aws_iam_policy_document.irsa", "json")])
        #expect(B.map(role, document).snapshot.iamRoles.first?.assumeRolePolicy.isKnown == false)
    }

    @Test func literalAndMissingTrustPolicies() {
        let json =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let literal = B.resource("aws_iam_role", "cluster", ["name_prefix": .string("eks-"), "assume_role_policy": .string(json)])
        let object = B.resource("aws_iam_role", "object", ["assume_role_policy": .object(["Version": .string("2012-10-17")])])
        let elsewhere = B.resource(
            "aws_iam_role", "elsewhere", ["assume_role_policy": B.ref("data.aws_iam_policy_document.missing", "json")])
        let roles = B.map(literal, object, elsewhere).snapshot.iamRoles
        #expect(roles[0].assumeRolePolicy == .known(json))
        #expect(roles[0].name == .unknown("the name is generated from name_prefix 'eks-'"))
        #expect(roles[1].assumeRolePolicy == .known(#"{"Version":"2012-10-17"}"#))
        #expect(roles[2].assumeRolePolicy == .unknown("data.aws_iam_policy_document.missing.json is known only after apply"))
    }

    @Test func oidcProvider() {
        let provider = B.resource(
            "aws_iam_openid_connect_provider", "eks",
            [
                "url": B.ref("aws_eks_cluster.this", "identity[0].oidc[0].issuer"), "client_id_list": B.strings("sts.amazonaws.com"),
                "arn": .string("arn:aws:iam::111122223333:oidc-provider/oidc.eks.ap-northeast-2.amazonaws.com/id/ABC")
            ])
        let mapped = B.map(provider).snapshot.oidcProviders.first
        #expect(mapped?.url == .unknown("aws_eks_cluster.this.identity[0].oidc[0].issuer is known only after apply"))
        #expect(mapped?.clientIDs == .known(["sts.amazonaws.com"]))
        #expect(mapped?.arn == "arn:aws:iam::111122223333:oidc-provider/oidc.eks.ap-northeast-2.amazonaws.com/id/ABC")
    }

    @Test func jsonTextEscapes() {
        #expect(
            JSONText.encode(.object(["b": .number(1), "a": .list([.string("q\"\\\n\u{1}"), .bool(true), .null])]))
                == #"{"a":["q\"\\\n\u0001",true,null],"b":1}"#)
    }
}
