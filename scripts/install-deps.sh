#!/usr/bin/env bash
# Installs what Dockyard's tests need on a fresh Debian machine (run as root).
# The private engine, the registry (and htpasswd for its logins), busybox for the test image, Chromium for e2e,
# headers and ripgrep for code-server, the servers of the connectivity tests, and ShellCheck for the
# Dockerfile RUN analysis.
set -euo pipefail
pkgs=(docker.io busybox-static docker-registry apache2-utils docker-compose libkrb5-dev ripgrep chromium openssl openssh-server podman shellcheck)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "install-deps: system packages ready"
