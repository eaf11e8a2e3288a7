#!/bin/sh
# A failed request resets each hop's decoder with that hop's registers
# and reports a failure there as that component's: the line names the
# switch whose decoder could not be read, not the endpoint (issue 12,
# item 14).  The host bridge's decoder is made to read all ones as it
# commits (all_ones 3: the endpoint commits first, then the switch, then
# the host bridge), and the reads stay all ones through the switch's
# reset (two waits at the host bridge, seven registers at the switch):
# the switch's decoder may still decode, so the range stays claimed
# (issue 12, item 6), while the endpoint's, read normally again, is reset.
#@ topology: switch-single-hdm
#@ plan: 11
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
. /lib/cxlt.sh
. /lib/cxlt_accel.sh
. /lib/cxlt_fault.sh

SIZE=0x10000000
cxlt_accel_load || exit 0
hw_path_cache "$ACCEL_BDF"
usp=$(echo "$HW_HDMS" | sed -n 's/^usp:\([^ ]*\) .*/\1/p')
check "the path has a switch with HDM decoders (config space, registers)" [ -n "$usp" ]
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)

dmesg -c > /dev/null
fault_arm_reg all_ones 3 9
accel_cmd "request $SIZE"
expect_eq "the request fails: the host bridge reads all ones" "$(accel_status rc)" -6
check "the fault struck" fault_fired
fault_off
expect_eq "the switch's reset failure is reported as the switch's ($usp)" \
	"$(dmesg | grep -c "$usp: cxl_accel: HDM decoder 0: cannot be read (-6)")" 1
expect_eq "and not as the endpoint's ($ACCEL_BDF)" \
	"$(dmesg | grep -c "$ACCEL_BDF: cxl_accel: HDM decoder 0: cannot be read")" 0
check "one line says the range stays claimed" sh -c \
	"dmesg | grep -q 'request failed with decoders of \[$hpa-.*\] left committed: the range stays claimed'"
check "it is still claimed in /proc/iomem" \
	grep -q "^ *$(printf '%x' $((hpa)))-.* : cxl_accel $ACCEL_BDF\$" /proc/iomem
expect_eq "the switch's decoder still decodes it, the endpoint's and the host bridge's do not (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | sed 's/ size=.*//' | tr '\n' ';')" "usp:$usp 0 base=$hpa;"
