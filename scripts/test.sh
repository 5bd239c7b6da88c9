#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what is missing, builds (warnings are errors),
# checks formatting, runs every test project, and prints the totals as its last line:
#   "N passed, M failed" (", K skipped" when any were skipped).
# Exit code is non-zero when anything failed.
#   scripts/test.sh             the CI suite: everything except Category=Long (whose checks all have a small
#                               configuration in the suite: fewer cycles, sizes, designs or mutations)
#   scripts/test.sh --long      also the Long category (full sizes, every design through every tool; ~15 more minutes)
# Other arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Msm", which replaces the default filter).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

filter=(--filter "Category!=Long")
args=()
for a in "$@"; do
  case "$a" in
    --long) filter=() ;;
    --filter) filter=(); args+=("$a") ;;
    *) args+=("$a") ;;
  esac
done

status=0
scripts/install-tools.sh || { echo "install-tools failed"; status=1; }
dotnet build ComputeAsic.sln -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
# The published command (Native AOT), which tests/ComputeAsic.Cli.Tests/PublishedCliTests.cs runs.
scripts/build-cli.sh >/dev/null || { echo "scripts/build-cli.sh failed"; status=1; }
if ! dotnet format ComputeAsic.sln --verify-no-changes --no-restore >/dev/null 2>&1; then
  echo "dotnet format: files need formatting (run: dotnet format ComputeAsic.sln)"
  status=1
fi

results=$(mktemp -d)
for proj in $(find tests -name '*.Tests.csproj' | sort); do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=minimal" --results-directory "$results" ${filter[@]+"${filter[@]}"} ${args[@]+"${args[@]}"} || status=1
done

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
projects=$(find tests -name '*.Tests.csproj' | wc -l)
if [ "$files" -lt "$projects" ]; then
  echo "only $files of $projects test projects reported results"
  failed=$((failed + projects - files))
  status=1
fi
[ "$failed" -eq 0 ] || status=1
rm -rf "$results"
line="$passed passed, $failed failed"
[ "$skipped" -eq 0 ] || line="$line, $skipped skipped"
echo "$line"
exit $status
