#!/usr/bin/env python3
"""`perimeter collect aws` next to the `aws` CLI call sequence of the source documents, on the same moto data.

One run: starts moto_server on 127.0.0.1, seeds it with shared/fixtures/aws/seed_scenario.py (the 'before'
state plus --scale N benign VPCs, each with an SG and an instance), then times, best of --repeat:

  perimeter   `perimeter collect aws --cluster ... -o snapshot.json` (every call of the collector), and
              the same followed by `perimeter scan snapshot.json`
  aws CLI     the verification sequence the source documents run by hand, one `aws` process per call:
              sts get-caller-identity, eks describe-cluster, ec2 describe-security-groups (cluster SG),
              eks list-nodegroups, eks describe-nodegroup, autoscaling describe-auto-scaling-groups,
              ec2 describe-instances (the nodes), ec2 describe-security-groups (node SGs),
              ec2 describe-launch-template-versions, ec2 describe-route-tables,
              ec2 describe-vpc-peering-connections, ec2 describe-instances (running, table)

and prints both times and their ratio. The aws CLI reads less (only the cluster's own objects) and checks
nothing; perimeter reads the whole region's network and writes a snapshot the checks run on.
Needs moto[server], boto3 and awscli (pip). Uses the debug binary unless --binary says otherwise.
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED = os.path.join(os.path.dirname(ROOT), "shared", "fixtures", "aws", "seed_scenario.py")
CLUSTER = "eks-secure-infra-dev"
REGION = "ap-northeast-2"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1).read()
            return process, url
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.05)
    process.kill()
    sys.exit("moto_server did not start")


def timed(command, env):
    start = time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - start, result


def aws_sequence(url, env):
    """The source documents' verification calls, each its own `aws` process, values passed along as they do."""
    base = ["aws", "--endpoint-url", url, "--region", REGION, "--output", "json"]
    calls = 0

    def aws(*args):
        nonlocal calls
        calls += 1
        result = subprocess.run(base + list(args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            sys.exit(f"aws {' '.join(args)} failed: {result.stderr.strip()}")
        return json.loads(result.stdout) if result.stdout.strip() else None

    aws("sts", "get-caller-identity", "--query", "Arn")
    cluster_sg = aws("eks", "describe-cluster", "--name", CLUSTER,
                     "--query", "cluster.resourcesVpcConfig.clusterSecurityGroupId")
    aws("ec2", "describe-security-groups", "--group-ids", cluster_sg, "--query", "SecurityGroups[].IpPermissions")
    nodegroups = aws("eks", "list-nodegroups", "--cluster-name", CLUSTER, "--query", "nodegroups")
    nodegroup = aws("eks", "describe-nodegroup", "--cluster-name", CLUSTER, "--nodegroup-name", nodegroups[0],
                    "--query", "nodegroup")
    asg = nodegroup["resources"]["autoScalingGroups"][0]["name"]
    instance_ids = aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", asg,
                       "--query", "AutoScalingGroups[0].Instances[].InstanceId")
    node_sgs = aws("ec2", "describe-instances", "--instance-ids", *instance_ids,
                   "--query", "Reservations[].Instances[].SecurityGroups[].GroupId")
    aws("ec2", "describe-security-groups", "--group-ids", *sorted(set(node_sgs)),
        "--query", "SecurityGroups[].{GroupId:GroupId,Ingress:IpPermissions[?FromPort==`10250` || ToPort==`10250` "
                   "|| FromPort==`10255` || ToPort==`10255`]}")
    template = nodegroup["launchTemplate"]
    aws("ec2", "describe-launch-template-versions", "--launch-template-id", template["id"],
        "--versions", template["version"], "--query", "LaunchTemplateVersions[].LaunchTemplateData.MetadataOptions")
    aws("ec2", "describe-route-tables")
    aws("ec2", "describe-vpc-peering-connections")
    aws("ec2", "describe-instances", "--filters", "Name=instance-state-name,Values=running",
        "--query", "Reservations[*].Instances[*].{PublicIPAdd:PublicIpAddress,PrivateIPAdd:PrivateIpAddress,"
                   "InstanceName:Tags[?Key=='Name']|[0].Value,Status:State.Name}")
    return calls


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=200, help="benign VPCs/SGs/instances added to the scenario")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side; the best is reported")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "perimeter"))
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"no perimeter binary at {args.binary}: run `swift build` first")
    if subprocess.run(["aws", "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        sys.exit("the aws CLI is missing: pip install awscli")

    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="AKIAPERIMETERBENCH", AWS_SECRET_ACCESS_KEY="bench-secret",
               AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent")
    moto, url = start_moto()
    try:
        print(f"seeding moto at {url}: before state + --scale {args.scale} ...", flush=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, SEED, url, "--scale", str(args.scale)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        print(f"  seeded in {time.perf_counter() - start:.1f} s", flush=True)
        # Warm moto's lazy backends so neither side pays for them.
        subprocess.run(["aws", "--endpoint-url", url, "--region", REGION, "ec2", "describe-vpcs"], env=env,
                       stdout=subprocess.DEVNULL, check=True)

        with tempfile.TemporaryDirectory() as tmp:
            snapshot = os.path.join(tmp, "snapshot.json")
            collect = [args.binary, "collect", "aws", "--cluster", CLUSTER, "--region", REGION,
                       "--endpoint-url", url, "-o", snapshot]
            region_collect = collect + ["--scope", "region"]
            collect_times, region_times, scan_times, cli_times = [], [], [], []
            calls = 0
            for _ in range(args.repeat):
                seconds, result = timed(region_collect, env)
                if result.returncode != 0:
                    sys.exit(f"perimeter collect --scope region failed: {result.stderr.strip()}")
                region_times.append(seconds)
                with open(snapshot) as handle:
                    region_data = json.load(handle)["snapshot"]
                seconds, result = timed(collect, env)
                if result.returncode != 0:
                    sys.exit(f"perimeter collect failed: {result.stderr.strip()}")
                collect_times.append(seconds)
                scan_seconds, scan = timed([args.binary, "scan", snapshot, "--format", "json"], env)
                if scan.returncode not in (0, 1):
                    sys.exit(f"perimeter scan failed: {scan.stderr.strip()}")
                scan_times.append(seconds + scan_seconds)
                with open(snapshot) as handle:
                    data = json.load(handle)["snapshot"]
                findings = len(json.loads(scan.stdout)["findings"])
                start = time.perf_counter()
                calls = aws_sequence(url, env)
                cli_times.append(time.perf_counter() - start)

        best_collect, best_scan, best_cli = min(collect_times), min(scan_times), min(cli_times)
        best_region = min(region_times)
        print()
        print(f"region: {len(region_data['vpcs'])} VPCs, {len(region_data['securityGroups'])} security groups, "
              f"{len(region_data['instances'])} instances, {len(region_data['securityGroupRules'])} rules")
        print(f"cluster scope: {len(data['vpcs'])} VPCs, {len(data['securityGroups'])} security groups, "
              f"{len(data['instances'])} instances, {len(data['securityGroupRules'])} rules")
        print(f"perimeter collect aws           {best_collect:7.2f} s   ({data['collection']['calls']} API calls, the cluster's VPCs)")
        print(f"perimeter collect --scope region{best_region:7.2f} s   ({region_data['collection']['calls']} API calls, whole region)")
        print(f"perimeter collect + scan        {best_scan:7.2f} s   ({findings} findings)")
        print(f"aws CLI sequence                {best_cli:7.2f} s   ({calls} aws processes, cluster objects only)")
        print(f"ratio aws CLI / perimeter collect: {best_cli / best_collect:.1f}x; "
              f"aws CLI / collect + scan: {best_cli / best_scan:.1f}x; aws CLI / collect --scope region: "
              f"{best_cli / best_region:.1f}x (best of {args.repeat})")
    finally:
        moto.terminate()
        moto.wait(timeout=10)


if __name__ == "__main__":
    main()
