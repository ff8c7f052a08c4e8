#!/usr/bin/env bash
# Jupyter as a second front end (tests/IcpKit.NotebookTests: JupyterNotebookTests): Debian's jupyter-nbconvert,
# jupyter-client and python3-ipykernel, the pinned dotnet-interactive tool (.config/dotnet-tools.json) and its
# .net-csharp kernelspec. Installs only what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
missing=()
for p in jupyter-nbconvert jupyter-client python3-ipykernel; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
dotnet tool restore >/dev/null
if ! jupyter kernelspec list --json 2>/dev/null | grep -q '"\.net-csharp"'; then
  dotnet tool run dotnet-interactive jupyter install
fi
