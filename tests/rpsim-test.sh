#!/bin/sh
# `rpsim test` as CI sees it: PASS / FAIL / ERROR lines with durations; the
# JUnit report (<failure> for an expectation, <error> for bad input or a
# timeout, the timeline in <system-out>) valid against tests/junit.xsd, the
# schema Jenkins and GitLab read, checked with xmllint; the per-scenario
# wall timeout; -k; --rerun-failed from the state file and from the JUnit
# file; the JSON summary.
: "${RPSIM:?}" "${top_srcdir:?}" "${top_builddir:?}"
XMLLINT=${XMLLINT:-xmllint}
PYTHON3=${PYTHON3:-python3}
xsd="$top_srcdir/tests/junit.xsd"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok   $*"; }
has() { grep -qF -- "$2" "$1" || { fail "$3: no '$2' in"; sed 's/^/    /' "$1" | head -20; return 1; }; }
lacks() { ! grep -qF -- "$2" "$1" || { fail "$3: '$2' should not be there"; return 1; }; }

# A suite: two that pass, one failed expectation, one bad input, one that
# runs far longer than the wall timeout.
s="$tmp/suite"
mkdir -p "$s/sub"
cat >"$s/echo-a.json" <<'EOF'
{"firmware": "rpmsg-echo.elf", "steps": [
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"wait": {"channel": "rpmsg-raw"}},
  {"write": "/dev/rpmsg0", "data": "a"}, {"read": "/dev/rpmsg0", "expect": "a"}]}
EOF
cp "$s/echo-a.json" "$s/sub/echo-b.json"
cat >"$s/expect-fails.json" <<'EOF'
{"firmware": "rpmsg-echo.elf", "steps": [
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"cat": "/sys/class/remoteproc/remoteproc0/state", "expect": "offline"}]}
EOF
printf '{"firmware": "rpmsg-echo.elf", "steps": [' >"$s/bad-input.json"
cat >"$s/slow.json" <<'EOF'
{"firmware": "rpmsg-echo.elf", "time_limit": "1000s", "steps": [
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"wait": {"channel": "rpmsg-raw"}},
  {"repeat": 1000000, "steps": [
    {"write": "/dev/rpmsg0", "data": "x"}, {"read": "/dev/rpmsg0", "expect": "x"}]}]}
EOF

cd "$tmp" || exit 1
"$RPSIM" test "$s" -j 2 --timeout 1s --junit "$tmp/j.xml" --json "$tmp/s.json" >"$tmp/out" 2>&1
rc=$?
[ "$rc" = 1 ] && ok "a suite with failures exits 1" || fail "exit status $rc, expected 1"
has "$tmp/out" "PASS  $s/echo-a.json (" "pass line" && ok "PASS line with its duration"
grep -qE "^FAIL  $s/expect-fails.json \([0-9.]+s\): \\\$.steps\[1\] cat: /sys/class/remoteproc/remoteproc0/state reads \"running\", expected \"offline\"" "$tmp/out" \
	&& ok "FAIL line: duration and the reason" || { fail "FAIL line"; cat "$tmp/out"; }
grep -qE "^ERROR $s/bad-input.json \([0-9.]+s\): .*bad-input.json:1:[0-9]+: syntax error" "$tmp/out" \
	&& ok "ERROR line for bad input" || { fail "ERROR line for bad input"; cat "$tmp/out"; }
grep -qE "^ERROR $s/slow.json \([0-9.]+s\): still running after --timeout 1s \(wall clock\); killed" "$tmp/out" \
	&& ok "the wall timeout kills a long scenario: ERROR" || { fail "timeout"; cat "$tmp/out"; }
has "$tmp/out" "2 passed, 1 failed, 2 errors" "summary" && ok "summary line"

# JUnit: valid against the schema CI reads; failure vs error; system-out
if "$XMLLINT" --noout --schema "$xsd" "$tmp/j.xml" 2>"$tmp/xmllint"; then
	ok "JUnit validates against tests/junit.xsd (xmllint)"
else
	fail "JUnit does not validate"; cat "$tmp/xmllint"
fi
"$PYTHON3" - "$tmp/j.xml" "$s" <<'EOF' && ok "JUnit: <failure>, <error>, <system-out> where they belong" || fail "JUnit structure"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
s = sys.argv[2]
suite = root.find("testsuite")
assert suite.get("tests") == "5" and suite.get("failures") == "1" and suite.get("errors") == "2", suite.attrib
cases = {c.get("name"): c for c in suite.findall("testcase")}
f = cases[s + "/expect-fails.json"]
assert f.find("failure") is not None and f.find("error") is None
assert f.find("failure").get("type") == "expectation"
out = f.find("system-out").text
assert "firmware " in out and "rpmsg-echo.elf" in out, out     # which file was loaded
assert "state offline -> running" in out and "FAIL " in out, out
e = cases[s + "/bad-input.json"]
assert e.find("error").get("type") == "bad-input" and e.find("failure") is None
assert "syntax error" in e.find("system-err").text
t = cases[s + "/slow.json"]
assert t.find("error").get("type") == "timeout"
p = cases[s + "/echo-a.json"]
assert len(list(p)) == 0, "a passing case carries no output by default"
assert float(p.get("time")) > 0
EOF

