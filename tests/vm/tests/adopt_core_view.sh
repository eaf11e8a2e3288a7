#!/bin/sh
# Adoption refuses a path whose decoders the CXL core enumerated before
# they were committed (memo E4b: handing such a path to the core, or
# leaving the core's view wrong, lets it reuse our decoders).  A Type-3
# device t1 attaches first below the same switch, so the core enumerates
# the switch's and the host bridge's decoders while they are free; then
# the guest commits our device's path through /dev/mem.  6.12 and 7.x
# refuse with one line per hop whose core view disagrees with the
# hardware; 6.1, which cxl_accel cannot check, refuses the switch it
# tracks.  Nothing is claimed and no decoder is touched.
#@ topology: switch-hdm
#@ plan: 14
#@ plan: 6.1 switch-hdm 13
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ append: iomem=relaxed
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
if ! cxlt_cxl_core 1; then
	notok "t1 has an endpoint" "$(ls "$CXLT_BUS" | tr '\n' ' ')"
	exit 0
fi
ok "t1 attached: the core has enumerated the switch and the host bridge"
base=$(hw_window_base 0)
accel_firmware_path "$base" "$SIZE"
before=$(accel_committed_snapshot)
expect_eq "our path is committed in the hardware" "$(echo "$before" | wc -l)" 3
accel_cmd adopt
case $(uname -r) in
6.1.*)
	accel_expect_adopt_refusal -16 \
		"adopt: hop 0 \(switch [0-9a-f:.]+\): the CXL core will track switch .*cannot check the core.s view of it"
	expect_eq "one line for the one hop" "$(dmesg | grep -c 'adopt: ')" 1 ;;
*)
	accel_expect_adopt_refusal -16 \
		"adopt: hop 0 \(switch [0-9a-f:.]+\): core view of port[0-9]+ disagrees with the hardware: decoder[0-9]+\.0 is not enabled there"
	check "and the host bridge's" sh -c "dmesg | grep -q -E 'adopt: hop 1 \(host bridge UID [0-9]+\): core view of port[0-9]+ disagrees with the hardware: decoder[0-9]+\.0 is not enabled there'"
	expect_eq "one line per disagreeing hop" "$(dmesg | grep -c 'adopt: ')" 2 ;;
esac
expect_eq "no decoder touched" "$(accel_committed_snapshot)" "$before"
accel_clear_path
expect_eq "the path is free again" \
	"$(hw_decoders "$ACCEL_BDF")" ""
cxlt_kernel_healthy
