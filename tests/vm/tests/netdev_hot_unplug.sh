#!/bin/sh
# The example vendor netdev hot-unplugged the orderly way, then a new
# device plugged into the slot: QEMU presses the attention button of the
# root port's slot (device_del, through the host's QMP relay), pciehp
# removes the device, the driver's remove unregisters the interface and
# releases the region (devm), and QEMU deletes the device (query-pci lists
# it before, not after).  No claim, no committed decoder above the device
# (host bridge registers, read here, with the positive control before)
# and nothing counted by cxl_accel is left.  A device plugged into the
# same slot (object-add, device_add) gets the driver again, a fresh
# region and an interface that passes traffic.
#@ kernels: 6.12 7.2
#@ tier: basic
#@ topology: direct-hdm
#@ plan: 23
#@ modules: cxl_accel cxl_accel_netdev
#@ takeover: t0=cxl_accel_netdev
#@ qmp: pci-gone t0
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

ND=cxlaccel0
SYS=/sys/class/net/$ND

netdev_start $ND
hpa=$(sed -n 's/^hpa=//p' "/sys/kernel/debug/cxl_accel_netdev/$ACCEL_BDF/layout")
check "the region is claimed (/proc/iomem)" grep -q "cxl_accel $ACCEL_BDF" /proc/iomem
# the decoder capabilities above the device, found while it is there
hw_path_cache "$ACCEL_BDF"
HW_HDMS=$(echo "$HW_HDMS" | grep -v '^ep ')
expect_eq "the host bridge's decoder routes the region (registers)" \
	"$(hw_decoders | grep -c "^hb:[^ ]* [0-9]* base=$hpa ")" 1
slot=""
for s in /sys/bus/pci/slots/*; do
	[ "$(cat "$s/address" 2>/dev/null)" = "${ACCEL_BDF%.*}" ] && slot=${s##*/}
done
check "the device sits in a hotplug slot (pciehp)" test -n "$slot"

cxlt_qmp query-pci
cxlt_qmp device_del '{"id": "t0"}'
check "pciehp removed the device" cxlt_wait_gone "/sys/bus/pci/devices/$ACCEL_BDF" 40
check "the interface went with it" cxlt_wait_gone "$SYS" 5
check "QEMU emptied the slot (presence detect)" \
	cxlt_wait_read "/sys/bus/pci/slots/$slot/adapter" 0 10
cxlt_qmp query-pci
accel_check_gone "$hpa" "above the device (host bridge registers)"

# A new device in the slot (QEMU wants a new memory backend), serving the
# same CDAT as the first (the host's relay fills in @MEMDIR@).
cxlt_qmp object-add '{"qom-type": "memory-backend-ram", "id": "t0b-mem", "size": 268435456}'
cxlt_qmp device_add '{"driver": "cxl-type3", "bus": "rp0", "id": "t0b", "sn": 4098, "volatile-memdev": "t0b-mem", "cdat": "@MEMDIR@/t0.cdat"}'
i=0
while ! bdf=$(pci_by_sn 0x1002) && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "pciehp found the new device (serial 0x1002)" test -n "$bdf"
echo cxl_accel_netdev > "/sys/bus/pci/devices/$bdf/driver_override"
check "the driver binds it" sh -c "echo $bdf > /sys/bus/pci/drivers/cxl_accel_netdev/bind"
ACCEL_BDF=$bdf
check "its interface is registered" test -e $SYS
netdev_loopback $ND
ip link set $ND up
check "ping through the new device's region" ping -c 2 -W 5 -I 10.0.0.1 10.0.0.2
expect_eq "the new device's decoder 0 decodes its region (registers)" \
	"$(HW_HDMS= hw_decoders "$ACCEL_BDF" | grep -c '^ep 0 ')" 1
cxlt_netdev_unload
