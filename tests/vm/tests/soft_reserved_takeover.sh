#!/bin/sh
# A CXL window that the memory map marks Soft Reserved (EFI_MEMORY_SP)
# where the device's CDAT asks for Reserved memory (topology.py's
# default table).  QEMU's firmware puts no CXL window in the memory map,
# so the kernel's own memmap= makes the first 256 MiB of the direct
# topology's window (base 0x110000000, the CEDT's) an E820 Soft Reserved
# range; the test finds it in /proc/iomem and the window in the CEDT
# itself.  dax_hmem is loaded before cxl_acpi, so that it makes a dax
# device of the range (on 6.12 and later it leaves ranges in CXL windows
# to the CXL core when cxl_acpi is there first).  Then:
#  - by default the request is refused, naming the range; firmware's
#    disagreement with the device is logged once and taints the kernel
#    (TAINT_FIRMWARE_WORKAROUND, bit 11);
#  - with take_soft_reserved=1: refused while device-dax holds the range,
#    refused while kmem holds it as System RAM (added but offline, with
#    memhp_default_state=offline: the range has no memory behind it until
#    a decoder is committed, so it must never be onlined; kmem wants the
#    range's NUMA node, which the kernel makes for a CFMWS only when the
#    platform has an SRAT: hence QEMU's -numa), and granted
#    once both let go: the claim nests in the Soft Reserved range, which
#    stays, the decoders are committed and the data lands in the device
#    (the oracle reads the backing file).
#@ kernels: 6.1 6.12
#@ topology: direct
#@ plan: 38
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ append: memmap=256M%0x110000000+0xefffffff memhp_default_state=offline
#@ qemu: -object memory-backend-ram,id=ram0,size=1G -numa node,nodeid=0,cpus=0,memdev=ram0
#@ oracle: yes
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

SIZE=0x10000000
modprobe dax
insmod "$(find "/lib/modules/$(uname -r)" -name 'dax_hmem.ko*' | head -n 1)"
modprobe device_dax
cxlt_accel_load || exit 0

accel_soft_reserved_in_window || exit 0
srr=$SR_RANGE
base=$WIN_BASE

# the dax device dax_hmem made of it, held by device_dax
dax=$(ls /sys/bus/dax/devices 2>/dev/null | head -n 1)
check "dax_hmem made a dax device of it (${dax:-none})" test -n "$dax" || exit 0
[ -e "/sys/bus/dax/devices/$dax/driver" ] ||
	echo "$dax" > /sys/bus/dax/drivers/device_dax/new_id
check "device_dax holds $dax" \
	test "$(basename "$(readlink -f "/sys/bus/dax/devices/$dax/driver")")" = device_dax
held=$(sed -n "s/^ *\([0-9a-f]*-[0-9a-f]*\) : $dax\$/\1/p" /proc/iomem | head -n 1)
check "/proc/iomem shows $dax's claim (${held:-none})" test -n "$held"
heldr=$(printf '%#x-%#x' $((0x${held%-*})) $((0x${held#*-})))

# by default: refused, the range named, firmware named, the kernel tainted
t0=$(cat /proc/sys/kernel/tainted)
check "not tainted by a firmware workaround before ($t0)" test $((t0 & 2048)) -eq 0
accel_cmd "request $SIZE"
accel_expect_refusal -16 "Soft Reserved \[$srr\] overlaps it: device-dax or kmem holds \[$heldr\]"
check "the kernel names firmware: Soft Reserved where the device asks for Reserved" \
	sh -c "dmesg | grep -q '$ACCEL_BDF: cxl_accel: \[Firmware Bug\]: the memory map gives \[$srr\] as Soft Reserved, but the device.s CDAT asks for EfiReservedMemoryType'"
check "tainted with TAINT_FIRMWARE_WORKAROUND" \
	test $(($(cat /proc/sys/kernel/tainted) & 2048)) -ne 0

# take_soft_reserved=1: still refused while device-dax holds the range
check "rmmod cxl_accel_test cxl_accel" rmmod cxl_accel_test cxl_accel
check "insmod cxl_accel take_soft_reserved=1" insmod "$MODDIR/cxl_accel.ko" take_soft_reserved=1
check "insmod cxl_accel_test" insmod "$MODDIR/cxl_accel_test.ko"
accel_use "$ACCEL_SN" || exit 0
expect_eq "the parameter reads Y" "$(cat /sys/module/cxl_accel/parameters/take_soft_reserved)" Y
accel_cmd "request $SIZE"
accel_expect_refusal -16 "Soft Reserved \[$srr\] overlaps it: device-dax or kmem holds \[$heldr\]"

# kmem adds the range as System RAM (offline): never taken
echo "$dax" > /sys/bus/dax/drivers/device_dax/unbind
# 6.12's dax_hmem marks its dax devices for kmem, which binds them as it
# loads; 6.1's are device_dax's, and kmem takes one by its ID
modprobe kmem
[ -e "/sys/bus/dax/devices/$dax/driver" ] ||
	echo "$dax" > /sys/bus/dax/drivers/kmem/new_id
ram=$(sed -n 's/^ *\([0-9a-f]*-[0-9a-f]*\) : System RAM (kmem)$/\1/p' /proc/iomem | head -n 1)
check "kmem added it as System RAM (${ram:-none})" test -n "$ram"
ramr=$(printf '%#x-%#x' $((0x${ram%-*})) $((0x${ram#*-})))
accel_cmd "request $SIZE"
accel_expect_refusal -16 "System RAM \[$ramr\] overlaps it: the kernel already uses that memory"

# both let go: taken over
echo "$dax" > /sys/bus/dax/drivers/kmem/unbind
check "kmem let go: no System RAM (kmem), no $dax claim left in /proc/iomem" \
	sh -c "! grep -q -e 'System RAM (kmem)' -e ': $dax\$' /proc/iomem"
accel_cmd "request $SIZE"
expect_eq "granted, at the window's base (the Soft Reserved range's start)" \
	"$(accel_status rc) $(accel_slot 0 hpa)" "0 $(printf '%#x' "$base")"
hpa=$(accel_slot 0 hpa)
diag "/proc/iomem at $hpa: $(iomem_lines_at "$hpa" | tr -s ' ' | tr '\n' ';')"
accel_check_claim "$hpa" "$SIZE" "Soft Reserved"
expect_eq "the Soft Reserved range is still in /proc/iomem, around the claim" \
	"$(iomem_lines_at "$hpa" | grep -c ': Soft Reserved$')" 1
accel_check_decoders "$hpa" "$SIZE" 0
accel_cmd "fill 0 0x1000 1024 0x5eed5eed"
accel_cmd "verify 0 0x1000 1024 0x5eed5eed"
expect_eq "data through the mapping reads back" "$(accel_status rc) $(accel_status mismatches)" "0 0"
oracle_region r0 "$hpa" "$SIZE" 1 256 "$ACCEL_SN@0x0"
oracle_fill r0 0x1000 1024 0x5eed5eed
accel_cmd "release 0"
expect_eq "released" "$(accel_status rc)" 0
check "no claim left" sh -c "! grep -q 'cxl_accel $ACCEL_BDF' /proc/iomem"
