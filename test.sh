#!/usr/bin/env bash
# Runs every test. Installs what the tests need (Chromium, ffmpeg, …) first when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
.ci/install-test-dependencies
dotnet test Asciml.slnx --configuration Release "$@"
