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

# disk_room RUN-KIND: one TAP line, whether the disks have room for a
# whole run (RUN-KIND cold or warm); non-zero if not.  A full disk
# half-way through a run turns every later guest into a confusing failure
# (seen: CI, at the 168th of 224 guests), so tests/run asks this first.
# The figures are a whole run's with a margin: about 1 GiB under out/
# (the builds and every guest's logs; a passed guest's initramfs and
# backing files are dropped, tests/vm/lib.sh vm_prune), and on a cold
# machine about 10 GiB in the cache (kernels, packages, the sid and trixie
# chroots, the debug kernel's build, the other Debian release's chroot
# that make demo runs in: 2.2 GiB).  CXL_ACCEL_DISK_MIB="OUT CACHE" sets them.
disk_room() {
	local need_out=2048 need_cache=512 dev_out dev_cache free

	[ "$1" = cold ] && need_cache=12288
	if [ -n "${CXL_ACCEL_DISK_MIB:-}" ]; then
		read -r need_out need_cache <<< "$CXL_ACCEL_DISK_MIB"
	fi
	mkdir -p "$OUT" "$CACHE" || return 1
	dev_out=$(stat -c %d "$OUT")
	dev_cache=$(stat -c %d "$CACHE")
	if [ "$dev_out" = "$dev_cache" ]; then
		need_out=$((need_out + need_cache))
	else
		free=$(df -Pk "$CACHE" | awk 'NR == 2 { print int($4 / 1024) }')
		if ! [ "$free" -ge "$need_cache" ] 2>/dev/null; then
			t_fail "disk: room for the cache" \
				"${free:-?} MiB free under $CACHE, a $1 run needs about $need_cache MiB there"
			return 1
		fi
	fi
	free=$(df -Pk "$OUT" | awk 'NR == 2 { print int($4 / 1024) }')
	if ! [ "$free" -ge "$need_out" ] 2>/dev/null; then
		t_fail "disk: room for the run" \
			"${free:-?} MiB free under $OUT, a $1 run needs about $need_out MiB (out/ and, on the same disk, the cache $CACHE)"
		return 1
	fi
	t_pass "disk: room for a $1 run ($free MiB free under $OUT, about $need_out MiB needed)"
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
