#!/usr/bin/env bash
# Installs the Debian packages the test suites need when they are missing:
# kcat (runs librdkafka's mock Kafka cluster) and chromium (Playwright's browser).
set -euo pipefail
need=()
command -v kcat >/dev/null 2>&1 || need+=(kcat)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${need[*]} — install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "installing ${need[*]} with apt"
# A fresh machine may have no package lists yet.
apt-cache policy "${need[0]}" 2>/dev/null | grep -q 'Candidate: [0-9]' || apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
