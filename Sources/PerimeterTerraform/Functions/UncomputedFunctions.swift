/// Functions whose result perimeter does not compute; they return an unknown with the reason.
///
/// - `timestamp`, `uuid`, `bcrypt` change on every run: Terraform itself knows them only after apply.
/// - `plantimestamp` is fixed only while a plan runs.
/// - Hashes (`md5`, `sha1`, `sha256`, `sha512`, `base64sha256`, `base64sha512`, their `file...`
///   forms), `uuidv5`, `base64gzip`, `rsadecrypt`, the date functions (`formatdate`, `timeadd`,
///   `timecmp`) and `templatestring` (which needs the evaluator) are deterministic but carry no
///   network or identity meaning, so they are not worth computing for an audit.
///
/// `list` and `map` were removed from Terraform; calling them is an error, as in Terraform.
enum UncomputedFunctions {
    private static let onlyAfterApply: [(String, Arity)] = [
        ("timestamp", .exactly(0)),
        ("uuid", .exactly(0)),
        ("bcrypt", .between(1, 2))
    ]

    private static let notComputed: [(String, Arity)] = [
        ("plantimestamp", .exactly(0)),
        ("md5", .exactly(1)),
        ("sha1", .exactly(1)),
        ("sha256", .exactly(1)),
        ("sha512", .exactly(1)),
        ("base64sha256", .exactly(1)),
        ("base64sha512", .exactly(1)),
        ("filemd5", .exactly(1)),
        ("filesha1", .exactly(1)),
        ("filesha256", .exactly(1)),
        ("filesha512", .exactly(1)),
        ("filebase64sha256", .exactly(1)),
        ("filebase64sha512", .exactly(1)),
        ("uuidv5", .exactly(2)),
        ("base64gzip", .exactly(1)),
        ("rsadecrypt", .exactly(2)),
        ("formatdate", .exactly(2)),
        ("timeadd", .exactly(2)),
        ("timecmp", .exactly(2)),
        ("templatestring", .exactly(2))
    ]

    static let definitions: [FunctionDefinition] =
        onlyAfterApply.map { name, arity in
            FunctionDefinition(name, arity) { _ in .unknown(Unknown(reason: "\(name)() is known only after apply")) }
        }
        + notComputed.map { name, arity in
            FunctionDefinition(name, arity) { _ in .unknown(Unknown(reason: "\(name)() is not computed by perimeter")) }
        } + [
            FunctionDefinition("list", .atLeast(0)) { _ in
                throw FunctionError("The 'list' function was removed in Terraform 0.15; use tolist([...]) instead")
            },
            FunctionDefinition("map", .atLeast(0)) { _ in
                throw FunctionError("The 'map' function was removed in Terraform 0.15; use tomap({...}) instead")
            }
        ]
}
