#!/bin/sh
# The device's CDAT, read by cxl_accel at probe through its DOE mailbox
# (src/cdat.c, src/compat/doe.c: the PCI core's mailbox on 6.12 and
# later, one created on the function on 6.1), against the table QEMU's
# cxl-type3 serves by default for a volatile device (hw/mem/cxl_type3.c,
# ct3_build_cdat_entries_for_mr()): one DSMAS (handle 0, volatile, DPA 0,
# the device's size), four DSLBIS (read and write latency, 10 ns units,
# 15 and 25; read and write bandwidth, GB/s, 16 and 16), one DSEMTS
# (EfiConventionalMemory with EFI_MEMORY_SP over the whole range).  The
# size is the topology file's and the DVSEC's; that the function has a
# DOE capability at all is read from config space (the control).  Memory
# the device asks to be EFI_MEMORY_SP is memory for the OS: a region of it
# is refused, nothing claimed or committed (the memory type policy; the
# other kinds of table are memtype_dsemts's).
#@ tier: smoke next
#@ topology: direct-qemu-cdat
#@ plan: 15
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
. /etc/cxlt-facts
size=$(echo "$dev_t0" | cut -d: -f3)
dv=$(pci_ext_cap "$ACCEL_BDF" 0x23 0x1e98 0)
expect_eq "the topology file's size is the DVSEC's range 1 size (config space)" \
	"$(printf '%#x' $(( ($(cfg_u32 "$ACCEL_BDF" $((dv + 0x18))) << 32) | ($(cfg_u32 "$ACCEL_BDF" $((dv + 0x1c))) & 0xf0000000) )))" \
	"$size"
check "the function has a DOE extended capability (config space, ID 0x2e)" \
	test -n "$(pci_ext_cap "$ACCEL_BDF" 0x2e)"
# 16-byte header, DSMAS 24, four DSLBIS 24 each, DSEMTS 24
check "the kernel log: a CDAT of 160 bytes, 1 DSMAS, 4 DSLBIS, 1 DSEMTS, its memory EFI_MEMORY_SP" \
	sh -c "dmesg | grep -q '$ACCEL_BDF: cxl_accel: CDAT: 160 bytes, 1 DSMAS, 4 DSLBIS, 1 DSEMTS, 0 skipped; its memory: EfiConventionalMemory with EFI_MEMORY_SP'"
cdat=$(grep '^cdat' "$ACCEL_STATE")
diag "$(echo "$cdat" | tr '\n' ';')"
expect_eq "debugfs: the table's counts" "$(echo "$cdat" | sed -n 's/^cdat: length=\([0-9]*\) .* dsmas=\([0-9]*\) dslbis=\([0-9]*\) dsemts=\([0-9]*\) sslbis=\([0-9]*\) other=\([0-9]*\) bad=\([0-9]*\) unknown=\([0-9]*\)$/\1 \2 \3 \4 \5 \6 \7 \8/p')" \
	"160 1 4 1 0 0 0 0"
expect_eq "debugfs: the DSMAS is QEMU's" "$(echo "$cdat" | grep '^cdat dsmas:')" \
	"cdat dsmas: handle=0 flags=0x0 dpa=0x0 length=$size"
expect_eq "debugfs: the DSLBIS are QEMU's" "$(echo "$cdat" | grep '^cdat dslbis:' | tr '\n' ';')" \
	"cdat dslbis: handle=0 type=1 unit=10000 entry=15;cdat dslbis: handle=0 type=2 unit=10000 entry=25;cdat dslbis: handle=0 type=4 unit=1000 entry=16;cdat dslbis: handle=0 type=5 unit=1000 entry=16;"
expect_eq "debugfs: the DSEMTS is QEMU's" "$(echo "$cdat" | grep '^cdat dsemts:')" \
	"cdat dsemts: handle=0 type=1 offset=0x0 length=$size"
expect_eq "sysfs: its memory_type" "$(cat "$(accel_obj)/memory_type")" soft-reserved
accel_cmd "request 0x10000000"
accel_expect_refusal -95 \
	"$ACCEL_BDF: cxl_accel: memory type: its CDAT asks for DPA \[0x0-0xfffffff\] to be EfiConventionalMemory with EFI_MEMORY_SP"
