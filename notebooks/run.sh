#!/usr/bin/env bash
# run.sh executes notebooks/explore.ipynb headless against an already imported graph.
#
#   KG_NEO4J_URI=bolt://127.0.0.1:7688 notebooks/run.sh
#
# 1. Creates the virtualenv .kg/venv (at the repo root, ignored by git) when it is
#    missing or when notebooks/requirements.txt (or the Python) changed since it was
#    built, and installs the pinned requirements into it with pip.
# 2. Registers the venv's ipykernel as the kernel "python3" inside the venv, and runs
#    the notebook with nbclient from the venv: no global Jupyter is used.
# 3. Writes the executed notebook to .kg/artifacts/explore.executed.ipynb and the
#    network plot to .kg/artifacts/network.png.
# 4. Exits 1 if a cell fails (printing that cell and its error), 2 on a setup error.
#
# Environment: KG_NEO4J_URI (bolt://localhost:7687), KG_NEO4J_USER (neo4j),
# KG_NEO4J_PASSWORD (default: the local server's, from KG_NEO4J_PASSWORD_FILE, .kg/neo4j/password;
# never printed), KG_NEO4J_DATABASE (server default),
# KG_PYTHON (the Python that builds the venv: python3.11, else python3; 3.11 or newer),
# KG_NOTEBOOK_CELL_TIMEOUT (seconds per cell, 180).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
venv="$root/.kg/venv"
artifacts="$root/.kg/artifacts"
requirements="$here/requirements.txt"
notebook="$here/explore.ipynb"
stamp="$venv/.kg-requirements.sha256"

say() { printf 'notebook: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }

start=$SECONDS

python=${KG_PYTHON:-}
if [ -z "$python" ]; then
  if command -v python3.11 >/dev/null 2>&1; then python=python3.11; else python=python3; fi
fi
command -v "$python" >/dev/null 2>&1 || die "no $python: Python 3.11 or newer is needed (set KG_PYTHON)"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  die "$python is Python $("$python" -c 'import platform; print(platform.python_version())'); 3.11 or newer is needed (set KG_PYTHON)"

# The notebook is committed without outputs; a saved run would bloat diffs and leak data.
"$python" - "$notebook" <<'PY' || die "clear the outputs of notebooks/explore.ipynb before committing (Jupyter: Edit > Clear Outputs of All Cells)"
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
dirty = [i for i, c in enumerate(nb["cells"]) if c.get("cell_type") == "code" and (c.get("outputs") or c.get("execution_count") is not None)]
if dirty:
    print(f"notebook: cells {dirty} of {sys.argv[1]} have outputs", file=sys.stderr)
    sys.exit(1)
PY

mkdir -p "$root/.kg" "$artifacts"

# 1. The virtualenv, rebuilt when the requirements or the Python change.
want=$( { cat "$requirements"; "$python" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)
(
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
  fi
  say "building $venv from notebooks/requirements.txt with $python"
  # (errexit does not apply inside this subshell, which is followed by ||: check each step)
  rm -rf "$venv" || exit 1
  "$python" -m venv "$venv" || exit 1
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-input -r "$requirements" || exit 1
  # The kernel "python3" inside the venv, so that nothing global is used.
  "$venv/bin/python" -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (kg venv)" >/dev/null || exit 1
  echo "$want" >"$stamp" || exit 1
) 9>"$root/.kg/venv.lock" || die "could not build $venv"

# Kernel specs are looked up in JUPYTER_PATH first: the venv's, not ~/.local or /usr/share.
export JUPYTER_PATH="$venv/share/jupyter"
export JUPYTER_PLATFORM_DIRS=1
export PYDEVD_DISABLE_FILE_VALIDATION=1
export KG_NOTEBOOK_PLOT="$artifacts/network.png"
if [ -z "${KG_NEO4J_PASSWORD:-}" ]; then
  pwfile=${KG_NEO4J_PASSWORD_FILE:-$root/.kg/neo4j/password}
  if [ -r "$pwfile" ]; then KG_NEO4J_PASSWORD=$(cat "$pwfile"); export KG_NEO4J_PASSWORD; fi
fi
rm -f "$KG_NOTEBOOK_PLOT" "$artifacts/explore.executed.ipynb"

say "running notebooks/explore.ipynb against ${KG_NEO4J_URI:-bolt://localhost:7687} as ${KG_NEO4J_USER:-neo4j}, database ${KG_NEO4J_DATABASE:-(server default)}"

# 2-4. Execute with nbclient, write what ran, say which cell failed.
status=0
# (ipykernel 7 warns on stderr that its localhost TCP channels are unencrypted: noise here)
"$venv/bin/python" - "$notebook" "$artifacts/explore.executed.ipynb" "$here" "${KG_NOTEBOOK_CELL_TIMEOUT:-180}" \
  2> >(grep -v --line-buffered 'Kernel is running over TCP without encryption' >&2) <<'PY' || status=$?
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

src, out, cwd, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
nb = nbformat.read(src, as_version=4)
client = NotebookClient(
    nb, timeout=timeout, kernel_name="python3", allow_errors=False,
    resources={"metadata": {"path": cwd}},
)
ansi = re.compile(r"\x1b\[[0-9;]*m")
failed = None
started = time.monotonic()
try:
    client.execute()
except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
    failed = err
finally:
    nbformat.write(nb, out)

code = [c for c in nb.cells if c.cell_type == "code"]
ran = [c for c in code if c.get("execution_count") is not None]
if failed is None:
    print(f"notebook: {len(ran)} of {len(code)} code cells passed in {time.monotonic() - started:.1f}s; wrote {out}", file=sys.stderr)
    sys.exit(0)

index = None
for i, c in enumerate(nb.cells):
    if c.cell_type == "code" and any(o.get("output_type") == "error" for o in c.get("outputs", [])):
        index = i
if index is None and ran:
    index = nb.cells.index(ran[-1])
print(f"notebook: cell {index} failed ({len(ran)} of {len(code)} code cells ran); wrote {out}", file=sys.stderr)
if index is not None:
    print("---- cell source ----", file=sys.stderr)
    print(nb.cells[index].source, file=sys.stderr)
print("---- error ----", file=sys.stderr)
errors = [o for o in nb.cells[index].get("outputs", []) if o.get("output_type") == "error"] if index is not None else []
if errors:
    print(ansi.sub("", "\n".join(errors[-1].get("traceback", []))), file=sys.stderr)
else:
    print(ansi.sub("", str(failed)), file=sys.stderr)
print("---- in short ----", file=sys.stderr)
print(f"notebook: cell {index}: " + (f"{errors[-1].get('ename')}: {errors[-1].get('evalue')}" if errors else type(failed).__name__), file=sys.stderr)
sys.exit(1)
PY

if [ "$status" -ne 0 ]; then
  say "FAILED after $((SECONDS - start))s"
  exit 1
fi
[ -s "$KG_NOTEBOOK_PLOT" ] || { say "the notebook passed but wrote no $KG_NOTEBOOK_PLOT"; exit 1; }
say "ok in $((SECONDS - start))s: $artifacts/explore.executed.ipynb, $KG_NOTEBOOK_PLOT"
