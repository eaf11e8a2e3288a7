#!/bin/sh
# The memory type policy, one device per kind of CDAT the host wrote for
# it (tests/vm/topology.py, CDAT_KINDS; the kind is in /etc/cxlt-facts,
# not told by cxl_accel): a device whose DSEMTS asks for Reserved memory,
# whose only DSEMTS is malformed, or whose table cannot be trusted gets
# its region; one that asks for EFI_MEMORY_SP, or for parts of its memory
# to be conventional, is refused
# with the range and the type named, nothing claimed or committed.  For
# each: the probe's CDAT line, the memory_type attribute, the request and
# its evidence in /proc/iomem and the device's decoder registers.  The
# first device (Reserved) is the control for every refusal: the same
# request on the same topology succeeds.  (Conventional memory and no
# DSEMTS at all are decided by the same code: tests/unit/test_memtype.c.)
#@ tier: basic trixie
#@ topology: memtypes
#@ plan: 37
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test,t1=cxl_accel_test,t2=cxl_accel_test,t3=cxl_accel_test,t4=cxl_accel_test,t5=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
. /etc/cxlt-facts

# expect KIND: what the probe logged of the table, the memory_type the
# device object must show, and whether a region is granted
expect() {
	case $1 in
	reserved) echo "1 DSEMTS, 0 skipped; its memory: EfiReservedMemoryType|reserved|yes" ;;
	soft-reserved) echo "1 DSEMTS, 0 skipped; its memory: EfiConventionalMemory with EFI_MEMORY_SP|soft-reserved|no" ;;
	conventional) echo "1 DSEMTS, 0 skipped; its memory: EfiConventionalMemory|conventional|no" ;;
	mixed) echo "2 DSEMTS, 0 skipped; its memory: DSEMTS of mixed types|mixed|no" ;;
	no-dsemts) echo "0 DSEMTS, 0 skipped; its memory: no DSEMTS|unstated|yes" ;;
	dsemts-outside) echo "0 DSEMTS, 1 skipped; its memory: no DSEMTS|unstated|yes" ;;
	bad-checksum) echo "CDAT of 160 bytes refused|unstated|yes" ;;
	bad-length) echo "no CDAT: its entries are shorter than its Length|unstated|yes" ;;
	esac
}

for n in 0 1 2 3 4 5; do
	eval "sn=\${dev_t$n%%:*} kind=\$cdat_t$n"
	accel_use "$sn" || exit 0
	e=$(expect "$kind")
	log=${e%%|*}
	rest=${e#*|}
	mtype=${rest%|*}
	granted=${rest#*|}
	check "$kind: the probe logged '$log'" \
		sh -c "dmesg | grep '$ACCEL_BDF: cxl_accel: ' | grep -qF '$log'"
	obj=$(accel_obj)
	expect_eq "$kind: memory_type" "$(cat "$obj/memory_type" 2>&1)" "$mtype"
	accel_cmd "request $SIZE"
	if [ "$granted" = yes ]; then
		hpa=$(accel_slot 0 hpa)
		expect_eq "$kind: the region is granted" "$(accel_status rc)" 0
		check "$kind: claimed in /proc/iomem at $hpa" \
			sh -c "grep -q '^ *${hpa#0x}-.* : cxl_accel $ACCEL_BDF\$' /proc/iomem"
		accel_cmd "release 0"
		expect_eq "$kind: released" "$(accel_status rc)" 0
	else
		# the type the device asks for, as the probe line named it
		accel_expect_refusal -95 \
			"$ACCEL_BDF: cxl_accel: memory type: its CDAT .*DPA \[0x0-0xfffffff\]"
		check "$kind: the kernel's line names the type" \
			sh -c "dmesg | grep '$ACCEL_BDF: cxl_accel: memory type:' | tail -n 1 |
			       grep -q '$(case $kind in soft-reserved) echo 'EFI_MEMORY_SP (DSEMTS)' ;;
			               conventional) echo 'to be EfiConventionalMemory (DSEMTS)' ;;
			               *) echo 'more than one EFI memory type' ;; esac)'"
	fi
done
