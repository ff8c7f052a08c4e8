#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/IcpKit.NotebookTests: BrowserTests, JupyterNotebookTests): Debian's
# chromium, and npm's puppeteer-core as pinned in tests/IcpKit.NotebookTests/Browser/package-lock.json. Installs only
# what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v npm >/dev/null || missing+=(nodejs npm)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
browser=tests/IcpKit.NotebookTests/Browser
pinned=$(node -p "require('./$browser/package-lock.json').packages['node_modules/puppeteer-core'].version")
have=$(node -p "try { require('./$browser/node_modules/puppeteer-core/package.json').version } catch { '' }")
if [ "$have" != "$pinned" ]; then
  (cd "$browser" && npm ci --no-audit --no-fund --loglevel=error)
fi
