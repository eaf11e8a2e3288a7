#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host tests of the test harness's own bookkeeping, the parts a run leans
# on without seeing them: the room-on-disk check tests/run makes first,
# and what a passed guest leaves on the disk.  TAP lines "ok - harness:
# ..." on stdout, for tests/unit/run.
#
# A fake df and stat on PATH stand in for the disks, so that every
# outcome is reached on any machine.

set -u
. "$(dirname "$0")/../lib/common.sh"

T=$(mktemp -d /tmp/cxl-accel-harness.XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/bin"

# fake_disks FREE-OUT FREE-CACHE SAME: df prints FREE-* MiB free for the
# out and cache trees; stat says one device for both if SAME is yes.
fake_disks() {
	cat > "$T/bin/df" <<EOF
#!/bin/sh
for a; do d=\$a; done
case \$d in
*/cache*) f=$2 ;;
*) f=$1 ;;
esac
echo "Filesystem 1024-blocks Used Available Capacity Mounted on"
echo "fake 999999999 0 \$((f * 1024)) 0% /"
EOF
	cat > "$T/bin/stat" <<EOF
#!/bin/sh
for a; do d=\$a; done
case \$d in
*/cache*) [ $3 = yes ] && echo 1 || echo 2 ;;
*) echo 1 ;;
esac
EOF
	chmod +x "$T/bin/df" "$T/bin/stat"
}

# room KIND: disk_room's status and TAP line, with the fake disks
room() {
	(
		PATH=$T/bin:$PATH OUT=$T/out CACHE=$T/cache disk_room "$1"
	)
}

# expect NAME STATUS PATTERN KIND: disk_room KIND exits STATUS (0 or 1)
# and its output matches PATTERN.
expect() {
	local out status

	out=$(room "$4")
	status=$?
	[ "$status" -ne 0 ] && status=1
	if [ "$status" = "$2" ] && printf '%s\n' "$out" | grep -q -E "$3"; then
		t_pass "harness: disk_room: $1"
	else
		t_fail "harness: disk_room: $1" "status $status, wanted $2; output:"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
}

# One disk: a warm run needs 2048 + 512 MiB, a cold one 2048 + 12288.
fake_disks 3000 3000 yes
expect "a warm run fits in 3000 MiB" 0 '^ok - disk: room for a warm run \(3000 MiB free.*2560 MiB needed' warm
expect "a cold run does not fit in 3000 MiB" 1 '^not ok - disk: room for the run$' cold
fake_disks 2000 2000 yes
expect "a warm run does not fit in 2000 MiB" 1 '^# 2000 MiB free under .*needs about 2560 MiB' warm
# Two disks: each is held to its own share.
fake_disks 3000 600 no
expect "two disks: a warm run fits (3000 and 600 MiB)" 0 '^ok - disk: room for a warm run \(3000 MiB free.*2048 MiB needed' warm
expect "two disks: a cold run's cache does not fit in 600 MiB" 1 '^# 600 MiB free under .*/cache, a cold run needs about 12288 MiB' cold
fake_disks 1000 90000 no
expect "two disks: out/ is held to 2048 MiB" 1 '^not ok - disk: room for the run$' warm
# An unreadable df is a shortage, not a pass.
printf '#!/bin/sh\nexit 1\n' > "$T/bin/df"
expect "no figure from df fails" 1 '^not ok - disk: room for the' warm

# tests/run with too little room: one failure, no suite started.
out=$(CXL_ACCEL_OUT=$T/run-out CXL_ACCEL_CACHE=$T/run-cache CXL_ACCEL_DISK_MIB="999999999 0" \
	"$TOP/tests/run" unit 2>&1)
status=$?
if [ $status -ne 0 ] && printf '%s\n' "$out" | grep -q '^not ok 1 - disk: room for the run$' &&
   printf '%s\n' "$out" | grep -q '^0 passed, 1 failed, 0 skipped$' &&
   ! printf '%s\n' "$out" | grep -q '^# suite'; then
	t_pass "harness: tests/run stops before any suite when the disk is short"
else
	t_fail "harness: tests/run stops before any suite when the disk is short" \
		"exit status $status; output:"
	printf '%s\n' "$out" | tail -n 15 | sed 's/^/#   /'
fi

# vm_prune: a passed guest's initramfs and backing files go, its logs stay.
. "$TOP/tests/vm/lib.sh"
prune_case() {
	local d=$T/guest

	rm -rf "$d"
	mkdir -p "$d/mem"
	: > "$d/initrd.cpio"
	: > "$d/mem/t0.raw"
	: > "$d/console.log"
	: > "$d/results.log"
	vm_prune "$d"
	(cd "$d" && find . -mindepth 1 | LC_ALL=C sort | tr '\n' ' ')
}
got=$(prune_case)
if [ "$got" = "./console.log ./results.log " ]; then
	t_pass "harness: vm_prune drops the initramfs and backing files, keeps the logs"
else
	t_fail "harness: vm_prune drops the initramfs and backing files, keeps the logs" "left: $got"
fi
got=$(CXL_ACCEL_KEEP_ARTEFACTS=1 prune_case)
if [ "$got" = "./console.log ./initrd.cpio ./mem ./mem/t0.raw ./results.log " ]; then
	t_pass "harness: CXL_ACCEL_KEEP_ARTEFACTS=1 keeps everything"
else
	t_fail "harness: CXL_ACCEL_KEEP_ARTEFACTS=1 keeps everything" "left: $got"
fi
exit 0
