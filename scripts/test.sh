#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what is missing (wabt for the
# spec tests, the pinned npm packages), checks that the checked-in compiled test programs are
# current, then runs the Maven build with all tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wast2json >/dev/null 2>&1; then
  echo "test.sh: installing wabt (wast2json) for the WebAssembly spec tests" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y wabt >&2 || { apt-get update >&2 && apt-get install -y wabt >&2; }
  else sudo apt-get install -y wabt >&2; fi
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: installing chromium for the VS Code heap view tests" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y chromium >&2 || { apt-get update >&2 && apt-get install -y chromium >&2; }
  else sudo apt-get install -y chromium >&2; fi
fi

if [ -f test-programs/package-lock.json ]; then
  (cd test-programs && npm ci --no-audit --no-fund --loglevel=error)
  # The compiled programs are committed so the Java tests run without Node; rebuilding them
  # must not change a byte, or the committed ones are stale.
  (cd test-programs && npm run --silent build)
  if ! git diff --quiet --exit-code -- test-programs; then
    echo "test.sh: the committed test programs are stale; run 'npm run build' in test-programs and commit:" >&2
    git diff --stat -- test-programs >&2
    exit 1
  fi
fi

mvn -B -q verify

# The VS Code client's tests, after the Maven build (which produces the adapter jar).
(cd vscode-client && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error && npm test)
