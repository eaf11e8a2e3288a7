#!/bin/sh
# make bench, section 3: @N@ accelerators (@LAYOUT@), each taking one
# 256 MiB region: the time to probe each (driver_override and bind to
# cxl_accel_bench, which calls devm_cxl_accel_probe()), the time for each
# region, and the kernel memory they take (Slab and VmallocUsed in
# /proc/meminfo, before and after each step).  Nothing binds the devices
# before: the guest loads no driver that would.
#@ modules: cxl_accel cxl_accel_bench
#@ plan: 9
#@ timeout: 1800
. /lib/cxlt.sh
. /lib/cxlt_bench.sh

N=@N@
LAYOUT=@LAYOUT@
SIZE=0x10000000

for m in cxl_acpi cxl_port; do
	modprobe "$m" 2>/dev/null
done
check "insmod cxl_accel" insmod "$MODDIR/cxl_accel.ko" || exit 0
check "insmod cxl_accel_bench" insmod "$MODDIR/cxl_accel_bench.ko" || exit 0
bdfs='' i=0
while [ $i -lt "$N" ]; do
	bdfs="$bdfs $(pci_by_sn $((0x1000 + i)))"
	i=$((i + 1))
done
bound=
for bdf in $bdfs; do
	[ -e "/sys/bus/pci/devices/$bdf/driver" ] && bound="$bound $bdf"
done
expect_eq "the $N accelerators are there, no driver bound" "$(echo $bdfs | wc -w)${bound:- none}" "$N none"

# shellcheck disable=SC2046 # two numbers
set -- $(bench_meminfo); s0=$1 v0=$2
probed=0 each_probe=
bench_now; t0=$BENCH_T
for bdf in $bdfs; do
	bench_now; a=$BENCH_T
	echo cxl_accel_bench > "/sys/bus/pci/devices/$bdf/driver_override"
	echo "$bdf" > /sys/bus/pci/drivers/cxl_accel_bench/bind && probed=$((probed + 1))
	bench_now
	each_probe="$each_probe,$((BENCH_T - a))"
done
bench_now; t1=$BENCH_T
# shellcheck disable=SC2046
set -- $(bench_meminfo); s1=$1 v1=$2
expect_eq "cxl_accel_bench probed all $N accelerators" "$probed" "$N"

# the consumer's files found before the clock starts
ctls=
for bdf in $bdfs; do
	ctls="$ctls $BENCH_DBG/$bdf/ctl"
done
made=0 each=
bench_now; t2=$BENCH_T
for ctl in $ctls; do
	bench_now; a=$BENCH_T
	echo "setup $SIZE" > "$ctl" && made=$((made + 1))
	bench_now
	each="$each,$((BENCH_T - a))"
done
bench_now; t3=$BENCH_T
# shellcheck disable=SC2046
set -- $(bench_meminfo); s2=$1 v2=$2
[ "$made" -eq "$N" ] || { bench_use 0x1000; bench_why; }
expect_eq "$N regions requested and mapped" "$made" "$N"
diag "bench scale kernel=$(uname -r) layout=$LAYOUT n=$N probe_ns=$((t1 - t0)) regions_ns=$((t3 - t2)) slab_probe_kb=$((s1 - s0)) vmalloc_probe_kb=$((v1 - v0)) slab_region_kb=$((s2 - s1)) vmalloc_region_kb=$((v2 - v1)) each_probe_ns=${each_probe#,} each_ns=${each#,}"

gone=0
for ctl in $ctls; do
	echo release > "$ctl" && gone=$((gone + 1))
done
expect_eq "$N regions released" "$gone" "$N"
check "cxl_accel counts nothing left" grep -qx 'regions=0 dpas=0 maps=0 parked=0' /sys/kernel/debug/cxl_accel/stats
check "rmmod cxl_accel_bench cxl_accel" rmmod cxl_accel_bench cxl_accel
