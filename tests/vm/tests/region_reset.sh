#!/bin/sh
# A region across a reset of its device, through the sysfs "reset" file:
# QEMU's cxl-type3 has no FLR and no PM capability, so the PCI core resets
# the link below the port above it (a secondary bus reset; 6.12 and later
# unmask SBR at the CXL port for it, the "cxl_bus" method), and QEMU
# resets the device's HDM decoders, as the CXL specification has a
# secondary bus reset do.  The test driver calls cxl_accel_reset_prepare()
# and cxl_accel_reset_done() from its reset handlers.
#
# The control first: with the driver holding cxl_accel_reset_done() back,
# the endpoint's decoder reads reset (registers, read here), the region
# is suspended and a request is refused.  Then the restore: the decoders
# of the whole path read back exactly as before the reset (registers),
# the claim is where it was (/proc/iomem), the state notifier was told
# "suspended" then "restored", and the words written before the reset and
# after it are at their DPAs in the device's memory (the oracle reads the
# backing file).  A second reset restores from inside the PCI core's
# reset, as a driver's handler would.  While the region is live, "deep"
# is not offered in /sys/power/mem_sleep; after its release it is (the
# control).
#@ tier: basic smoke debug
#@ topology: direct-hdm switch-single-hdm
# the switch (its upstream port reset with the device) on 6.12, whose
# reset method differs ("cxl_bus"); 6.1 and 7.2 reset below a root port
#@ topology 6.1: direct-hdm
#@ topology 7.2: direct-hdm
#@ topology 6.12-debug: switch-single-hdm
#@ plan: 35
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
SIZE=0x10000000
RESET=/sys/bus/pci/devices/$ACCEL_BDF/reset

hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "request a 256 MiB region" "$(accel_status rc)" 0
expect_eq "its HPA is the first free 256 MiB of the device's window" "$(accel_slot 0 hpa)" "$hpa"
oracle_region r0 "$hpa" "$SIZE" 1 256 "0x1000@0x0"
accel_cmd "fill 0 0 4096 0x5eed0001"
expect_eq "fill the start before the reset" "$(accel_status rc)" 0
oracle_fill r0 0 4096 0x5eed0001
before=$(hw_decoders "$ACCEL_BDF")
claim=$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)
expect_eq "the endpoint's decoder 0 decodes the region (registers)" \
	"$(echo "$before" | grep -c "^ep 0 base=$hpa size=$(printf '%#x' $SIZE)\$")" 1
check "no \"deep\" suspend offered while the region is live" \
	sh -c "! grep -qw deep /sys/power/mem_sleep"
diag "reset method: $(cat "/sys/bus/pci/devices/$ACCEL_BDF/reset_method" 2>/dev/null)"
# the trace events of the reset and the restore, named by the region's object
T=/sys/kernel/tracing
[ -d $T/events ] || mount -t tracefs nodev $T
name=$(basename "$(accel_region_obj "$hpa")")
echo 1 > $T/events/cxl_accel/cxl_accel_region_state/enable
echo 1 > $T/events/cxl_accel/cxl_accel_decoder_commit/enable
echo > $T/trace

# The control: the reset resets the decoders, and nothing restores them.
accel_cmd "reset-hold 1"
check "reset the device (sysfs reset)" sh -c "echo 1 > $RESET"
expect_eq "the PCI core ran the driver's reset handlers once" "$(accel_status resets)" 1
expect_eq "the region was suspended before the reset (state notifier)" "$(accel_status states)" suspended
after=$(hw_decoders "$ACCEL_BDF")
expect_eq "the endpoint's decoder 0 reads reset after the reset (registers)" \
	"$(echo "$after" | grep -c '^ep 0 ')" 0
accel_cmd "request $SIZE"
expect_eq "a request while the region is suspended is refused (-EBUSY)" "$(accel_status rc)" -16

# The restore.
accel_cmd "restore"
expect_eq "cxl_accel_reset_done() restores it" "$(accel_status rc) $(accel_status reset_rc)" "0 0"
expect_eq "the state notifier was told: suspended, then restored" "$(accel_status states)" suspended,restored
expect_eq "the trace: $name suspended, then restored" \
	"$(sed -n "s/.*cxl_accel_region_state: dev=$ACCEL_BDF region=$name hpa=$hpa .* state=\([a-z]*\)\$/\1/p" $T/trace | tr '\n' ,)" \
	suspended,restored,
# the decoders the reset had reset, by the registers: each one's commit
echo "$after" > /tmp/after
want=$(echo "$before" | grep -vxF -f /tmp/after | while read -r who n _; do
	case $who in
	ep) c=endpoint ;;
	usp:*) c=${who#usp:} ;;
	*) c=host-bridge ;;
	esac
	echo "$c $n 0"
done | sort | tr '\n' ' ')
expect_eq "the trace: a commit of each decoder the reset had reset (registers)" \
	"$(sed -n "s/.*cxl_accel_decoder_commit: dev=$ACCEL_BDF region=$name component=\([^ ]*\) decoder=\([0-9]*\) hpa=$hpa .* rc=\(-*[0-9]*\)\$/\1 \2 \3/p" $T/trace |
	  sort | tr '\n' ' ')" "$want"
expect_eq "every decoder of the path reads back as before the reset (registers)" \
	"$(hw_decoders "$ACCEL_BDF")" "$before"
expect_eq "the claim is where it was (/proc/iomem)" "$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)" "$claim"
expect_eq "the region's HPA is the same" "$(accel_slot 0 hpa) $(accel_slot 0 mapped)" "$hpa 1"
accel_cmd "verify 0 0 4096 0x5eed0001"
expect_eq "the words written before the reset read back" "$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "fill 0 0x100000 4096 0x5eed0002"
expect_eq "fill after the restore" "$(accel_status rc)" 0
oracle_fill r0 0x100000 4096 0x5eed0002

# Again, restored from inside the reset, as a driver's handler does.
accel_cmd "reset-hold 0"
check "reset the device again" sh -c "echo 1 > $RESET"
expect_eq "the handlers ran, cxl_accel_reset_done() answered 0" \
	"$(accel_status resets) $(accel_status reset_rc)" "2 0"
expect_eq "the state notifier was told: suspended, restored, twice" \
	"$(accel_status states)" suspended,restored,suspended,restored
expect_eq "every decoder of the path reads back as before (registers)" \
	"$(hw_decoders "$ACCEL_BDF")" "$before"
accel_cmd "verify 0 0x100000 4096 0x5eed0002"
expect_eq "the words written after the first restore read back" "$(accel_status rc) $(accel_status mismatches)" "0 0"
check "still no \"deep\" suspend with the region live" \
	sh -c "! grep -qw deep /sys/power/mem_sleep"

accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_cmd "request $SIZE"
expect_eq "a new region after the resets" "$(accel_status rc)" 0
accel_cmd "release 0"
expect_eq "release it" "$(accel_status rc)" 0
check "\"deep\" suspend is offered again (control: the guest has S3)" \
	grep -qw deep /sys/power/mem_sleep
accel_check_clean
