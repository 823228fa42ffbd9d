#!/bin/sh
# check-format.sh: fails, naming the lines, when a C file in the tree is not as clang-format
# (with the repository's .clang-format) would write it. Takes a second and needs no build.
# To fix: packaging/check-format.sh --fix
set -eu
cd "$(dirname "$0")/.."
if [ "${1:-}" = --fix ]; then
    git ls-files -z -- 'app/*.[ch]' 'tests/*.[ch]' 'fuzz/*.[ch]' 'bench/*.[ch]' |
        xargs -0 clang-format -i
    exit 0
fi
git ls-files -z -- 'app/*.[ch]' 'tests/*.[ch]' 'fuzz/*.[ch]' 'bench/*.[ch]' |
    xargs -0 clang-format --dry-run -Werror
