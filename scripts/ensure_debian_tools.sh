#!/bin/sh
# Make sure commands from Debian's packages are there: pairs of COMMAND PACKAGE, e.g.
#   sh scripts/ensure_debian_tools.sh wrk wrk nginx nginx-light
# Installs the missing ones when running as root (as CI and the sessions do), else says how.
set -e
missing=""
while [ $# -ge 2 ]; do
    command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
    shift 2
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "needs Debian's packages:$missing; as root run: apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
apt-get update -q
apt-get install -y -q $missing
