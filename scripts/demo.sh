#!/usr/bin/env bash
# A short tour of archlog in a temporary folder: init, new, list, show, lifecycle edits, the
# graph and the static site (with the Mermaid the package carries).
set -euo pipefail
tour=$(mktemp -d)
trap 'rm -rf "$tour"' EXIT
cd "$tour"
git init -q .
run() { printf '\n$ %s\n' "$*"; "$@"; }
run archlog --version
run archlog conventions
run archlog init --convention madr
run archlog new "Use PostgreSQL for persistence" --deciders "Ana, Bo" --tag storage
run archlog new "Publish events through an outbox table" --tag messaging
run archlog list
run archlog list --format json --status proposed
run archlog show 2 --raw
run archlog show 3
run archlog accept 2
run archlog new "Use CockroachDB for persistence" --supersedes 2
run archlog link 4 amends 3 --dry-run
run archlog link 4 amends 3
run archlog renumber 4 10
run archlog list
run archlog show 2 --raw
run archlog graph
run archlog site build --out site
test -s site/assets/mermaid.min.js  # drawn offline: the package brought Mermaid along
