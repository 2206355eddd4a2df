#!/bin/sh
# A stand-in for `aws eks get-token`: prints an ExecCredential whose token is built from its arguments and
# environment, so the test proves both are passed. Refuses to run without KUBERNETES_EXEC_INFO, as kubectl sets it.
[ -n "$KUBERNETES_EXEC_INFO" ] || { echo "KUBERNETES_EXEC_INFO not set" >&2; exit 3; }
[ "$1" = "--cluster-name" ] || { echo "usage: exec-plugin.sh --cluster-name NAME" >&2; exit 1; }
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s-%s"}}\n' "$2" "$TOKEN_SUFFIX"
