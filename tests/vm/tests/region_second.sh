#!/bin/sh
# Two regions on one device: the second takes endpoint decoder 1 and the
# DPA right after the first, and decoder 1 of the switch and the host
# bridge; each lands where the test works out from the CEDT, /proc/iomem
# and the registers (hw_expect_hpa), not where cxl_accel says.  A request
# the device's memory cannot hold, counted from its DVSEC range, is
# refused with the numbers the test expects.  A second reference
# (cxl_accel_region_get()) keeps a released region alive: its claim and
# its decoders stay until that reference goes too.
#@ tier: smoke
#@ topology: switch-single-hdm
#@ plan: 39
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0

# the device's memory, from its CXL DVSEC's Range 1 Size (CXL 2.0 8.1.3.8)
d=$(pci_ext_cap "$ACCEL_BDF" 0x23 0x1e98 0)
cap=$(( ($(cfg_u32 "$ACCEL_BDF" $((d + 0x18))) << 32) | ($(cfg_u32 "$ACCEL_BDF" $((d + 0x1c))) & 0xf0000000) ))
expect_eq "the device has 512 MiB (DVSEC Range 1 Size)" "$(printf '%#x' $cap)" 0x20000000

accel_cmd "request $((cap + SIZE))"
accel_expect_refusal -28 "device memory: $(printf '%#x' $((cap + SIZE))) bytes wanted, 0x0 of $(printf '%#x' $cap) in use"

hpa0=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "the first region" "$(accel_status rc)" 0
expect_eq "at the first free 256 MiB of the window, DPA 0" \
	"$(accel_slot 0 hpa) $(accel_slot 0 dpa)" "$hpa0 0x0"
hpa1=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
check "the second goes above the first" [ $((hpa1)) -ge $((hpa0 + SIZE)) ]
accel_cmd "request $SIZE"
expect_eq "the second region" "$(accel_status rc)" 0
expect_eq "there, with the DPA after the first's" \
	"$(accel_slot 1 hpa) $(accel_slot 1 dpa)" "$hpa1 $(printf '%#x' $SIZE)"
accel_check_claim "$hpa0" "$SIZE"
accel_check_claim "$hpa1" "$SIZE"
accel_check_decoders "$hpa0" "$SIZE" 0
accel_check_decoders "$hpa1" "$SIZE" 1 0

accel_cmd "request $SIZE"
expect_eq "a third does not fit the device" "$(accel_status rc)" -28
check "one line says why" sh -c "dmesg | grep -q 'device memory: $(printf '%#x' $SIZE) bytes wanted, $(printf '%#x' $cap) of $(printf '%#x' $cap) in use'"

accel_cmd "fill 0 0 4096 0x5eed0010"
accel_cmd "fill 1 0 4096 0x5eed0011"
accel_cmd "verify 1 0 4096 0x5eed0011"
expect_eq "data through the second region" "$(accel_status rc) $(accel_status mismatches)" "0 0"
oracle_region r0 "$hpa0" "$SIZE" 1 256 "$ACCEL_SN@0"
oracle_fill r0 0 4096 0x5eed0010
oracle_region r1 "$hpa1" "$SIZE" 1 256 "$ACCEL_SN@$(printf '%#x' $SIZE)"
oracle_fill r1 0 4096 0x5eed0011

# a second reference outlives the slot's
accel_cmd "hold 1"
expect_eq "hold the second region" "$(accel_status rc) $(accel_status held)" "0 1"
accel_cmd "release 1"
expect_eq "the slot lets it go" "$(accel_status rc) $(accel_slot 1 hpa)" "0 "
check "its claim stays while held" grep -q "^ *$(printf '%x' $((hpa1)))-.* : cxl_accel $ACCEL_BDF\$" /proc/iomem
expect_eq "its decoders stay committed while held (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c " 1 base=$hpa1 size=$(printf '%#x' $SIZE)")" \
	"$(echo "$HW_HDMS" | grep -c .)"
accel_cmd "drop"
expect_eq "drop the last reference" "$(accel_status rc) $(accel_status held)" "0 0"
if grep -q "^ *$(printf '%x' $((hpa1)))-" /proc/iomem; then
	notok "then its claim goes" "$(grep cxl_accel /proc/iomem)"
else
	ok "then its claim goes"
fi
expect_eq "and its decoders are reset, the first region's stay (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c " 1 base=") $(hw_decoders "$ACCEL_BDF" | grep -c " 0 base=$hpa0 ")" \
	"0 $(echo "$HW_HDMS" | grep -c .)"

accel_cmd "release 0"
expect_eq "release the first" "$(accel_status rc)" 0
accel_check_clean
