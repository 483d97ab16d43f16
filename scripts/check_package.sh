#!/usr/bin/env bash
# The package as a user gets it: build the sdist and the wheel (reproducibly), build the wheel
# again from the sdist with no network, check that a tree without Mermaid and no network
# fails to build, install the wheel into a clean virtualenv and with `uv tool install`, and
# run the tour against each installed command. Run by CI (.ci/run); `make check-package`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s\n' "$*"; }
# A command's output only when it fails.
quietly() { "$@" >"$work/quiet.log" 2>&1 || { cat "$work/quiet.log"; return 1; }; }

# What building needs, installed while the network is there.
"$PYTHON" -m venv "$work/tools"
quietly "$work/tools/bin/python" -m pip install "build>=1.2" "hatchling>=1.27" "uv>=0.4"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
export XDG_CACHE_HOME="$work/cache"  # the build's own cache: nothing from an earlier run

step "the sdist, then the wheel from it (python -m build)"
quietly "$work/tools/bin/python" -m build --outdir "$work/dist" .
sdist=$(ls "$work"/dist/archlog-*.tar.gz)
wheel=$(ls "$work"/dist/archlog-*.whl)
ls -l "$sdist" "$wheel"
tar -tzf "$sdist" >"$work/sdist.txt"
grep -q '/src/archlog/features/site/static/vendor/mermaid.min.js$' "$work/sdist.txt" \
  || { echo "the sdist does not carry Mermaid"; exit 1; }

step "reproducible: the same sources give the same bytes"
quietly "$work/tools/bin/python" -m build --outdir "$work/again" .
cmp "$sdist" "$work/again/$(basename "$sdist")"
cmp "$wheel" "$work/again/$(basename "$wheel")"
sha256sum "$sdist" "$wheel"

# No network: a namespace of its own where the system allows one, else every download
# pointed at an address that refuses (the hook's ARCHLOG_MERMAID_URL).
if unshare -n true 2>/dev/null; then
  offline() { unshare -n -- env ARCHLOG_MERMAID_URL=http://127.0.0.1:9/ "$@"; }
  echo "offline: a network namespace without network (unshare -n)"
else
  offline() { env ARCHLOG_MERMAID_URL=http://127.0.0.1:9/ "$@"; }
  echo "offline: the Mermaid download pointed at 127.0.0.1:9, which refuses"
fi
offline_cache="$work/offline-cache"  # empty: the sdist alone must be enough
build_offline() {
  XDG_CACHE_HOME="$offline_cache" offline "$work/tools/bin/python" -m pip wheel --quiet \
    --no-deps --no-build-isolation --no-index --wheel-dir "$@"
}

step "a wheel built from the sdist with no network has Mermaid, and is the same wheel"
quietly build_offline "$work/offline" "$sdist"
offline_wheel=$(ls "$work"/offline/archlog-*.whl)
"$work/tools/bin/python" - "$offline_wheel" <<'EOF'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
for name in ("mermaid.min.js", "mermaid.LICENSE"):
    assert f"archlog/features/site/static/vendor/{name}" in names, f"no {name} in the wheel"
print("Mermaid is in", sys.argv[1].rsplit("/", 1)[-1])
EOF
cmp "$wheel" "$offline_wheel"

step "a tree without Mermaid and no network: the build fails, and says how to go on"
mkdir "$work/tree"
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$work/tree"
if build_offline "$work/tree-wheel" "$work/tree" >"$work/tree.log" 2>&1; then
  echo "a wheel was built without Mermaid"; exit 1
fi
grep -m1 -o "Mermaid [0-9.]* is needed in the package and could not be had" "$work/tree.log"
# The pinned tarball, as the hook fetches and checks it, given to an offline build instead.
"$work/tools/bin/python" -c "import hatch_build; hatch_build.tarball()"
tarball=$(ls "$work"/cache/archlog-build/mermaid-*.tgz)
ARCHLOG_MERMAID_TARBALL="$tarball" quietly build_offline "$work/tree-wheel" "$work/tree"
cmp "$wheel" "$work"/tree-wheel/archlog-*.whl
echo "with ARCHLOG_MERMAID_TARBALL it builds, the same wheel"

step "the wheel in a clean virtualenv pulls no development dependency"
"$PYTHON" -m venv "$work/clean"
quietly "$work/clean/bin/python" -m pip install "$wheel"
"$work/clean/bin/python" - <<'EOF'
import importlib.metadata as md
import re

def name(requirement: str) -> str:
    return re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-")

meta = md.metadata("archlog")
runtime, development = set(), set()
for requirement in meta.get_all("Requires-Dist") or []:
    (development if "extra ==" in requirement else runtime).add(name(requirement))
installed = {d.metadata["Name"].lower().replace("_", "-") for d in md.distributions()}
leaked = sorted((development - runtime - {"archlog"}) & installed)
assert not leaked, f"development dependencies installed with the wheel: {leaked}"
assert runtime - {"tomli"} <= installed, runtime - installed
print(f"{len(installed)} distributions installed, none of {sorted(development - {'archlog'})}")
EOF
where=$("$work/clean/bin/python" -c "import archlog; print(archlog.__file__)")
case "$where" in "$work/clean/"*) echo "archlog runs from $where" ;;
  *) echo "archlog ran from $where, not the clean virtualenv"; exit 1 ;; esac

step "the tour against the installed command"
(cd "$work" && PATH="$work/clean/bin:$PATH" bash "$root/scripts/demo.sh" >"$work/tour.log" 2>&1) \
  || { cat "$work/tour.log"; exit 1; }
tail -n 3 "$work/tour.log"

step "uv tool install, and the tour again"
export UV_TOOL_DIR="$work/uv-tools" UV_TOOL_BIN_DIR="$work/uv-bin" UV_CACHE_DIR="$work/uv-cache"
quietly "$work/tools/bin/uv" tool install --python "$PYTHON" "$wheel"
test "$(command -v "$work/uv-bin/archlog")" = "$work/uv-bin/archlog"
(cd "$work" && PATH="$work/uv-bin:$PATH" bash "$root/scripts/demo.sh" >"$work/tour-uv.log" 2>&1) \
  || { cat "$work/tour-uv.log"; exit 1; }
"$work/uv-bin/archlog" --version
echo "package checks passed"
