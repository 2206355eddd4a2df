#!/usr/bin/env python3
"""Writes a corpus of N EKS cluster stacks (default 200) for the benchmarks.

Each stack is a root module with its own copies of local modules (vpc, eks), variables, a
terraform.tfvars and a mix of the mistakes the source documents fix: kubelet open to the internet
or to VPN/VPC CIDRs, the read-only port, protocol -1, port ranges, IPv6, public endpoints, IMDSv1.
Deterministic (seeded), so every run measures the same input.
"""
import argparse
import os
import random
import shutil

EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples")

EXTRA_RULES = [
    # (name, protocol, from, to, cidr list expression)
    ("kubelet_world", "tcp", 10250, 10250, '["0.0.0.0/0"]'),
    ("kubelet_range", "tcp", 10000, 11000, "[var.vpn_cidr]"),
    ("all_from_vpn", "-1", 0, 0, "[var.vpn_cidr]"),
    ("readonly_port", "tcp", 10255, 10255, "[var.vpc_cidr]"),
    ("api_world", "tcp", 443, 443, '["0.0.0.0/0"]'),
    ("ssh_office", "tcp", 22, 22, '["203.0.113.0/24"]'),
]


def stack(index: int, rng: random.Random, out: str) -> None:
    base = "eks-after" if rng.random() < 0.5 else "eks-before"
    target = os.path.join(out, f"stack-{index:03d}")
    shutil.copytree(os.path.join(EXAMPLES, base), target)
    second = rng.randrange(0, 200)
    with open(os.path.join(target, "terraform.tfvars"), "a") as tfvars:
        tfvars.write(f'\nproject_name_suffix = "s{index:03d}"\n')
    with open(os.path.join(target, "variables.tf"), "a") as variables:
        variables.write('\nvariable "project_name_suffix" {\n  type    = string\n  default = ""\n}\n')
        variables.write('\nvariable "vpn_cidr" {\n  type    = string\n  default = "172.31.%d.0/24"\n}\n' % second)
        if "vpc_cidr" not in open(os.path.join(target, "variables.tf")).read():
            variables.write('\nvariable "vpc_cidr" {\n  type = string\n}\n')
    extras = rng.sample(EXTRA_RULES, rng.randrange(0, 4))
    node_group_output = "node_security_group_id" if base == "eks-after" else "cluster_security_group_id"
    with open(os.path.join(target, "extra_rules.tf"), "w") as rules:
        for name, proto, low, high, cidrs in extras:
            rules.write(f'resource "aws_security_group_rule" "{name}" {{\n  type              = "ingress"\n')
            rules.write(f"  security_group_id = module.eks.{node_group_output}\n")
            rules.write(f'  protocol          = "{proto}"\n  from_port         = {low}\n  to_port           = {high}\n')
            rules.write(f"  cidr_blocks       = {cidrs}\n}}\n\n")
        rules.write('resource "aws_security_group" "bastion" {\n')
        rules.write(f'  name        = "stack-{index:03d}-bastion"\n')
        rules.write('  description = "Bastion access"\n  vpc_id      = module.vpc.vpc_id\n')
        if rng.random() < 0.3:
            rules.write('\n  ingress {\n    protocol         = "tcp"\n    from_port        = 10250\n')
            rules.write('    to_port          = 10250\n    ipv6_cidr_blocks = ["::/0"]\n  }\n')
        rules.write('\n  egress {\n    protocol    = "-1"\n    from_port   = 0\n    to_port     = 0\n')
        rules.write('    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stacks", type=int, default=200)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "generated"))
    args = parser.parse_args()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    rng = random.Random(20261123)
    for index in range(args.stacks):
        stack(index, rng, args.out)
    print(f"wrote {args.stacks} stacks to {args.out}")


if __name__ == "__main__":
    main()
