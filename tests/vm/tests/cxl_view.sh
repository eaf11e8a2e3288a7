#!/bin/sh
# Each topology boots, the kernel's CXL view matches its description (root
# decoders, ports, dports, decoder counts, memdevs), and cxl_accel loads and
# unloads with the CXL core bound to all of it.
#@ topology: direct direct-hdm direct-pmem switch switch-hdm interleave interleave-pmem two-windows no-window small-window
# 6.12 leaves out the three whose every other test runs there too (the
# pmem ones, the small window), for the warm time
#@ topology 6.12: direct direct-hdm switch switch-hdm interleave two-windows no-window
# 6.1 boots half of them: one of each kind (direct, switch, interleave,
# two windows, none)
#@ topology 6.1: direct switch-hdm interleave-pmem two-windows no-window
#@ plan: 15
#@ plan: * no-window 13
#@ plan: * two-windows 17
#@ modules: cxl_accel
. /lib/cxlt.sh
. /etc/cxlt-facts

D=/sys/bus/cxl/devices
for m in cxl_acpi cxl_port cxl_pci cxl_mem; do
	modprobe "$m" 2>/dev/null
done
if [ "$type3" -gt 0 ] && ! cxlt_wait "$type3" 20 "$D/endpoint*"; then
	notok "every type-3 device has an endpoint" "$(ls $D | tr '\n' ' ')"
fi

count() {
	# shellcheck disable=SC2086 # a glob
	ls -d $1 2>/dev/null | wc -l
}

# Ports directly below root0 are host bridges; the others are switches.
hb_ports=""
sw_ports=""
for p in $D/port*; do
	[ -e "$p" ] || continue
	case $(basename "$(dirname "$(readlink -f "$p")")") in
	root0) hb_ports="$hb_ports $p" ;;
	*) sw_ports="$sw_ports $p" ;;
	esac
done
decoders_of() {
	n=0
	for p in "$@"; do
		n=$((n + $(count "$p/decoder[0-9]*.[0-9]*")))
	done
	echo $n
}
dports_of() {
	n=0
	for p in "$@"; do
		n=$((n + $(count "$p/dport*")))
	done
	echo $n
}

expect_eq "root decoders = windows" "$(count "$D/decoder0.*")" "$windows"
n=0
while [ $n -lt "$windows" ]; do
	eval want_size=\$window${n}_size want_ways=\$window${n}_ways
	expect_eq "window $n size" "$(($(cat $D/decoder0.$n/size)))" "$want_size"
	expect_eq "window $n interleave ways" "$(cat $D/decoder0.$n/interleave_ways)" "$want_ways"
	n=$((n + 1))
done
# shellcheck disable=SC2086 # lists of paths
{
	expect_eq "host bridge ports" "$(echo $hb_ports | wc -w)" "$hostbridges"
	expect_eq "switch ports" "$(echo $sw_ports | wc -w)" "$switches"
	expect_eq "endpoints = type-3 devices" "$(count "$D/endpoint*")" "$type3"
	expect_eq "root ports are host bridge dports" "$(dports_of $hb_ports)" "$rootports"
	expect_eq "downstream ports are switch dports" "$(dports_of $sw_ports)" "$downstreamports"
	# QEMU: 4 HDM decoders on an hdm=on host bridge, switch upstream port and
	# device; a host bridge without them gets one passthrough decoder.
	# 6.1's cxl_port gives a host bridge with a single root port the
	# passthrough decoder even when it has HDM decoders (later kernels use
	# them), so there the core does not see the decoders at all.
	case $(uname -r) in
	6.1.*) hb_decoders=$hostbridges ;;
	*) hb_decoders=$((hb_hdm * 4 + (hostbridges - hb_hdm))) ;;
	esac
	expect_eq "host bridge decoders" "$(decoders_of $hb_ports)" "$hb_decoders"
	expect_eq "switch decoders" "$(decoders_of $sw_ports)" "$((switches * 4))"
	expect_eq "endpoint decoders" "$(decoders_of $D/endpoint*)" "$((type3 * 4))"
}

want=""
got=""
for v in $(set | sed -n "s/^dev_[^=]*='\{0,1\}\([^']*\)'\{0,1\}$/\1/p" | sort); do
	want="$want $v"
done
for m in $D/mem*; do
	[ -e "$m" ] || continue
	if [ "$(cat "$m/ram/size")" != 0x0 ] && [ -n "$(cat "$m/ram/size")" ]; then
		got="$got $(cat "$m/serial"):volatile:$(printf '%#x' "$(cat "$m/ram/size")")"
	else
		got="$got $(cat "$m/serial"):persistent:$(printf '%#x' "$(cat "$m/pmem/size")")"
	fi
done
expect_eq "memdevs: serial, kind and size" "$(echo $got | tr ' ' '\n' | sort | tr '\n' ' ')" \
	"$(echo $want | tr ' ' '\n' | sort | tr '\n' ' ')"

ko=/lib/modules/$(uname -r)/extra/cxl_accel.ko
check "insmod cxl_accel with the CXL core bound" insmod "$ko"
check "rmmod cxl_accel" rmmod cxl_accel
