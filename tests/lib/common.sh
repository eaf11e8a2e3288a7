# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Shared helpers for the test scripts: paths, TAP result lines, logging.
#
# Results are TAP lines on stdout ("ok - name", "not ok - name",
# "ok - name # SKIP reason"); tests/run numbers and counts them.  Diagnostics
# are "# ..." lines.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export TOP

# Downloads, kernels, the sid chroot: reused across runs and clones.
CACHE=${CXL_ACCEL_CACHE:-/var/cache/cxl-accel}
# Build trees, logs, guest images of this checkout.
OUT=${CXL_ACCEL_OUT:-$TOP/out}
export CACHE OUT

NPROC=$(nproc 2>/dev/null || echo 1)

diag() {
	local line

	for line in "$@"; do
		printf '# %s\n' "$line"
	done
}

die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

t_pass() {
	printf 'ok - %s\n' "$1"
}

# t_fail NAME REASON [LOGFILE]: the failure, its reason, and the last lines
# of the log that explains it.
t_fail() {
	printf 'not ok - %s\n' "$1"
	diag "$2"
	if [ -n "${3:-}" ] && [ -s "$3" ]; then
		diag "last lines of $3:"
		tail -n "${TAIL_LINES:-25}" "$3" | sed 's/^/#   /'
	fi
}

t_skip() {
	printf 'ok - %s # SKIP %s\n' "$1" "$2"
}

# t_missing NAME REASON: a prerequisite (a kernel, a toolchain, a tool) is
# not there.  A person's run may go on without it, with the reason; CI
# (CI=true) must not: whatever it would have tested is unproven, so it
# fails.
t_missing() {
	if [ "${CI:-}" = true ]; then
		t_fail "$1" "missing prerequisite under CI=true: $2"
	else
		t_skip "$1" "$2"
	fi
}

# t_check NAME REASON CMD...: pass if CMD succeeds, else fail with REASON.
t_check() {
	local name=$1 reason=$2

	shift 2
	if "$@"; then
		t_pass "$name"
	else
		t_fail "$name" "$reason"
	fi
}

now() {
	date +%s.%N
}

# elapsed START: seconds since START, one decimal.
elapsed() {
	awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'
}

# The package version, from its one home in dkms.conf.
package_version() {
	sed -n 's/^PACKAGE_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$TOP/dkms.conf"
}
