#!/bin/sh
# CXL_ACCEL_REGION_LOCK: the endpoint's decoder is committed with Lock On
# Commit, and only the endpoint's: switch and host bridge decoders are
# shared with other devices and the CXL core, so they are committed
# without it (issue 12, item 8), and the CXL core's objects for them say
# unlocked where it tracks the hop.  The bits are read from the decoder
# control registers through /dev/mem (iomem=relaxed: the CXL core has
# requested the ports' register blocks), not from cxl_accel; QEMU keeps
# Lock On Commit but does not enforce it, so only the bit is checked.
# The release leaves the decoders committed and the range claimed, like
# KEEP.  After a reload the region is adopted, locked, with its data
# (oracle).
#@ topology: direct-hdm switch-single
#@ plan: 47
#@ plan: 6.12 direct-hdm 51
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
#@ timeout: 300
#@ append: iomem=relaxed
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
# where it must land, from the CEDT, /proc/iomem and the registers
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
dpa=0x0
accel_cmd "request $SIZE lock"
expect_eq "request a locked region, where the test expects it, DPA 0" \
	"$(accel_status rc) $(accel_slot 0 hpa) $(accel_slot 0 dpa)" "0 $hpa $dpa"
expect_eq "cxl_accel calls it locked and kept" "$(accel_region lock) $(accel_region keep)" "1 1"

# ctrl_bits HDM: Lock On Commit (bit 8) and Committed (bit 10) of decoder
# 0's control register (CXL 2.0 8.2.5.12.7) of the HDM decoder capability
# at physical address HDM, read through /dev/mem.
ctrl_bits() {
	_c=$(($(accel_rd32 $(($1 + 0x20)))))
	echo "lock=$(((_c >> 8) & 1)) committed=$(((_c >> 10) & 1))"
}

# check_locked WHEN: Lock On Commit on the endpoint's decoder 0, committed
# without it on every hop's
check_locked() {
	expect_eq "$1: endpoint decoder 0 committed with Lock On Commit (register)" \
		"$(ctrl_bits "$(hw_hdm ep)")" "lock=1 committed=1"
	expect_eq "$1: endpoint decoder 0 as cxl_accel reads it" \
		"$(accel_state decoder0 state) $(accel_state decoder0 base) $(accel_state decoder0 size)" \
		"locked $hpa $(printf '%#x' "$SIZE")"
	nhops=0
	# hops, registers and targets as the test finds them (hw_hops); what
	# cxl_accel reports of the same hop is compared with them
	for who_hdm_t in $(hw_hops | tr ' ' ,); do
		who=${who_hdm_t%%,*}
		t=${who_hdm_t##*,}
		hdm=${who_hdm_t#*,}
		hdm=${hdm%,*}
		h=$(accel_hop "$who")
		nhops=$((nhops + 1))
		expect_eq "$1: $who decoder 0 committed without Lock On Commit (register)" \
			"$(ctrl_bits "$hdm")" "lock=0 committed=1"
		expect_eq "$1: $who decoder 0 targets port $t (register)" \
			"$(hw_decoder "$hdm" 0 | sed 's/.* base=\([^ ]*\) .* target0=\(.*\)/\1 \2/')" "$hpa $t"
		expect_eq "$1: $who (cxl_accel's hop '$h') decoder 0 as cxl_accel reports it" \
			"$(accel_state "hop$h.decoder0" state) $(accel_state "hop$h.decoder0" base) $(accel_state "hop$h.decoder0" targets)" \
			"committed $hpa $t"
		p=$(accel_core_port "$h")
		[ -n "$p" ] && [ "$(ls -d "$p"/decoder[0-9]*.[0-9]* 2>/dev/null | wc -l)" -gt 1 ] || continue
		d=$(ls -d "$p"/decoder[0-9]*.0 | head -n 1)
		expect_eq "$1: hop $h: the CXL core's $(basename "$d") says unlocked" \
			"$(cat "$d/locked" 2>&1) $(cat "$d/start")" "0 $hpa"
	done
	# both topologies have HDM decoders on at least the host bridge
	check "$1: at least one hop with HDM decoders was checked" [ "$nhops" -ge 1 ]
}

check_locked committed
accel_check_claim "$hpa" "$SIZE"
oracle_region r0 "$hpa" "$SIZE" 1 256 "0x1000@$dpa"
accel_cmd "fill 0 0x3000 2048 0x10c40001"
oracle_fill r0 0x3000 2048 0x10c40001

accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
check "the log says it stays locked" sh -c "dmesg | grep -q 'decoder 0 stays committed and locked and the range claimed'"
check_locked released
accel_check_claim "$hpa" "$SIZE"

accel_reload || exit 0
accel_cmd adopt
expect_eq "adopt the locked region" "$(accel_status rc)" 0
expect_eq "the same HPA and DPA" "$(accel_slot 0 hpa) $(accel_slot 0 dpa)" "$hpa $dpa"
expect_eq "cxl_accel calls it adopted and locked" \
	"$(accel_region adopted) $(accel_region lock)" "1 1"
check "the log says locked" sh -c "dmesg | grep -q 'adopted region \\[$hpa-.*, locked'"
check_locked adopted
accel_cmd "verify 0 0x3000 2048 0x10c40001"
expect_eq "the data is there" "$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "fill 0 0x9000 2048 0x10c40002"
oracle_fill r0 0x9000 2048 0x10c40002
accel_cmd "release 0"
expect_eq "release the adopted region" "$(accel_status rc)" 0
check_locked "released again"
cxlt_kernel_healthy
