#!/bin/sh
# A device with a live region hot-unplugged the orderly way: QEMU presses
# the attention button of the root port's slot (device_del, through the
# host's QMP relay), the guest's pciehp waits its 5 s, removes the device
# (the test driver's remove runs: it releases its region, as on any
# unbind) and powers the slot off, and QEMU then deletes the device: the
# slot reads empty here, and the host checks that QEMU's PCI tree
# (query-pci) listed the device before and not after.  (QEMU 10.0 sends
# no DEVICE_DELETED for it before the guest powers off.)
#
# Then a new device in the slot (object-add, device_add) gets a fresh
# region.  Each "nothing left" check has its positive control before the
# unplug: the claim in /proc/iomem, the host bridge's decoder routing the
# region (its registers, read here; the endpoint's are gone with the
# device).
#@ tier: basic smoke
#@ topology: direct-hdm
#@ plan: 28
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ qmp: pci-gone t0
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
SIZE=0x10000000
size=$(printf '%#x' $SIZE)

hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "request a 256 MiB region" "$(accel_status rc)" 0
expect_eq "its HPA is the first free 256 MiB of the device's window" "$(accel_slot 0 hpa)" "$hpa"
accel_check_claim "$hpa" "$SIZE"
# the decoder capabilities above the device, found while it is there
# (the endpoint's go with it)
hw_path_cache "$ACCEL_BDF"
HW_HDMS=$(echo "$HW_HDMS" | grep -v '^ep ')
expect_eq "the host bridge's decoder routes the region (registers)" \
	"$(hw_decoders | grep -c "^hb:[^ ]* [0-9]* base=$hpa size=$size\$")" 1
slot=""
for s in /sys/bus/pci/slots/*; do
	[ "$(cat "$s/address" 2>/dev/null)" = "${ACCEL_BDF%.*}" ] && slot=${s##*/}
done
check "the device sits in a hotplug slot (pciehp)" test -n "$slot"
expect_eq "the slot says a card is present" "$(cat "/sys/bus/pci/slots/$slot/adapter" 2>&1)" 1

cxlt_qmp query-pci
cxlt_qmp device_del '{"id": "t0"}'
check "pciehp removed the device" cxlt_wait_gone "/sys/bus/pci/devices/$ACCEL_BDF" 40
# pciehp powers the slot off after the removal, and QEMU deletes the
# device then: its Presence Detect State goes to 0
check "QEMU emptied the slot (presence detect)" \
	cxlt_wait_read "/sys/bus/pci/slots/$slot/adapter" 0 10
cxlt_qmp query-pci
accel_check_gone "$hpa" "above the device (host bridge registers)"
check "cxl_accel let go of the device" cxlt_wait_gone "/sys/kernel/debug/cxl_accel/$ACCEL_BDF" 5

# A device plugged into the same slot gets a fresh region (QEMU wants a
# new memory backend: the old one stays marked as used).  It serves the
# same CDAT as the first (the host's relay fills in @MEMDIR@).
cxlt_qmp object-add '{"qom-type": "memory-backend-ram", "id": "t0b-mem", "size": 268435456}'
cxlt_qmp device_add '{"driver": "cxl-type3", "bus": "rp0", "id": "t0b", "sn": 4098, "volatile-memdev": "t0b-mem", "cdat": "@MEMDIR@/t0.cdat"}'
accel_rebind 0x1002 30 "pciehp found the new device (serial 0x1002)"
hpa2=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
accel_cmd "request $SIZE"
expect_eq "a region on the new device" "$(accel_status rc)" 0
expect_eq "its HPA is the first free 256 MiB of the window again" "$(accel_slot 0 hpa)" "$hpa2"
expect_eq "the new device's decoder 0 decodes it (registers)" \
	"$(hw_decoders "$ACCEL_BDF" | grep -c "^ep 0 base=$hpa2 size=$size\$")" 1
accel_cmd "release 0"
expect_eq "release it" "$(accel_status rc)" 0
accel_check_clean
check "unbind" sh -c "echo $ACCEL_BDF > /sys/bus/pci/drivers/cxl_accel_test/unbind"
check "rmmod cxl_accel_test cxl_accel" rmmod cxl_accel_test cxl_accel
