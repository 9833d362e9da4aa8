#!/bin/sh
# Regenerate bench/RESULTS.md (speed beside peer linters, accuracy per rule). See bench/run.py --help.
exec python3 "$(dirname "$0")/run.py" "$@"