# --junit-all-output: the passing cases' timelines too
"$RPSIM" test "$s/echo-a.json" --junit "$tmp/all.xml" --junit-all-output --state "$tmp/st2" >/dev/null 2>&1
"$XMLLINT" --noout --schema "$xsd" "$tmp/all.xml" 2>/dev/null && grep -q '<system-out>' "$tmp/all.xml" \
	&& ok "--junit-all-output" || fail "--junit-all-output"

# the JSON summary
"$PYTHON3" - "$tmp/s.json" <<'EOF' && ok "--json summary" || fail "--json summary"
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["tests"], d["passed"], d["failed"], d["errors"]) == (5, 2, 1, 2), d
r = {x["path"].rsplit("/", 1)[1]: x for x in d["scenarios"]}
assert r["expect-fails.json"]["result"] == "fail" and r["expect-fails.json"]["exit_status"] == 1
assert r["bad-input.json"]["result"] == "error" and r["bad-input.json"]["kind"] == "bad-input"
assert r["slow.json"]["kind"] == "timeout"
EOF
"$RPSIM" test "$s/echo-a.json" --json - --state "$tmp/st3" >"$tmp/json-stdout" 2>"$tmp/json-stderr"
"$PYTHON3" -c 'import json,sys; assert json.load(open(sys.argv[1]))["passed"] == 1' "$tmp/json-stdout" \
	&& grep -q '^PASS' "$tmp/json-stderr" && ok "--json -: JSON on stdout, the lines on stderr" || fail "--json -"

# -k: a part of the path, or a glob by file name
"$RPSIM" test "$s" -k echo- --state "$tmp/st4" >"$tmp/k" 2>&1
rc=$?
[ "$rc" = 0 ] && has "$tmp/k" "2 passed, 0 failed, 0 errors" "-k echo-" && ok "-k PART" || fail "-k echo- (exit $rc)"
"$RPSIM" test "$s" -k 'echo-?.json' -k 'expect-*' --state "$tmp/st4" >"$tmp/k" 2>&1
has "$tmp/k" "2 passed, 1 failed, 0 errors" "-k globs" && ok "-k GLOB, repeated"
"$RPSIM" test "$s" -k nothing-matches --state "$tmp/st4" >"$tmp/k" 2>&1
rc=$?
[ "$rc" = 2 ] && has "$tmp/k" "no scenario matches -k nothing-matches" "-k none" && ok "-k matching nothing: exit 2"

# --rerun-failed: the state file of the first run (in the current directory)
"$RPSIM" test --rerun-failed -j 2 --timeout 1s >"$tmp/rr" 2>&1
has "$tmp/rr" "0 passed, 1 failed, 2 errors" "--rerun-failed" && lacks "$tmp/rr" "echo-a.json" "--rerun-failed" \
	&& ok "--rerun-failed runs only what did not pass (state file)"
# ... narrowed by PATH
"$RPSIM" test --rerun-failed "$s/expect-fails.json" >"$tmp/rr" 2>&1
has "$tmp/rr" "0 passed, 1 failed, 0 errors" "--rerun-failed PATH" && ok "--rerun-failed PATH"
# ... from the JUnit file when there is no state file
rm -f .rpsim-test-state
"$RPSIM" test --rerun-failed --junit "$tmp/j.xml" --state "$tmp/none" -k expect >"$tmp/rr" 2>&1
has "$tmp/rr" "0 passed, 1 failed, 0 errors" "--rerun-failed from JUnit" && ok "--rerun-failed from the JUnit file"
# ... and nothing to rerun after a clean run
"$RPSIM" test "$s/echo-a.json" --state "$tmp/clean" >/dev/null 2>&1
"$RPSIM" test --rerun-failed --state "$tmp/clean" >"$tmp/rr" 2>&1
rc=$?
[ "$rc" = 0 ] && has "$tmp/rr" "nothing to rerun" "clean rerun" && ok "--rerun-failed after a clean run: nothing"
"$RPSIM" test --rerun-failed --state "$tmp/missing" >"$tmp/rr" 2>&1
rc=$?
[ "$rc" = 2 ] && has "$tmp/rr" "cannot read the state file $tmp/missing" "no state" && ok "--rerun-failed without a state file: exit 2"

# bad options
"$RPSIM" test "$s" --timeout 0s >"$tmp/b" 2>&1
[ $? = 2 ] && has "$tmp/b" "rpsim test: --timeout" "--timeout 0s" && ok "--timeout 0s refused"

echo "$fails failed"
[ "$fails" = 0 ]
