#!/usr/bin/env bash
# Runs every MeshPortal test: installs what the tests need when it is missing (Debian Chromium, the
# local dotnet tools), builds the solution once, runs each test project in turn and closes with one line:
#   Tests: N passed, N failed, N skipped
# Exits non-zero on a build error, on any failed test, or when no test ran at all.
set -uo pipefail

cd "$(dirname "$0")"
ROOT="$(pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
RESULTS="$ROOT/artifacts/test-results"
# A hung test host is ended after this long (per test), so a run can never eat the whole CI budget.
HANG_TIMEOUT="${TEST_HANG_TIMEOUT:-10m}"
# And a whole test project after this long (CI stops everything at 90 minutes).
PROJECT_TIMEOUT="${TEST_PROJECT_TIMEOUT:-25m}"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

started=$(date +%s)
step() { printf '\n==> %s\n' "$*"; }
summary() { printf 'Tests: %d passed, %d failed, %d skipped\n' "$1" "$2" "$3"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "need root to run: $*" >&2; return 1
  fi
}

# --- what the tests need -------------------------------------------------------------------------
if [ ! -x "$CHROMIUM_PATH" ]; then
  step "Installing Chromium (Debian package) for the browser tests"
  as_root apt-get update -qq \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install chromium"; summary 0 0 0; exit 1; }
fi
echo "Chromium: $("$CHROMIUM_PATH" --version 2>/dev/null || echo "missing at $CHROMIUM_PATH")"

step "Restoring local dotnet tools"
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; summary 0 0 0; exit 1; }

# --- build once -----------------------------------------------------------------------------------
step "Building MeshPortal.sln ($CONFIGURATION)"
if ! dotnet build MeshPortal.sln -c "$CONFIGURATION" -nologo -v quiet -consoleLoggerParameters:ErrorsOnly; then
  echo "BUILD FAILED"
  summary 0 0 0
  exit 1
fi
# Playwright runs its bundled Node driver from the build output; make sure it stayed executable.
find tests -path "*/bin/$CONFIGURATION/*/.playwright/node/*/node" -type f -exec chmod +x {} + 2>/dev/null

# --- a throwaway PostgreSQL for the relational source tests ---------------------------------------
# Tests that need PostgreSQL read MESHPORTAL_TEST_POSTGRES (an Npgsql connection string); without it they are reported
# as skipped, with the reason left in MESHPORTAL_TEST_POSTGRES_UNAVAILABLE. A server given from outside is used as is.
# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user. It listens on 127.0.0.1 only,
# trusts local logins (members of meshportal_password_login must give their password: the wrong-password test), and is
# stopped and deleted when this script exits.
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DIR=""
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/db" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=""
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM
postgres_unavailable() {
  echo "PostgreSQL tests will be skipped: $*"
  export MESHPORTAL_TEST_POSTGRES_UNAVAILABLE="$*"
  stop_postgres
}
start_postgres() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    step "Installing PostgreSQL 15 (Debian package) for the relational source tests"
    { as_root apt-get update -qq \
        && as_root env DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq postgresql-15 >/dev/null; } \
      || { postgres_unavailable "postgresql-15 is not installed and could not be installed"; return; }
  fi
  [ "$(id -u)" -ne 0 ] || id postgres >/dev/null 2>&1 \
    || { postgres_unavailable "running as root and there is no postgres user to run the server"; return; }
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') \
    || { postgres_unavailable "no free local port"; return; }
  PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/meshportal-pg.XXXXXX")" || { postgres_unavailable "no temporary folder"; return; }
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; fi
  if ! as_postgres "$PG_BIN/initdb" -D "$PG_DIR/db" -A trust -U postgres -E UTF8 --locale=C --no-sync >"$PG_DIR/initdb.log" 2>&1; then
    postgres_unavailable "initdb failed: $(tail -n 1 "$PG_DIR/initdb.log")"
    return
  fi
  printf 'host all +meshportal_password_login 127.0.0.1/32 scram-sha-256\n%s\n' "$(cat "$PG_DIR/db/pg_hba.conf")" >"$PG_DIR/db/pg_hba.conf"
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/db" -w -t 60 -l "$PG_DIR/server.log" \
      -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null 2>&1; then
    postgres_unavailable "the server did not start: $(tail -n 1 "$PG_DIR/server.log" 2>/dev/null)"
    return
  fi
  export MESHPORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL: $("$PG_BIN/postgres" --version) on 127.0.0.1:$port (throwaway, in $PG_DIR)"
}
if [ -n "${MESHPORTAL_TEST_POSTGRES:-}" ]; then
  echo "PostgreSQL: the server given in MESHPORTAL_TEST_POSTGRES"
