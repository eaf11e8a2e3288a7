#!/bin/sh
# make bench, section 2: the data path.  The accelerator's region is
# mapped by cxl_accel_region_map() (write-back, then write-combining),
# and the same host physical range by the consumer's own memremap() of
# the same kind: the reference a driver without cxl_accel would use.
# Sequential writes, reads and a copy of @BYTES@ bytes, and dependent
# loads along a random cycle of 64-byte lines, through each mapping in
# turn, @REPEATS@ rounds per mode after a warm-up round.
#@ modules: cxl_accel cxl_accel_bench
#@ takeover: t0=cxl_accel_bench
#@ plan: 10
#@ timeout: 3600
. /lib/cxlt.sh
. /lib/cxlt_bench.sh

REPEATS=@REPEATS@
BYTES=@BYTES@
SIZE=0x10000000

bench_load || exit 0
bench_use 0x1000
check "cxl_accel_bench probed t0" [ -e "$BENCH_CTL" ] || exit 0
check "a 256 MiB region, requested and mapped" sh -c "echo setup $SIZE > $BENCH_CTL" || exit 0
for mode in wb wc; do
	# round 0: a warm-up, not reported (see setup.sh)
	i=0
	while [ $i -le "$REPEATS" ]; do
		echo "data $mode $BYTES" > "$BENCH_CTL" || break
		while read -r w m view op n ns; do
			[ "$w" = data ] || continue
			diag "bench data kernel=$(uname -r) mode=$m view=$view op=$op round=$i n=$n ns=$ns"
		done < "$BENCH_RES"
		i=$((i + 1))
	done
	[ "$i" -gt "$REPEATS" ] || bench_why
	expect_eq "$mode: $REPEATS rounds (and a warm-up) through cxl_accel's mapping and a raw memremap()" "$i" $((REPEATS + 1))
done
check "release the region" sh -c "echo release > $BENCH_CTL"
check "cxl_accel counts nothing left" grep -qx 'regions=0 dpas=0 maps=0 parked=0' /sys/kernel/debug/cxl_accel/stats
check "rmmod cxl_accel_bench cxl_accel" rmmod cxl_accel_bench cxl_accel
