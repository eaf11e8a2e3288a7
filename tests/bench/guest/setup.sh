#!/bin/sh
# make bench, section 1: what a region costs to make.  The accelerator t0
# (cxl_accel_bench) takes a region with cxl_accel_region_request() and
# maps it, and gives it back; the Type-3 device t1, bound to cxl_pci,
# gets a RAM region of the same size from the kernel's own sysfs ABI
# (create, granularity and ways, the endpoint decoder's mode and DPA,
# size, target, commit), and loses it again (decommit, delete, DPA
# back).  Both are timed the same way, by the shell between two reads of
# the consumer's clock with nothing but shell builtins in between; for
# cxl_accel, its own split (CPU time and hardware waits) comes from its
# debugfs.  @REPEATS@ rounds of each, alternating, after a warm-up round.
#@ modules: cxl_accel cxl_accel_bench
#@ takeover: t0=cxl_accel_bench
#@ plan: 9
#@ timeout: 900
. /lib/cxlt.sh
. /lib/cxlt_bench.sh

REPEATS=@REPEATS@
SIZE=0x10000000

bench_load || exit 0
bench_use 0x1000
check "cxl_accel_bench probed t0" [ -e "$BENCH_CTL" ] || exit 0
bdf=$BENCH_BDF

# the kernel's side: t1's endpoint, below window 1's root decoder
cxlt_cxl_core 1 || { notok "t1 has an endpoint" "$(ls "$CXLT_BUS")"; exit 0; }
ep=$(basename "$CXLT_BUS"/endpoint*)
root=
for r in "$CXLT_BUS"/decoder0.*; do
	case " $(cxlt_endpoints "${r##*/}" | tr '\n' ' ') " in
	*" $ep "*) root=$r ;;
	esac
done
dec=$(ls -d "$CXLT_BUS/$ep"/decoder*.0 | head -n 1)
check "t1's endpoint $ep, its root decoder and first decoder" [ -n "$root" ] && [ -n "$dec" ]
gran=$(cat "$root/interleave_granularity")

# Round 0 is a warm-up, not reported: under TCG the first run of any code
# pays for its translation, and the first region request for what probe
# left undone (tests/bench/report.py drops it).
i=0 ours=0 theirs=0
while [ $i -le "$REPEATS" ]; do
	# cxl_accel: one write asks for the region and its mapping
	bench_now; t0=$BENCH_T
	echo "setup $SIZE" > "$BENCH_CTL" || break
	bench_now; t1=$BENCH_T
	st=$(bench_timing "$bdf" setup_ns) wt=$(bench_timing "$bdf" wait_ns)
	acc=$(bench_timing "$bdf" accesses)
	req=$(bench_result request_ns) map=$(bench_result map_ns)
	bench_now; t1b=$BENCH_T
	echo release > "$BENCH_CTL" || break
	bench_now; t2=$BENCH_T
	diag "bench setup kernel=$(uname -r) path=cxl_accel round=$i wall_ns=$((t1 - t0)) release_ns=$((t2 - t1b)) request_ns=$req map_ns=$map own_ns=$((st - wt)) wait_ns=$wt accesses=$acc"
	ours=$((ours + 1))

	# the kernel's own path, the same size, the same clock
	bench_now; t0=$BENCH_T
	read -r reg < "$root/create_ram_region"
	{ echo "$reg" > "$root/create_ram_region" &&
	  echo "$gran" > "$CXLT_BUS/$reg/interleave_granularity" &&
	  echo 1 > "$CXLT_BUS/$reg/interleave_ways" &&
	  echo ram > "$dec/mode" &&
	  echo $((SIZE)) > "$dec/dpa_size" &&
	  echo $((SIZE)) > "$CXLT_BUS/$reg/size" &&
	  echo "${dec##*/}" > "$CXLT_BUS/$reg/target0" &&
	  echo 1 > "$CXLT_BUS/$reg/commit"; } 2> /tmp/kerr || break
	bench_now; t1=$BENCH_T
	{ echo 0 > "$CXLT_BUS/$reg/commit" &&
	  echo "$reg" > "$root/delete_region" &&
	  echo 0 > "$dec/dpa_size"; } 2>> /tmp/kerr || break
	bench_now; t2=$BENCH_T
	diag "bench setup kernel=$(uname -r) path=core round=$i wall_ns=$((t1 - t0)) release_ns=$((t2 - t1))"
	theirs=$((theirs + 1))
	i=$((i + 1))
done
[ "$ours" -eq $((REPEATS + 1)) ] || bench_why
expect_eq "cxl_accel: $REPEATS regions (and a warm-up) requested, mapped and released" "$ours" $((REPEATS + 1))
expect_eq "the CXL core: $REPEATS RAM regions (and a warm-up) committed through sysfs and deleted" "$theirs" $((REPEATS + 1))
[ -s /tmp/kerr ] && diag "$(cat /tmp/kerr)"
check "cxl_accel counts nothing left" grep -qx 'regions=0 dpas=0 maps=0 parked=0' /sys/kernel/debug/cxl_accel/stats
check "rmmod cxl_accel_bench cxl_accel" rmmod cxl_accel_bench cxl_accel
