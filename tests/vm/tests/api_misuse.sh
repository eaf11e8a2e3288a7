#!/bin/sh
# cxl_accel's exported API called the wrong way, and concurrently, by
# tests/modules/cxl_accel_misuse (its header lists the cases): NULL
# handles, bad sizes and flags, unmap of what was never mapped, objects
# used against their owner or through a second handle of the same
# function, set_notify from inside a notifier and put from it, map after
# the loss, calls after the device was unbound, two threads on one
# device, a request racing the unbind, releases racing the removal of the
# CXL root.  Each check of the module is one TAP line.  A misuse is
# answered as the kernel-doc says, with one line in the log where the
# answer is nothing but that line (counted here), and leaves nothing
# behind: at the end a normal request works and nothing is claimed,
# reserved or mapped, each with a control that shows the check sees it.
#@ tier: smoke basic debug
#@ topology: direct-hdm
#@ plan: 142
#@ modules: cxl_accel cxl_accel_misuse
#@ takeover: t0=cxl_accel_misuse
#@ timeout: 300
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

MISUSE=/sys/kernel/debug/cxl_accel_misuse
STATS=/sys/kernel/debug/cxl_accel/stats
CLEAN="regions=0 dpas=0 maps=0 parked=0"
DRV=/sys/bus/pci/drivers/cxl_accel_misuse
ACPI_DRV=/sys/bus/platform/drivers/cxl_acpi

# misuse CASE [ARG]: run a case of the module; each line of its results
# ("CASE/CHECK ok|fail DETAIL") becomes a TAP line.
misuse() {
	if ! _e=$( (echo "$*" > $MISUSE/ctl) 2>&1); then
		notok "$1: the case ran" "${_e##*: }"
		return 1
	fi
	while read -r _c _r _d; do
		if [ "$_r" = ok ]; then
			ok "$_c: $_d"
		else
			notok "$_c" "$_d"
		fi
	done < $MISUSE/results
}

# log_count PATTERN: kernel log lines matching PATTERN (grep -E).
log_count() {
	dmesg | grep -c -E "$1"
}

# expect_log NAME PATTERN N BEFORE: N more lines match than BEFORE did.
expect_log() {
	expect_eq "$1" $(($(log_count "$2") - $4)) "$3"
}

# root_bind: cxl_acpi back on the CXL root, its ports enumerated again.
root_bind() {
	check "bind cxl_acpi again ($ROOT)" sh -c "echo $ROOT > $ACPI_DRV/bind" &&
		check "the CXL core's ports are back" cxlt_wait 1 10 "$CXLT_BUS/port*"
}

for m in cxl_acpi cxl_port; do
	modprobe "$m" 2>/dev/null
done
ROOT=$(basename "$(readlink -f $ACPI_DRV/ACPI0017:*)")
check "insmod cxl_accel" insmod "$MODDIR/cxl_accel.ko" || exit 0
check "insmod cxl_accel_misuse" insmod "$MODDIR/cxl_accel_misuse.ko" || exit 0
ACCEL_BDF=$(pci_by_sn "$ACCEL_SN")
ACCEL_STATE=/sys/kernel/debug/cxl_accel/$ACCEL_BDF/state
check "cxl_accel_misuse bound $ACCEL_BDF" test -e "$DRV/$ACCEL_BDF" || exit 0

NULL_LINE='cxl_accel: [a-z_]*\(\) called with a NULL'
n=$(log_count "$NULL_LINE")
misuse null
expect_log "null: one log line for each NULL handle (20)" "$NULL_LINE" 20 "$n"
misuse sizes
misuse flags
n=$(log_count 'is not a mapping of region')
misuse unmap
expect_log "unmap: one log line for each address that is not mapped (5)" \
	'is not a mapping of region' 5 "$n"
misuse cross
misuse race-threads 20
check "after the threads: nothing left" accel_wait_stats "$CLEAN" 10

# the region lost with its notifier misbehaving
n=$(log_count 'from inside a notifier')
misuse lost-setup
cxlt_unbind_cxl_root "(region lost)"
misuse lost-check
expect_log "lost: one log line for each set_notify from inside the notifier (2)" \
	'from inside a notifier' 2 "$n"
check "after the loss: nothing left" accel_wait_stats "$CLEAN" 10
root_bind

# releases racing the removal of the CXL root
misuse race-port-start
sleep 1
cxlt_unbind_cxl_root "(releases racing)"
sleep 1
misuse race-port-stop
check "after the race with the removal: nothing left" accel_wait_stats "$CLEAN" 10
root_bind

# a request racing the unbind, then calls through the stale handle
misuse race-unbind-start
sleep 1
check "unbind cxl_accel_misuse while its thread requests regions" \
	sh -c "echo $ACCEL_BDF > $DRV/unbind"
sleep 1
misuse race-unbind-stop
misuse after-unbind
check "after the unbind: nothing left" accel_wait_stats "$CLEAN" 10
check "bind cxl_accel_misuse again" sh -c "echo $ACCEL_BDF > $DRV/bind"

# a normal request still works; controls for the checks of absence
misuse hold
expect_eq "a held region is counted (control)" "$(cat $STATS)" \
	"regions=1 dpas=1 maps=1 parked=0"
check "a held region is claimed in /proc/iomem (control)" \
	grep -q "cxl_accel $ACCEL_BDF" /proc/iomem
misuse release
accel_check_clean
check "rmmod cxl_accel_misuse" rmmod cxl_accel_misuse
check "rmmod cxl_accel: nothing holds it" rmmod cxl_accel
