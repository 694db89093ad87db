#!/usr/bin/env bash
# Makes the Python TAXII client and STIX validator the TAXII tests drive (docs/taxii.md):
# a virtual environment with the pinned versions of deploy/ci/python-clients.txt
# (taxii2-client, stix2-validator and every dependency), from PyPI.
#
#   deploy/ci/python-clients.sh        prints the environment's python on its last line
#
# The environment is .build/python-clients (OCC_PYTHON_CLIENTS_VENV overrides it). It is
# rebuilt only when the requirements file changes, so a second run takes a moment. Exits
# non-zero, saying why, when python3 (with venv) or PyPI cannot be had: the tests that call this
# then fail, unless OCC_SKIP_PYTHON_CLIENTS is set to the reason for skipping them.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
requirements="$root/deploy/ci/python-clients.txt"
venv="${OCC_PYTHON_CLIENTS_VENV:-$root/.build/python-clients}"
stamp="$venv/.requirements"

command -v python3 >/dev/null || { echo "python-clients: python3 is not installed (apt-get install python3 python3-venv)" >&2; exit 3; }
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && cmp -s "$stamp" "$requirements"; then
    echo "$venv/bin/python"
    exit 0
fi
rm -rf "$venv"
python3 -m venv "$venv" >&2 || { echo "python-clients: python3 -m venv failed (apt-get install python3-venv)" >&2; exit 3; }
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2 \
    || { echo "python-clients: pip could not install $requirements" >&2; exit 4; }
"$venv/bin/python" -c 'import taxii2client.v21, stix2validator' >&2
cp "$requirements" "$stamp"
echo "$venv/bin/python"
