#!/bin/sh
# A region across a CXL Reset of its device (cxl_accel_cxl_reset()).
# QEMU's cxl-type3 is not CXL Reset Capable, which the test reads from
# the device's DVSEC CXL Capability itself: the reset is refused and the
# region stays as it was (registers).  The CXL Reset is then emulated
# below cxl_accel's spec layer (fault injection, "cxl_reset"): the device
# reads CXL Reset Capable, and initiating the reset uncommits its HDM
# decoders in QEMU and completes.  During a hold after the reset the test
# reads the endpoint's decoder reset and the host bridge's still
# committed (registers); after it every decoder of the path reads back as
# before, the claim is where it was (/proc/iomem) and the words written
# before are at their DPAs (the oracle reads the backing file).  Mem Clr,
# which the emulated device does not offer, is refused.  A reset that
# reports CXL Reset Error loses the region; its release leaves no decoder
# committed and no claim.
#@ tier: basic debug
#@ topology: direct-hdm
#@ plan: 33
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
#@ tools: lspci
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
SIZE=0x10000000
FAULT=/sys/kernel/debug/cxl_accel/fault
CFG=/sys/bus/pci/devices/$ACCEL_BDF/config

dvsec=$(lspci -vvv -s "$ACCEL_BDF" |
	sed -n 's/.*Capabilities: \[\([0-9a-f]*\) v[0-9]*\] Designated Vendor-Specific: Vendor=1e98 ID=0000 .*/\1/p')
check "lspci finds the PCIe DVSEC for CXL Devices" test -n "$dvsec"
cap=$(od -An -tu2 -j $((0x${dvsec:-0} + 0xa)) -N 2 "$CFG" | tr -d ' ')
expect_eq "the device is Mem_Capable (DVSEC CXL Capability, read here: the control)" \
	$((${cap:-0} >> 2 & 1)) 1
expect_eq "the device is not CXL Reset Capable (the same register, bit 7)" \
	$((${cap:-0} >> 7 & 1)) 0

hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "request a 256 MiB region" "$(accel_status rc)" 0
expect_eq "its HPA is the first free 256 MiB of the device's window" "$(accel_slot 0 hpa)" "$hpa"
oracle_region r0 "$hpa" "$SIZE" 1 256 "0x1000@0x0"
accel_cmd "fill 0 0 4096 0x5eedc701"
expect_eq "fill before the reset" "$(accel_status rc)" 0
oracle_fill r0 0 4096 0x5eedc701
hw_path_cache "$ACCEL_BDF"
before=$(hw_decoders "$ACCEL_BDF")
claim=$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)
expect_eq "the endpoint's decoder 0 decodes the region (registers)" \
	"$(echo "$before" | grep -c "^ep 0 base=$hpa size=$(printf '%#x' $SIZE)\$")" 1
expect_eq "the host bridge's decoder decodes it too (registers)" \
	"$(echo "$before" | grep -c '^hb')" 1

accel_cmd "cxl-reset"
expect_eq "a CXL Reset of a device that does not offer it is refused" \
	"$(accel_status rc)" -95
check "one line says so" cxlt_wait_dmesg 'CXL Reset: the device does not offer it' 1
expect_eq "the region was not suspended" "$(accel_status states)" none
expect_eq "every decoder of the path reads as before (registers)" \
	"$(hw_decoders "$ACCEL_BDF")" "$before"

# The emulated CXL Reset, held 3 s after it completed.
echo "cxl_reset 1 3000" > $FAULT
accel_cmd "cxl-reset memclr"
expect_eq "with Mem Clr, which the emulated device does not offer, it is refused" \
	"$(accel_status rc)" -95
expect_eq "the region was still not suspended" "$(accel_status states)" none
accel_cmd "cxl-reset" &
pid=$!
check "the emulated reset completed and the restore is held back" \
	cxlt_wait_dmesg 'holding the restore after the emulated CXL Reset' 10
expect_eq "the endpoint's decoder 0 reads reset (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c '^ep 0 ')" 0
expect_eq "the host bridge's decoder still decodes the region (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c '^hb')" 1
wait $pid
expect_eq "cxl_accel_cxl_reset() restored the region" "$(accel_status rc)" 0
expect_eq "the state notifier was told: suspended, then restored" \
	"$(accel_status states)" suspended,restored
expect_eq "every decoder of the path reads back as before the reset (registers)" \
	"$(hw_decoders "$ACCEL_BDF")" "$before"
expect_eq "the claim is where it was (/proc/iomem)" \
	"$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)" "$claim"
accel_cmd "verify 0 0 4096 0x5eedc701"
expect_eq "the words written before the reset read back" \
	"$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "fill 0 0x100000 4096 0x5eedc702"
expect_eq "fill after the restore" "$(accel_status rc)" 0
oracle_fill r0 0x100000 4096 0x5eedc702

# A CXL Reset that fails: the region is lost.
echo "cxl_reset_error" > $FAULT
accel_cmd "cxl-reset"
expect_eq "a CXL Reset the device reports as failed answers -EIO" "$(accel_status rc)" -5
check "one line says the region is lost" \
	cxlt_wait_dmesg 'CXL Reset failed \(-5\): the device.s regions are lost' 1
check "the state notifier was told: suspended, then lost" \
	accel_wait_status states suspended,restored,suspended,lost 10
echo off > $FAULT
accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_check_clean
