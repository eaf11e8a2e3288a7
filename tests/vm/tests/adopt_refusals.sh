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
base=$(hw_window_base 0)
# the switch's HDM decoders and its downstream port on the path, from
# config space and the registers (not from cxl_accel)
hw_path_cache "$ACCEL_BDF"
sw=$(echo "$HW_HDMS" | sed -n 's/^\(usp:[^ ]*\) .*/\1/p')
swhdm=$(echo "$HW_HDMS" | sed -n 's/^usp:[^ ]* \([0-9]*\) .*/\1/p')
epdm=$(echo "$HW_HDMS" | sed -n 's/^ep \([0-9]*\) .*/\1/p')
dport=$(hw_path_child "$ACCEL_BDF" "$sw")
target=$(hw_port_number "$dport")

# (1) the switch sends the range to port target+1
accel_firmware_path "$base" "$SIZE" 1
expect_eq "the switch's decoder 0 targets port $((target + 1))" \
	"$(hw_decoder "$swhdm" 0 | sed 's/^\(committed=[01]\) .* \(target0=[0-9]*\)$/\1 \2/')" \
	"committed=1 target0=$((target + 1))"
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
	"$(hw_decoder "$epdm" 0 | sed 's/^\(committed=[01]\) .* \(base=[^ ]*\) .*/\1 \2/')" \
	"committed=1 base=$(printf '%#x' "$below")"
before=$(accel_committed_snapshot)
accel_cmd adopt
accel_expect_adopt_refusal -6 \
	"adopt: endpoint decoder 0: HPA \[$(printf '%#x' "$below")-[0-9a-fx]+\] is outside every CXL window"
expect_eq "one more line for the one broken link" "$(dmesg | grep -c 'adopt: ')" 2
expect_eq "no decoder touched" "$(accel_committed_snapshot)" "$before"

# the consumer's device is left as the test found it
accel_clear_path
expect_eq "nothing committed at the end" \
	"$(hw_decoders "$ACCEL_BDF")" ""
cxlt_kernel_healthy
