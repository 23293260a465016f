#!/bin/sh
# Mutation testing with mutmut (docs/ci.md): does a plausible bug in rank/, rules/ or the Word writer make a
# test fail? Slow (about a second per mutant, some 5,000 mutants), so it is run by hand, never in CI.
#
#   tools/mutation.sh [rank|rules|word|all] [workers] [sample]
#
# Defaults: all rooms, 1 worker, every mutant. With a sample size N, only every k-th mutant of each room is
# tested (about N of them, the same ones each time): a quick estimate of the kill rate.
# Settings live in pyproject.toml [tool.mutmut]: the files mutated, the test files that speak for them.
# mutmut works in a copy of the tree (mutants/, ignored by git) and keeps its results there: a second run tests
# only mutants without a result (new, or whose function changed); delete mutants/ to test everything afresh, or
# `python -m mutmut run <names>` to retest some after changing the tests.
# `python -m mutmut show <name>` prints one mutant's diff; `python -m mutmut browse` browses them all.
set -eu
cd "$(dirname "$0")/.."
target=${1:-all}
workers=${2:-1}
sample=${3:-0}
case $target in
    rank) rooms="giaouoc.rank." ;;
    rules) rooms="giaouoc.rules." ;;
    word) rooms="giaouoc.documents.word" ;;
    all) rooms="giaouoc.rank. giaouoc.rules. giaouoc.documents.word" ;;
    *) echo "usage: tools/mutation.sh [rank|rules|word|all] [workers] [sample]" >&2; exit 2 ;;
esac
python -c "import mutmut" 2>/dev/null || { echo "mutmut is missing: pip install -e '.[test]'" >&2; exit 2; }
if [ ! -d mutants ]; then  # the first run generates every mutant and learns which tests reach which function
    python -m mutmut run --max-children "$workers" "giaouoc.rank.ranking.x_score_unit__mutmut_1" >/dev/null || true
fi
: > mutants/sample.txt
for room in $rooms; do
    # The room's mutants (every k-th of them when sampling), then those without a result: mutmut reruns every
    # mutant it is given by name, so the ones already tested (and unchanged since) are left out.
    python -m mutmut results --all true | sed -n "s/^ *\(${room}[^:]*\): .*/\1/p" | sort -V |
        awk -v n="$sample" '{ all[NR] = $0 } END { k = n > 0 ? int((NR + n - 1) / n) : 1
                                                   for (i = 1; i <= NR; i += k) print all[i] }' >> mutants/sample.txt
    names=$(python -m mutmut results --all true | sed -n "s/^ *\(${room}[^:]*\): not checked$/\1/p" |
            grep -Fx -f mutants/sample.txt || true)
    # mutmut exits non-zero when mutants survive; the summary below says how many.
    # shellcheck disable=SC2086
    [ -z "$names" ] || python -m mutmut run --max-children "$workers" $names || true
done
# One line per room: killed / tested (of the sample, when sampling), then every tested mutant not killed.
python -m mutmut results --all true | awk -v rooms="$rooms" '
    BEGIN { n = split(rooms, r, " "); while ((getline name < "mutants/sample.txt") > 0) chosen[name] = 1 }
    {
        name = $1; sub(/:$/, "", name); status = $0; sub(/^[^:]*: /, "", status)
        if (!(name in chosen)) next
        for (i = 1; i <= n; i++) {
            if (index(name, r[i]) != 1) continue
            if (status == "not checked") { left[r[i]]++; continue }
            tested[r[i]]++
            if (status == "killed" || status == "caught by type check") killed[r[i]]++
            else print "    " status ": " name
        }
    }
    END { for (i = 1; i <= n; i++) printf "%-24s %4d / %4d tested killed (%.1f %%), %d not tested\n", r[i],
                                        killed[r[i]], tested[r[i]], tested[r[i]] ? 100 * killed[r[i]] / tested[r[i]] : 0,
                                        left[r[i]] }'
