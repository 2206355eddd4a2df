import Foundation

/// A fresh temporary directory per test, with helpers to write modules, pack them and make Git repositories.
struct TestWorkspace {
    let root: String

    init(_ name: String = #function) throws {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        root =
            FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "perimeter-module-fetch-\(ProcessInfo.processInfo.processIdentifier)-\(safe)-\(UUID().uuidString.prefix(8))"
            ).path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    /// `tar -czf` of a directory's contents.
    func tarball(of directory: String, to archive: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path(archive) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try shell(["tar", "-czf", path(archive), "-C", path(directory), "."])
    }

    /// A Git repository at `directory` with its files committed and `tag` on that commit.
    @discardableResult
    func gitRepository(_ directory: String, tag: String) throws -> String {
        let git = ["git", "-C", path(directory), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
        try shell(["git", "init", "-q", "-b", "main", path(directory)])
        try shell(git + ["add", "-A"])
        try shell(git + ["commit", "-q", "-m", "module"])
        try shell(git + ["tag", tag])
        return try shell(git + ["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every file under a directory, relative, sorted: proves nothing was written elsewhere.
    func files(under relative: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path(relative))
        var found: [String] = []
        while let next = enumerator?.nextObject() as? String { found.append(next) }
        return found.sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

@discardableResult
func shell(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw SetupError("\(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
}

/// A node module whose kubelet rule takes its CIDRs from a variable: with 0.0.0.0/0, NET-001 fires inside it.
let kubeletOpenModule = """
    variable "kubelet_cidrs" {
      type = list(string)
    }
    resource "aws_eks_cluster" "this" {
      name     = "dev"
      role_arn = "arn:aws:iam::111122223333:role/eks"

      vpc_config {
        subnet_ids              = ["subnet-1", "subnet-2"]
        endpoint_private_access = true
        endpoint_public_access  = false
      }
    }

    resource "aws_security_group" "node" {
      name_prefix = "dev-node-"
      vpc_id      = "vpc-0eks"
    }

    resource "aws_security_group_rule" "node_kubelet_from_cluster" {
      type                     = "ingress"
      security_group_id        = aws_security_group.node.id
      protocol                 = "tcp"
      from_port                = 10250
      to_port                  = 10250
      source_security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
    }

    resource "aws_launch_template" "node" {
      name_prefix            = "dev-node-"
      vpc_security_group_ids = [aws_security_group.node.id]

      metadata_options {
        http_tokens = "required"
      }
    }

    resource "aws_eks_node_group" "this" {
      cluster_name    = aws_eks_cluster.this.name
      node_group_name = "dev-spot"
      node_role_arn   = "arn:aws:iam::111122223333:role/node"
      subnet_ids      = ["subnet-1", "subnet-2"]

      launch_template {
        id      = aws_launch_template.node.id
        version = aws_launch_template.node.latest_version
      }

      scaling_config {
        desired_size = 2
        min_size     = 1
        max_size     = 3
      }
    }

    resource "aws_security_group_rule" "kubelet" {
      for_each = toset(var.kubelet_cidrs)

      type              = "ingress"
      security_group_id = aws_security_group.node.id
      protocol          = "tcp"
      from_port         = 10250
      to_port           = 10250
      cidr_blocks       = [each.value]
    }
    """
