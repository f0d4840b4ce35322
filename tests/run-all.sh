#!/usr/bin/env bash
# The whole test suite, as CI runs it: typecheck, unit + data tests, build, end-to-end tests in
# Chromium. Prints one "N passed, N failed" line per suite and a closing total; exits non-zero on
# any failure.
set -u
cd "$(dirname "$0")/.."
mkdir -p tests/artifacts
status=0
total_pass=0
total_fail=0

summarise() { # $1 suite name, $2 vitest JSON report
  local line
  line=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const p = r.numPassedTests ?? 0, f = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0) , s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(p, f, s);' "$2" 2>/dev/null) || line="0 1 0"
  set -- "$1" $line
  echo "$1: $2 passed, $3 failed, $4 skipped"
  total_pass=$((total_pass + $2)); total_fail=$((total_fail + $3))
}

echo "== typecheck"
if npx tsc --noEmit; then echo "typecheck: 1 passed, 0 failed"; total_pass=$((total_pass + 1)); else echo "typecheck: 0 passed, 1 failed"; total_fail=$((total_fail + 1)); status=1; fi

echo "== data (the dataset the data tests and the build read)"
if ! npm run --silent data > tests/artifacts/data.log 2>&1; then cat tests/artifacts/data.log; echo "data: 0 passed, 1 failed"; exit 1; fi
tail -n 12 tests/artifacts/data.log

echo "== unit and data tests"
npx vitest run -c tests/vitest.config.ts --reporter=default --reporter=json --outputFile.json=tests/artifacts/unit.json || status=1
summarise unit tests/artifacts/unit.json

echo "== build"
if npm run --silent build > tests/artifacts/build.log 2>&1; then tail -n 15 tests/artifacts/build.log; else cat tests/artifacts/build.log; echo "build: 0 passed, 1 failed"; exit 1; fi

echo "== end-to-end tests (Chromium)"
npx vitest run -c tests/e2e/vitest.config.ts --reporter=default --reporter=json --outputFile.json=tests/artifacts/e2e.json || status=1
summarise e2e tests/artifacts/e2e.json

echo
echo "all: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ] || status=1
exit $status
