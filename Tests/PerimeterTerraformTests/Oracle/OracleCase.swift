/// One differential case: a tiny root module (and modules under it) that Terraform plans with
/// `terraform_data` only, and perimeter evaluates.
struct OracleCase: Sendable {
    let name: String
    let files: [String: String]
    /// Why perimeter may know more than Terraform here (a resource ID is never ""); nil when
    /// perimeter must agree exactly.
    let knowsMore: String?

    /// Declarations every case shares: `local.id` is unknown at plan time, `local.groups` is a
    /// known map whose `a` entry holds that unknown.
    static let prelude = """
        variable "names" {
          type    = list(string)
          default = ["b", "a", "b"]
        }
        variable "on" {
          type    = bool
          default = true
        }
        variable "off" {
          type    = bool
          default = false
        }
        variable "tags" {
          type    = map(string)
          default = { a = "1", b = "2" }
        }
        variable "nothing" {
          type    = string
          default = null
        }
        variable "empty" {
          type    = list(string)
          default = []
        }
        variable "three" {
          type    = number
          default = 3
        }
        resource "terraform_data" "u" {
          input = "seed"
        }
        locals {
          id     = terraform_data.u.id
          groups = { a = { id = terraform_data.u.id, name = "a" }, b = { id = "k", name = "b" } }
        }

        """

    /// A case that is one root output.
    static func output(_ name: String, _ expression: String, knowsMore: String? = nil) -> OracleCase {
        OracleCase(name: name, files: ["main.tf": prelude + "output \"v\" {\n  value = \(expression)\n}\n"], knowsMore: knowsMore)
    }

    /// A case written as configuration after the prelude, with module files by path.
    static func config(_ name: String, _ text: String, modules: [String: String] = [:], knowsMore: String? = nil) -> OracleCase {
        var files = modules
        files["main.tf"] = prelude + text
        return OracleCase(name: name, files: files, knowsMore: knowsMore)
    }

    /// Identifies the case's content in the record (FNV-1a over paths and contents, in path order).
    var contentHash: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for path in files.keys.sorted() {
            for byte in Array(path.utf8) + [0] + Array(files[path]!.utf8) + [0] {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }
}
