#!/bin/sh
# Adoption never takes over the claim of a region that is parked (issue
# 12, item 3).  X (t0) and Y (t1) share the host bridge; Y's host bridge
# decoder sits above X's, so when X's driver unbinds its region is parked
# (claim and decoders kept until they can be reset).  X's driver binds
# again and asks to adopt what is committed on X: that is the parked
# region's, and adopting it is refused with a reason.  Before the fix the
# adoption freed the parked region's claim and took it over; when Y then
# let go, the parked region reset decoders under the adopted one and
# released the freed claim a second time (SLUB poisoning catches that).
# After the refusal, Y's release lets the parked region go cleanly, and X
# gets a new region at the same place.
#@ kernels: 6.12 7.2 7.3
#@ topology: hb-two
#@ plan: 25
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test,t1=cxl_accel_test
#@ append: slub_debug=FZPU iomem=relaxed
#@ timeout: 200
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
accel_use 0x1000 || exit 0
X=$ACCEL_BDF
accel_cmd "request $SIZE"
expect_eq "X: request" "$(accel_status rc)" 0
xhpa=$(accel_slot 0 hpa)
accel_use 0x1001 || exit 0
Y=$ACCEL_BDF
accel_cmd "request $SIZE"
expect_eq "Y: request" "$(accel_status rc)" 0
yhpa=$(accel_slot 0 hpa)
expect_eq "Y's region is above X's" "$((yhpa))" $((xhpa + SIZE))
# the host bridge's HDM decoders, as the test finds them (hb-two: the
# devices sit on root ports of one host bridge)
hdm=$(hw_hops | awk '$1 ~ /^hb:/ { print $2 }')
expect_eq "the host bridge has decoders 0 (X) and 1 (Y) committed (registers)" \
	"$(($(accel_rd32 $((hdm + 0x20))) >> 10 & 1)) $(($(accel_rd32 $((hdm + 0x40))) >> 10 & 1))" "1 1"

check "X's driver unbinds" sh -c "echo $X > /sys/bus/pci/drivers/cxl_accel_test/unbind"
expect_eq "X's region is parked" "$(cat /sys/kernel/debug/cxl_accel/stats)" \
	"regions=2 dpas=2 maps=1 parked=1"
expect_eq "X's claim is still in /proc/iomem" "$(grep -c "cxl_accel $X\$" /proc/iomem)" 1
expect_eq "the host bridge's decoder 0 is still committed (register)" \
	"$(($(accel_rd32 $((hdm + 0x20))) >> 10 & 1))" 1

check "X's driver binds again" sh -c "echo $X > /sys/bus/pci/drivers/cxl_accel_test/bind"
accel_use 0x1000 || exit 0
accel_cmd adopt
rc=$(accel_status rc)
[ "$rc" = 0 ] && accel_cmd "release 0"
expect_eq "adopting the parked region's decoder is refused" "$rc" -16
check "one line says why" sh -c "dmesg | grep -q 'cannot claim \[$xhpa-[0-9a-fx]*\]: a region of cxl_accel still holds it'"
expect_eq "X's claim is still there, once" "$(grep -c "cxl_accel $X\$" /proc/iomem)" 1

accel_use 0x1001 || exit 0
accel_cmd "release 0"
expect_eq "Y: release" "$(accel_status rc)" 0
if accel_wait_stats "regions=0 dpas=0 maps=0 parked=0" 10; then
	ok "the parked region is released once Y's decoder is gone"
else
	notok "the parked region is released once Y's decoder is gone" "$(cat /sys/kernel/debug/cxl_accel/stats)"
fi
expect_eq "no claim of X or Y left" "$(grep -c 'cxl_accel 0000' /proc/iomem)" 0
expect_eq "the host bridge's decoders 0 and 1 are reset (registers)" \
	"$(($(accel_rd32 $((hdm + 0x20))) >> 10 & 1)) $(($(accel_rd32 $((hdm + 0x40))) >> 10 & 1))" "0 0"

accel_use 0x1000 || exit 0
accel_cmd "request $SIZE"
expect_eq "X: a new region" "$(accel_status rc)" 0
expect_eq "X: at the same place" "$(accel_slot 0 hpa)" "$xhpa"
accel_cmd "release 0"
# not accel_check_clean: X's new cxl_accel object has no debugfs page
# (the parked one still had the name when it was made)
expect_eq "no claim left" "$(grep -c 'cxl_accel 0000' /proc/iomem)" 0
expect_eq "the host bridge's decoder 0 is reset again (register)" \
	"$(($(accel_rd32 $((hdm + 0x20))) >> 10 & 1))" 0
expect_eq "no region, reservation or mapping left" \
	"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=0 dpas=0 maps=0 parked=0"
check "SLUB found no damage" sh -c "! dmesg | grep -E -q 'Poison overwritten|Redzone overwritten|Object already free|BUG kmalloc'"
