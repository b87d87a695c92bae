#!/usr/bin/env bash
# Prove that a change keeps behaviour: build the example site and a benchmark corpus with the
# version at REV (default: main's previous commit) and with the working tree, the same
# SOURCE_DATE_EPOCH for both, and compare the two site/ trees byte for byte.
#   scripts/same-output.sh [REV]        (run from the repository; needs Python 3.11+ and PyPI)
set -euo pipefail
rev=${1:-HEAD~1}
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/old" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795950000} NO_MKDOCS_2_WARNING=1
git -C "$repo" worktree add -q "$work/old" "$rev"

build() {  # build VERSION_DIR PYTHON OUT
  local tree=$1 python=$2 out=$3
  (cd "$tree" && "$python" -m labsite build -d "$out/example" >/dev/null 2>&1 \
    || "$python" -m labsite.cli build -d "$out/example" >/dev/null)
  "$python" - "$tree" "$out/corpus-src" <<'PY'
import sys
from pathlib import Path
try:
    from labsite.commands.bench import make_corpus
except ImportError:  # versions before the package was grouped by step
    from labsite.benchmark import make_corpus
try:  # people and publications too, where the version has them
    make_corpus(Path(sys.argv[2]), Path(sys.argv[1]), 100, 200, 20, people=500, publications=5000)
except TypeError:
    make_corpus(Path(sys.argv[2]), Path(sys.argv[1]), 100, 200, 20)
PY
  (cd "$out/corpus-src" && { "$python" -m labsite build -d "$out/corpus" >/dev/null 2>&1 \
    || "$python" -m labsite.cli build -d "$out/corpus" >/dev/null; })
}

python3 -m venv "$work/venv-old"
"$work/venv-old/bin/pip" install -q -e "$work/old"
build "$work/old" "$work/venv-old/bin/python" "$work/before"
build "$repo" "$repo/.venv/bin/python" "$work/after"
if diff -r "$work/before/example" "$work/after/example" && diff -r "$work/before/corpus" "$work/after/corpus"; then
  echo "same output: $(find "$work/after/example" "$work/after/corpus" -type f | wc -l) files byte-identical"
else
  echo "the output differs (above)"; exit 1
fi
