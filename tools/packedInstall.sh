#!/usr/bin/env bash
# The packed install a newcomer without a clone would make: `npm pack`, then in an empty folder
# `npm install ./cred-*.tgz` with production dependencies only, `cred init x && cd x && cred
# score`, and `cred demo`, which plays the demo from the installed package. Fails if any step
# fails, or if the package needs something it does not ship (a devDependency, a file outside
# its `files`). Run after `npm run build` (npm test builds); CI runs it after the tests.
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cred-packed-XXXXXX")"
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s (%ss)\n' "$*" "$SECONDS"; }

step "npm pack"
(cd "$project" && npm pack --ignore-scripts --pack-destination "$work" >/dev/null 2>&1)
tarball="$(ls "$work"/cred-*.tgz)"

step "npm install $(basename "$tarball") --omit=dev, in an empty folder"
mkdir "$work/user" && cd "$work/user"
# npm 11 runs a dependency's install script only when the installing project allows it:
# better-sqlite3 builds its native module there (README.md says the same to a newcomer).
cat > package.json <<'JSON'
{ "name": "trying-cred", "private": true,
  "allowScripts": { "better-sqlite3": true, "protobufjs": true } }
JSON
npm install --omit=dev --prefer-offline --no-audit --no-fund "$tarball" >install.log 2>&1 \
  || { cat install.log; exit 1; }

step "cred --version, cred init x, cd x, cred score"
npx --no-install cred --version
npx --no-install cred init x >/dev/null
(cd x && npx --no-install cred score | tail -n 2)

step "cred demo (from the installed package)"
npx --no-install cred demo --dir tidepool >demo.log 2>&1 || { tail -n 40 demo.log; exit 1; }
grep -E '^(Paid|Ledger:|Demo finished)' demo.log || true
npx --no-install cred ledger verify --instance tidepool

step "packed install: all steps passed"
