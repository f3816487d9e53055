#!/usr/bin/env bash
# Fuzzes the WAV reader and the dataset-archive reader in-process for a bounded time (default 60 s per target).
# Usage: tools/fuzz.sh [SECONDS] [wav|archive|all] [SEED]
# Failing inputs are saved in tools/fuzz/crashes/; copy each into tools/fuzz/regressions/ (the tests replay them).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
target="${2:-all}"
seed="${3:-11}"
dotnet build tools/fuzz/Asciml.Fuzz.csproj -c Release -nologo -v quiet
exec dotnet tools/fuzz/bin/Release/net10.0/Asciml.Fuzz.dll --target "$target" --seconds "$seconds" --seed "$seed"