else
  step "Starting a throwaway PostgreSQL"
  start_postgres
fi

# --- run each test project -----------------------------------------------------------------------
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# A test project is one that references the test SDK; helper libraries under tests/ are not run.
mapfile -t projects < <(grep -l "Microsoft.NET.Test.Sdk" tests/*/*.csproj | sort)
# End-to-end tests last: they are the slowest and the unit tests give faster feedback.
mapfile -t projects < <(printf '%s\n' "${projects[@]}" | grep -v E2E; printf '%s\n' "${projects[@]}" | grep E2E)

status=0
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  step "Testing $name"
  project_started=$(date +%s)
  # Skipped tests (servers this machine does not run) are counted below, not listed one by one.
  timeout --kill-after=60s "$PROJECT_TIMEOUT" dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$RESULTS" \
    --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
    | grep -v -e '\[SKIP\]$' -e '^ *Skipped ' -e "^Data collector 'Blame' message"
  code=${PIPESTATUS[0]}
  echo "$name: exit $code in $(( $(date +%s) - project_started ))s"
  echo "$name $code" >>"$RESULTS/exit-codes.txt"
  if [ $code -ne 0 ]; then status=1; fi
done

# --- one summary ---------------------------------------------------------------------------------
# Counts come from the TRX files: one UnitTestResult per test (theory cases included).
read -r passed failed skipped < <(python3 - "$RESULTS" <<'PY'
import os, sys
import xml.etree.ElementTree as ET

results = sys.argv[1]
passed = failed = skipped = 0
failures = []


def first_message(result):
    for m in result.iter():
        if m.tag.endswith("Message") and m.text:
            return m.text.strip().splitlines()[0][:300]
    return ""


with open(os.path.join(results, "exit-codes.txt")) as f:
    runs = [line.split() for line in f if line.strip()]
for name, code in runs:
    path = os.path.join(results, name + ".trx")
    failed_here = 0
    if not os.path.exists(path):
        failed_here += 1
        failures.append(f"{name}: no results were written (the test host did not start or crashed; exit {code})")
    else:
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            root = None
            failed_here += 1
            failures.append(f"{name}: unreadable results ({e})")
        for el in (root.iter() if root is not None else []):
            if not el.tag.endswith("UnitTestResult"):
                continue
            outcome = el.get("outcome", "")
            if outcome == "Passed":
                passed += 1
            elif outcome in ("NotExecuted", "Inconclusive"):
                skipped += 1
            else:
                failed_here += 1
                failures.append(f"{el.get('testName', '?')} [{outcome}] {first_message(el)}")
    # A run that failed without a failed test (a crash, a hang, a timeout) still counts as a failure.
    if code != "0" and failed_here == 0:
        failed_here = 1
        failures.append(f"{name}: the test run failed (exit {code}) although no test reported a failure")
    failed += failed_here

if failures:
    print("\nFailed:", file=sys.stderr)
    for f in failures:
        print("  - " + f, file=sys.stderr)
print(passed, failed, skipped)
PY
)

if [ -z "${passed:-}" ]; then
  echo "Could not read the test results in $RESULTS"
  passed=0; failed=0; skipped=0; status=1
fi
if [ "$failed" -gt 0 ]; then status=1; fi
if [ $((passed + failed)) -eq 0 ]; then
  echo "No test ran."
  status=1
fi

echo
echo "Duration: $(( $(date +%s) - started ))s; results in ${RESULTS#"$ROOT"/}"
summary "$passed" "$failed" "$skipped"
exit $status
