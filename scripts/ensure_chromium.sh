#!/bin/sh
# Make sure Debian's Chromium is there for the browser tests (tests marked `browser`, driven by Playwright
# from PyPI; Playwright's own browser download is never used). Installs it when running as root, else says how.
set -e
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "make test: the browser tests need Chromium; as root run: apt-get update && apt-get install -y chromium" >&2
    exit 1
fi
apt-get update -q
apt-get install -y -q chromium
