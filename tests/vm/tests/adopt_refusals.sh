#!/bin/sh
# Inconsistent paths are refused, one line per broken link, with nothing
# claimed and no decoder touched.  The registers are written wrongly from
# the guest through /dev/mem: (1) the switch's decoder routes the range to
# a port that is not on the path; (2) the endpoint and the switch decode a
# range below the CXL window, outside every window.
#@ topology: switch-single
#@ plan: 19
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ append: iomem=relaxed
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
base=$(accel_window 0 base)
target=$(accel_state hop0 target)
dport=$(accel_state hop0 dport)

# (1) the switch sends the range to port target+1
accel_firmware_path "$base" "$SIZE" 1
expect_eq "the switch's decoder 0 targets port $((target + 1))" \
	"$(accel_state hop0.decoder0 state) $(accel_state hop0.decoder0 targets)" \
	"committed $((target + 1))"
before=$(accel_committed_snapshot)
accel_cmd adopt
accel_expect_adopt_refusal -6 \
	"adopt: hop 0 \(switch [0-9a-f:.]+\): decoder 0 routes HPA \[$(printf '%#x' "$base")-[0-9a-fx]+\] to port $((target + 1)), not to $dport \(port $target\) on the path"
expect_eq "one line for the one broken link" "$(dmesg | grep -c 'adopt: ')" 1
expect_eq "no decoder touched" "$(accel_committed_snapshot)" "$before"

# (2) both decode the 256 MiB below the window
accel_clear_path
below=$((base - SIZE))
accel_firmware_path "$below" "$SIZE"
expect_eq "the endpoint decodes below the window" \
	"$(accel_state decoder0 state) $(accel_state decoder0 base)" \
	"committed $(printf '%#x' "$below")"
before=$(accel_committed_snapshot)
accel_cmd adopt
accel_expect_adopt_refusal -6 \
	"adopt: endpoint decoder 0: HPA \[$(printf '%#x' "$below")-[0-9a-fx]+\] is outside every CXL window"
expect_eq "one more line for the one broken link" "$(dmesg | grep -c 'adopt: ')" 2
expect_eq "no decoder touched" "$(accel_committed_snapshot)" "$before"

# the consumer's device is left as the test found it
accel_clear_path
expect_eq "nothing committed at the end" \
	"$(grep -c 'decoder[0-9]*: state=committed' "$ACCEL_STATE")" 0
cxlt_kernel_healthy
