# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest helpers for tests of cxl_accel regions, driven through the test
# consumer cxl_accel_test (tests/modules/cxl_accel_test) on the device
# with serial ACCEL_SN (default 0x1000).  Source after /lib/cxlt.sh.

ACCEL_SN=${ACCEL_SN:-0x1000}
MODDIR=/lib/modules/$(uname -r)/extra

# cxlt_accel_load [nocore]: the CXL core's ACPI side (not with nocore),
# cxl_accel and the consumer; sets ACCEL_BDF, ACCEL_CTL, ACCEL_STATUS,
# ACCEL_STATE.
cxlt_accel_load() {
	if [ "${1:-}" != nocore ]; then
		for _m in cxl_acpi cxl_port; do
			modprobe "$_m" 2>/dev/null
		done
	fi
	check "insmod cxl_accel" insmod "$MODDIR/cxl_accel.ko" || return 1
	check "insmod cxl_accel_test" insmod "$MODDIR/cxl_accel_test.ko" || return 1
	accel_use "$ACCEL_SN"
}

# cxlt_netdev_load: the CXL core's ACPI side, cxl_accel and the example
# netdev (two checks); sets ACCEL_BDF.
cxlt_netdev_load() {
	for _m in cxl_acpi cxl_port; do
		modprobe "$_m" 2>/dev/null
	done
	check "insmod cxl_accel" insmod "$MODDIR/cxl_accel.ko"
	check "insmod cxl_accel_netdev" insmod "$MODDIR/cxl_accel_netdev.ko"
	ACCEL_BDF=$(pci_by_sn "$ACCEL_SN")
}

# cxlt_netdev_unload: unbind the example netdev and unload both modules,
# with nothing of the region left (cxl_accel's counts, /proc/iomem): four
# checks.
cxlt_netdev_unload() {
	check "unbind" sh -c "echo $ACCEL_BDF > /sys/bus/pci/drivers/cxl_accel_netdev/unbind"
	expect_eq "nothing left" "$(cat /sys/kernel/debug/cxl_accel/stats)" \
		"regions=0 dpas=0 maps=0 parked=0"
	if grep -q "cxl_accel $ACCEL_BDF" /proc/iomem; then
		notok "no claim left in /proc/iomem" "$(grep cxl_accel /proc/iomem)"
	else
		ok "no claim left in /proc/iomem"
	fi
	check "rmmod cxl_accel_netdev cxl_accel" rmmod cxl_accel_netdev cxl_accel
}

# accel_check_gone HPA WHERE: the device went away with its region at
# HPA: its driver released the region, no claim is left, no decoder is
# committed on the hops above it (HW_HDMS, cached while the device was
# there, without the endpoint's), and cxl_accel counts nothing; four
# checks, WHERE naming the hops and the evidence.
accel_check_gone() {
	check "its driver released the region on the way" \
		cxlt_wait_dmesg "region \[$1-[0-9a-fx]*\] released" 5
	if grep -q "cxl_accel $ACCEL_BDF" /proc/iomem; then
		notok "no claim left in /proc/iomem" "$(grep cxl_accel /proc/iomem)"
	else
		ok "no claim left in /proc/iomem"
	fi
	expect_eq "no decoder left committed $2" "$(hw_decoders)" ""
	expect_eq "no region, reservation or mapping left" \
		"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=0 dpas=0 maps=0 parked=0"
}

# accel_rebind SN SECONDS NAME: wait up to SECONDS for a device with
# serial SN (hot-added, rescanned), give it to the consumer and drive it
# from now on; two checks, NAME the first's.
accel_rebind() {
	_i=0
	while ! _bdf=$(pci_by_sn "$1") && [ $_i -lt $(($2 * 10)) ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	check "$3" test -n "$_bdf"
	echo cxl_accel_test > "/sys/bus/pci/devices/$_bdf/driver_override"
	check "the test driver binds it" sh -c "echo $_bdf > /sys/bus/pci/drivers/cxl_accel_test/bind"
	HW_HDMS=
	accel_use "$1"
}

# accel_use SN: drive the consumer's device with serial SN from now on.
accel_use() {
	ACCEL_SN=$1
	ACCEL_BDF=$(pci_by_sn "$ACCEL_SN")
	[ "${HW_HDMS_BDF:-}" = "$ACCEL_BDF" ] || HW_HDMS=
	ACCEL_CTL=/sys/kernel/debug/cxl_accel_test/$ACCEL_BDF/ctl
	ACCEL_STATUS=/sys/kernel/debug/cxl_accel_test/$ACCEL_BDF/status
	ACCEL_STATE=/sys/kernel/debug/cxl_accel/$ACCEL_BDF/state
	if [ ! -e "$ACCEL_CTL" ]; then
		notok "cxl_accel_test probed $ACCEL_SN" "$(dmesg | tail -n 5)"
		return 1
	fi
}

accel_cmd() {
	echo "$*" > "$ACCEL_CTL"
}

# accel_status KEY: the value of KEY= in the consumer's status.
accel_status() {
	while IFS= read -r _l; do
		case $_l in "$1="*) echo "${_l#*=}"; return ;; esac
	done < "$ACCEL_STATUS"
}

# _accel_word LINE KEY FILE: KEY='s value on each line of FILE that starts
# with "LINE: " (in the shell alone: these run hundreds of times a test).
_accel_word() {
	while IFS= read -r _l; do
		case $_l in
		"$1: "*)
			# split into words, never into file names
			set -f
			for _w in ${_l#*: }; do
				case $_w in "$2="*) echo "${_w#*=}"; break ;; esac
			done
			set +f
			;;
		esac
	done < "$3"
}

# accel_slot N KEY: a region's KEY= (hpa, size, dpa, mapped).
accel_slot() {
	_accel_word "slot$1" "$2" "$ACCEL_STATUS"
}

# accel_state ITEM KEY: from cxl_accel's debugfs page.
accel_state() {
	_accel_word "$1" "$2" "$ACCEL_STATE"
}

# accel_check_claim HPA SIZE [PARENT]: the claim is busy, named after the
# device, a child of a CXL Window, or of PARENT (a pattern, e.g. the CXL
# core's region a handed-over region nests in).
accel_check_claim() {
	_start=$(printf '%x' "$1")
	_end=$(printf '%x' $(($1 + $2 - 1)))
	_line=$(grep -n "^ *$_start-$_end : cxl_accel $ACCEL_BDF\$" /proc/iomem)
	if [ -z "$_line" ]; then
		notok "claimed in /proc/iomem as cxl_accel $ACCEL_BDF" "$(grep -i -e cxl -e window /proc/iomem)"
		return
	fi
	ok "claimed in /proc/iomem as cxl_accel $ACCEL_BDF"
	# the nearest less indented line above is its parent
	_n=${_line%%:*}
	_indent=$(echo "${_line#*:}" | sed 's/[^ ].*//' | wc -c)
	_parent=$(head -n $((_n - 1)) /proc/iomem | awk -v i="$_indent" '
		{ match($0, /^ */); if (RLENGTH < i - 1) p = $0 } END { print p }')
	ACCEL_CLAIM_PARENT=${_parent##*: }
	case ${_parent##*: } in
	${3:-CXL Window *}) ok "the claim is a child of ${3:-a CXL Window}" ;;
	*) notok "the claim is a child of ${3:-a CXL Window}" "parent: $_parent" ;;
	esac
}

# iomem_lines_at ADDR: the /proc/iomem lines whose range contains ADDR.
iomem_lines_at() {
	awk -v a="$(printf '%016x' "$1")" -F ' : ' '{
		split($1, r, "-"); s = r[1]; e = r[2]; gsub(/ /, "", s);
		while (length(s) < 16) s = "0" s; while (length(e) < 16) e = "0" e;
		if (s <= a && a <= e) print }' /proc/iomem
}

# iomem_ram_overlaps START END: the RAM-like /proc/iomem lines (System RAM,
# System RAM (kmem), Soft Reserved, Persistent Memory) that overlap
# [START, END].
iomem_ram_overlaps() {
	awk -v a="$(printf '%016x' "$1")" -v b="$(printf '%016x' "$2")" -F ' : ' '
		$2 == "System RAM" || $2 == "System RAM (kmem)" ||
		$2 == "Soft Reserved" || $2 == "Persistent Memory" {
		split($1, r, "-"); s = r[1]; e = r[2]; gsub(/ /, "", s);
		while (length(s) < 16) s = "0" s; while (length(e) < 16) e = "0" e;
		if (s <= b && a <= e) print }' /proc/iomem
}

# iomem_window_of ADDR: "START END" (0x...) of the CXL Window holding ADDR.
iomem_window_of() {
	iomem_lines_at "$1" |
		sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : CXL Window.*/0x\1 0x\2/p' | head -n 1
}

# devmem_read ADDR: read 32 bits through /dev/mem (busybox devmem, which
# maps the page); prints devmem's output or error, fails as devmem does.
devmem_read() {
	devmem "$(printf '0x%x' "$1")" 32 2>&1
}

# accel_check_private HPA [SIZE]: the region is private, checked against
# sources cxl_accel does not control, each "absent" with a control that
# shows the check can see what it looks for:
#  - /dev/mem: on a default kernel an unclaimed page of the same CXL window
#    can be read (control) and the region cannot, refused by the kernel's
#    exclusivity check (EPERM from mmap).  With iomem=relaxed that refusal
#    is the administrator's choice to give up (see region_devmem_relaxed);
#    there, nothing is asserted about /dev/mem.
#  - not RAM: no System RAM, System RAM (kmem), Soft Reserved or
#    Persistent Memory line of /proc/iomem overlaps the whole range, and
#    the same check does find the guest's own System RAM (control).
#  - no dax device: the dax bus is there (dax modules loaded, as udev
#    would), and no dax device's resource overlaps the range.
accel_check_private() {
	_hpa=$(($1))
	_end=$((_hpa + ${2:-0x10000000} - 1))
	_w=$(iomem_window_of "$_hpa")
	if [ "$(cxlt_cmdline iomem)" = relaxed ]; then
		diag "iomem=relaxed: /dev/mem exclusivity is given up on purpose; not checked here"
	elif [ -z "$_w" ]; then
		notok "the region is in a CXL Window of /proc/iomem" "$(grep -i window /proc/iomem)"
	else
		# the window's last page, if nothing but the window holds it
		_ctl=$(( (${_w#* } + 1 - 0x1000) ))
		_held=$(iomem_lines_at "$_ctl" | grep -v ' : CXL Window')
		if [ -n "$_held" ]; then
			notok "/dev/mem reads an unclaimed page of the window (control)" "page $(printf '%#x' "$_ctl") is held: $_held"
		else
			check "/dev/mem reads an unclaimed page of the window (control)" devmem_read "$_ctl"
		fi
		if _o=$(devmem_read "$_hpa"); then
			notok "/dev/mem cannot read the region" "devmem read $_o"
		else
			case $_o in
			*"Operation not permitted"*) ok "/dev/mem cannot read the region" ;;
			*) notok "/dev/mem cannot read the region" "refused, but not by the exclusivity check: $_o" ;;
			esac
		fi
	fi
	_ram=$(grep -m 1 ' : System RAM$' /proc/iomem | sed 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) .*/0x\1 0x\2/')
	# shellcheck disable=SC2086 # two words
	check "the RAM check sees the guest's System RAM (control)" test -n "$(iomem_ram_overlaps $_ram)"
	_o=$(iomem_ram_overlaps "$_hpa" "$_end")
	if [ -n "$_o" ]; then
		notok "no RAM-like resource overlaps the region" "$_o"
	else
		ok "no RAM-like resource overlaps the region"
	fi
	for _m in dax_cxl device_dax kmem; do
		modprobe "$_m" 2>/dev/null
	done
	check "the dax bus is there (control)" test -d /sys/bus/dax/devices
	_o=
	for _d in /sys/bus/dax/devices/*; do
		[ -e "$_d/resource" ] || continue
		_s=$(($(cat "$_d/resource")))
		_z=$(($(cat "$_d/size")))
		[ "$_z" -gt 0 ] && [ "$_s" -le "$_end" ] && [ $((_s + _z - 1)) -ge "$_hpa" ] &&
			_o="$_o ${_d##*/}"
	done
	expect_eq "no dax device overlaps the region" "$_o" ""
}

# accel_check_decoders HPA SIZE N [SKIP]: from the registers, read without
# cxl_accel (hw_decoder): decoder N of the device and of every port on its
# path with an HDM decoder capability is committed for [HPA, HPA + SIZE),
# one way, unlocked; the device's is device coherent (HDM-D) with a DPA
# skip of SKIP (default 0: the first DPA), each port's first target is the
# port number of its downstream port on the path (from config space); and
# the device decodes with its HDM decoders (Global Control).
accel_check_decoders() {
	[ -n "${HW_HDMS:-}" ] || hw_path_cache "$ACCEL_BDF"
	_b=$(printf '%#x' "$1")
	_s=$(printf '%#x' "$2")
	_hw=$(echo "$HW_HDMS" | while read -r _who _hdm _n; do
		echo "$_who $(hw_decoder "$_hdm" "$3")"
	done)
	echo "$HW_HDMS" | while read -r _who _hdm _n; do
		_got=$(echo "$_hw" | sed -n "s/^$_who //p")
		if [ "$_who" = ep ]; then
			expect_eq "endpoint decoder $3 committed for the region (registers)" \
				"$(echo "$_got" | sed 's/ target0=[^ ]*//')" \
				"committed=1 lock=0 type2=1 base=$_b size=$_s ways=1 skip=$(printf '%#x' "${4:-0}")"
		else
			_t=$(hw_port_number "$(hw_path_child "$ACCEL_BDF" "$_who")")
			expect_eq "$_who decoder $3 committed for the region, target $_t (registers)" \
				"$(echo "$_got" | sed 's/ type2=[01]//; s/ skip=[^ ]*//')" \
				"committed=1 lock=0 base=$_b size=$_s ways=1 target0=$_t"
		fi
	done
	expect_eq "the device decodes with HDM decoders (HDM Global Control)" \
		$(( ($(hw_u32 $(($(echo "$HW_HDMS" | sed -n 's/^ep \([0-9]*\) .*/\1/p') + 4))) >> 1) & 1 )) 1
}

# accel_core_ranges: "base=0x.. size=0x.." of every region the CXL core
# has, from its sysfs.
accel_core_ranges() {
	for _r in "$CXLT_BUS"/region*; do
		[ -e "$_r/resource" ] || continue
		printf 'base=%#x size=%#x\n' "$(cat "$_r/resource")" "$(cat "$_r/size")"
	done
}

# Nothing left: no claim in /proc/iomem; from the registers, no decoder
# committed at the device and none on its path but the CXL core's own
# regions'; and cxl_accel counts no object.
accel_check_clean() {
	if grep -q "cxl_accel $ACCEL_BDF" /proc/iomem; then
		notok "no claim left in /proc/iomem" "$(grep cxl_accel /proc/iomem)"
	else
		ok "no claim left in /proc/iomem"
	fi
	_core=$(accel_core_ranges)
	_left=$(hw_decoders "$ACCEL_BDF" | while read -r _who _n _range; do
		[ "$_who" != ep ] && echo "$_core" | grep -q -x -F "$_range" && continue
		echo "$_who $_n $_range"
	done)
	hw_sees_device "no decoder left committed on the path (registers)" &&
		expect_eq "no decoder left committed on the path (registers)" "$_left" ""
	expect_eq "no region, reservation or mapping left" \
		"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=0 dpas=0 maps=0 parked=0"
}

# accel_check_core_view N [HPA SIZE]: every CXL port of the kernel's that
# has enumerated its HDM decoders (more than one: a single decoder is the
# core's passthrough model, none means it has not enumerated them yet)
# says N are committed, and with N > 0 its decoder 0 decodes
# [HPA, HPA + SIZE): the CXL core's view stays true while we program.
accel_check_core_view() {
	_seen=0
	for _p in /sys/bus/cxl/devices/port*; do
		[ -e "$_p/decoders_committed" ] || continue
		_n=$(ls -d "$_p"/decoder[0-9]*.[0-9]* 2>/dev/null | wc -l)
		if [ "$_n" -le 1 ]; then
			diag "$(basename "$_p"): $_n decoder objects: the core does not track HDM decoders there"
			continue
		fi
		_seen=1
		_d=$(ls -d "$_p"/decoder*.0 | head -n 1)
		_got="$(cat "$_p/decoders_committed")"
		_want=$1
		if [ "$1" -gt 0 ]; then
			_got="$_got $(cat "$_d/start") $(cat "$_d/size")"
			_want="$_want $(printf '%#x %#x' "$2" "$3")"
		fi
		expect_eq "the CXL core's view of $(basename "$_p"): $1 committed" "$_got" "$_want"
	done
	[ $_seen = 1 ] || diag "the CXL core tracks no HDM decoders on this path"
}

# --- the CXL core's side ----------------------------------------------------

# accel_core_port HOP: the CXL core's port for one of our hops, if it has
# one: a switch by its upstream port, a host bridge by its PCI root.
accel_core_port() {
	_kind=$(accel_state "hop$1" kind)
	for _p in "$CXLT_BUS"/port*; do
		[ -e "$_p" ] || continue
		case $_kind in
		switch)
			[ "$(basename "$(readlink -f "$_p/uport")")" = "$(accel_state "hop$1" port)" ] &&
				echo "$_p" ;;
		host-bridge)
			case $(_cxlt_host_bridge "$_p/uport") in
			*/pci0000:$(printf '%02x' "$(accel_state "hop$1" uid)")) echo "$_p" ;;
			esac ;;
		esac
	done
}

# accel_core_port_of WHO: the CXL core's port for a component of
# hw_path_cache's (usp:BDF by its upstream port, hb:UID by the ACPI _UID of
# its PCI root), if it has one.
accel_core_port_of() {
	for _p in "$CXLT_BUS"/port*; do
		[ -e "$_p/uport" ] || continue
		case $1 in
		usp:*)
			[ "$(basename "$(readlink -f "$_p/uport")")" = "${1#usp:}" ] && echo "$_p" ;;
		hb:*)
			[ "$(cat "$(_cxlt_host_bridge "$_p/uport")/firmware_node/uid" 2>/dev/null)" = "${1#hb:}" ] &&
				echo "$_p" ;;
		esac
	done
}

# accel_check_core_truth: on every port of the device's path where the CXL
# core tracks HDM decoders, its sysfs agrees with the registers (read
# without cxl_accel): as many committed, and each committed decoder's range.
accel_check_core_truth() {
	[ -n "${HW_HDMS:-}" ] || hw_path_cache "$ACCEL_BDF"
	for _who in $(echo "$HW_HDMS" | sed -n 's/^\([uh][^ ]*\) .*/\1/p'); do
		_p=$(accel_core_port_of "$_who")
		if [ -z "$_p" ]; then
			diag "$_who: the CXL core has no port for it"
			continue
		fi
		_n=$(ls -d "$_p"/decoder[0-9]*.[0-9]* 2>/dev/null | wc -l)
		if [ "$_n" -le 1 ]; then
			diag "$_who: $(basename "$_p") has $_n decoder objects: not tracked as HDM"
			continue
		fi
		_regs=$(hw_decoders "$ACCEL_BDF" | sed -n "s/^$_who [0-9]* //p")
		_hw=$(echo "$_regs" | grep -c .)
		_got=
		_want=
		if [ -e "$_p/decoders_committed" ]; then
			_got="$(cat "$_p/decoders_committed")"
			_want="$_hw"
		fi
		_k=0
		for _d in $(ls -d "$_p"/decoder[0-9]*.[0-9]* | sort -t . -k 2 -n); do
			[ $_k -lt "$_hw" ] || break
			_got="$_got $(printf 'base=%#x size=%#x' "$(cat "$_d/start")" "$(cat "$_d/size")")"
			_k=$((_k + 1))
		done
		_want="$_want$(echo "$_regs" | sed -n 's/^./ &/p' | tr -d '\n')"
		expect_eq "$_who: $(basename "$_p") in sysfs matches the registers ($_hw committed)" \
			"$_got" "$_want"
	done
}

# accel_root_for_ep EP: the root decoder whose window the endpoint's host
# bridge is in (1-way windows).
accel_root_for_ep() {
	for _r in "$CXLT_BUS"/decoder0.*; do
		case " $(cxlt_endpoints "$(basename "$_r")" | tr '\n' ' ') " in
		*" $1 "*) basename "$_r"; return ;;
		esac
	done
}

# accel_kernel_region ID EP SIZE: a PMEM region of SIZE bytes made through
# the kernel's sysfs on endpoint EP, patterns written through its HPA and
# reported to the oracle as ID.  PMEM: the one kind every kernel makes.
accel_kernel_region() {
	_root=$(accel_root_for_ep "$2")
	if ! CXLT_EACH=$(($3)) cxlt_region_create "$_root" pmem "" "$2"; then
		notok "$1: a kernel PMEM region on $2 in $_root" "$CXLT_ERR"
		cxlt_dmesg_tail
		return 1
	fi
	ok "$1: a kernel PMEM region on $2 in $_root ($CXLT_REGION)"
	_b=$(cat "$CXLT_BUS/$CXLT_REGION/resource")
	cxlt_region_report "$CXLT_REGION" "$1"
	cxlt_patterns "$1" "$_b" "$(($3))" "$(cat "$CXLT_BUS/$CXLT_REGION/interleave_granularity")"
}

# accel_kernel_region_destroy REGION [ID]: decommit and delete it, give its
# endpoint decoders' DPA back (the core keeps it allocated otherwise, and
# a later region could then only take a decoder above it: out of order),
# and tell the oracle region ID is retired.
accel_kernel_region_destroy() {
	_root=$(basename "$(dirname "$(readlink -f "$CXLT_BUS/$1")")")
	_decs=$(cat "$CXLT_BUS/$1"/target[0-9]* 2>/dev/null)
	check "decommit $1" sh -c "echo 0 > $CXLT_BUS/$1/commit"
	check "delete $1" sh -c "echo $1 > $CXLT_BUS/$_root/delete_region"
	for _d in $_decs; do
		check "free $_d's DPA" sh -c "echo 0 > $CXLT_BUS/$_d/dpa_size"
	done
	[ -z "$2" ] || oracle_retire "$2"
}

# accel_wait_status KEY WANT SECONDS: wait until the consumer's KEY= is WANT.
accel_wait_status() {
	_i=0
	while [ $_i -lt $(($3 * 10)) ]; do
		[ "$(accel_status "$1")" = "$2" ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# accel_wait_stats WANT SECONDS: wait until cxl_accel's stats read WANT.
accel_wait_stats() {
	_i=0
	while [ $_i -lt $(($2 * 10)) ]; do
		[ "$(cat /sys/kernel/debug/cxl_accel/stats)" = "$1" ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# accel_wait_lost: up to 5 s for the test driver's lost notifier to have
# run (its status "lost" leaves 0); the caller checks how often it ran.
accel_wait_lost() {
	_i=0
	while [ "$(accel_status lost)" = 0 ] && [ $_i -lt 50 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
}

# accel_expect_refusal RC PATTERN: the last request failed with RC and the
# kernel log says why in one line matching PATTERN; nothing was left.
accel_expect_refusal() {
	expect_eq "refused with $1" "$(accel_status rc)" "$1"
	check "one line says why" sh -c "dmesg | grep -q -E '$2'"
	if grep -q "cxl_accel $ACCEL_BDF" /proc/iomem; then
		notok "nothing claimed after the refusal"
	else
		ok "nothing claimed after the refusal"
	fi
	hw_sees_device "nothing committed at the device after the refusal (registers)" &&
		expect_eq "nothing committed at the device after the refusal (registers)" \
			"$(hw_decoders "$ACCEL_BDF" | grep '^ep ')" ""
}

# kmalloc_objects FILE: objects in use per kmalloc cache into FILE, and
# their total.  slabinfo counts the free objects of per-CPU slabs as used:
# shrinking a cache flushes those (and, under KASAN, its quarantine).
# Objects waiting for kfree_rcu() are still counted (each open of a sysfs
# file leaves one): drop_caches runs kfree_rcu's shrinker, and a grace
# period later they are gone.  slabinfo is opened before the last shrink
# and read with the shell's own read, so that nothing but its buffer is
# allocated in between.  (The bind loops and the soaks.)
kmalloc_objects() {
	for _f in /sys/kernel/slab/*/shrink; do
		echo 1 > "$_f"
	done
	echo 2 > /proc/sys/vm/drop_caches
	sleep 0.5
	exec 3< /proc/slabinfo
	for _f in /sys/kernel/slab/kmalloc-*/shrink; do
		echo 1 > "$_f"
	done
	_n=0
	_all=
	while read -r _c _a _rest <&3; do
		case $_c in
		kmalloc-*) _n=$((_n + _a)); _all="$_all$_c $_a
" ;;
		esac
	done
	exec 3<&-
	printf '%s' "$_all" > "$1"
	echo "$_n"
}

# slub_live_ours REGEX: the first line of every live kmalloc allocation
# whose trace (slub_debug=U) names a module matching REGEX (e.g.
# '\[cxl_accel(_test)?\]'), but for what cxl_accel allocates for its
# lifetime when it loads (the CEDT, debugfs, the bus notifiers, the restore
# workqueue, the sysfs class: its module init is freed by then, so that
# one is known by class_register() in its trace).  Empty if there is none, or no trace at all:
# pair it with a control that shows a live object of ours is seen.
# The caches are shrunk first: on a KASAN kernel that empties its
# quarantine, which would otherwise keep freed objects in the traces.
slub_live_ours() {
	for _c in /sys/kernel/slab/kmalloc-*/shrink; do
		echo 1 > "$_c"
	done 2> /dev/null
	cat /sys/kernel/debug/slab/kmalloc-*/alloc_traces 2>/dev/null | awk -v m="$1" 'BEGIN { RS = "" }
		$0 ~ m && !/cxl_accel_cedt_init|cxl_accel_debugfs_init|cxl_accel_notify_init|cxl_accel_reset_init|class_register/ {
			split($0, l, "\n"); print l[1] }'
}

# --- Keeping and adopting regions ------------------------------------------

# accel_reload: unbind the consumer, unload it and cxl_accel, and load both
# again (the device stays reserved for the consumer).
accel_reload() {
	check "unbind cxl_accel_test" sh -c "echo $ACCEL_BDF > /sys/bus/pci/drivers/cxl_accel_test/unbind"
	check "rmmod cxl_accel_test" rmmod cxl_accel_test
	check "rmmod cxl_accel" rmmod cxl_accel
	check "insmod cxl_accel again" insmod "$MODDIR/cxl_accel.ko" || return 1
	check "insmod cxl_accel_test again" insmod "$MODDIR/cxl_accel_test.ko" || return 1
	accel_use "$ACCEL_SN"
}

# accel_explain_refused WHY: after a refused request, five checks: the
# kernel's last line about the device (a firmware mismatch aside) names
# WHY (a basic regular expression), "cxl-accel explain" repeats that line
# as the last error, says the window does not qualify for WHY and that
# the function is probed by cxl_accel, and "cxl-accel windows" says the
# same of the window.
accel_explain_refused() {
	# the refusal, not the firmware mismatch logged after it (memtype.c)
	_logged=$(dmesg | sed -n "s/.* $ACCEL_BDF: cxl_accel: //p" | grep -v '^\[Firmware Bug\]' | tail -n 1)
	check "the kernel's refusal names it: $_logged" sh -c "echo '$_logged' | grep -q '$1'"
	check "cxl-accel explain succeeds and repeats the kernel's refusal" \
		sh -c "cxl-accel explain $ACCEL_BDF > /tmp/explain.out &&
		       grep -qF 'The last error cxl_accel logged about it: $_logged' /tmp/explain.out"
	check "explain: the window does not qualify, $1" \
		grep -q "does not qualify: .*$1" /tmp/explain.out
	check "windows says the same" sh -c "cxl-accel windows | grep -q 'does not qualify: .*$1'"
	check "explain says the function is probed by cxl_accel" \
		grep -q "^$ACCEL_BDF is probed by cxl_accel" /tmp/explain.out
}

# accel_soft_reserved_in_window: the memmap= tests' Soft Reserved range,
# found in /proc/iomem and checked to lie in the CEDT's first window (two
# checks; fails if there is none).  Sets WIN_BASE (decimal, the CEDT's),
# SR_START, SR_END (decimal) and SR_RANGE ("0x..-0x..").
accel_soft_reserved_in_window() {
	# BASE SIZE ENIW RESTRICTIONS TARGET0
	# shellcheck disable=SC2046 # five words
	set -- $(hw_cedt_cfmws | head -n 1)
	WIN_BASE=$1
	_sr=$(sed -n 's/^ *\([0-9a-f]*-[0-9a-f]*\) : Soft Reserved$/\1/p' /proc/iomem | head -n 1)
	check "/proc/iomem has a Soft Reserved range (${_sr:-none})" [ -n "$_sr" ] || return 1
	SR_START=$((0x${_sr%-*}))
	SR_END=$((0x${_sr#*-}))
	SR_RANGE=$(printf '%#x-%#x' "$SR_START" "$SR_END")
	check "it lies in the CEDT's window [$(printf '%#x-%#x' "$1" $(($1 + $2 - 1)))]" \
		test "$SR_START" -ge "$1" -a "$SR_END" -lt $(($1 + $2))
}

# accel_obj: the device's object in /sys/class/cxl_accel, the one whose
# pci_device link is the function under test.
accel_obj() {
	for _o in /sys/class/cxl_accel/cxl_accel*; do
		case ${_o##*/} in *.*) continue ;; esac
		[ "$(basename "$(readlink -f "$_o/pci_device")")" = "$ACCEL_BDF" ] &&
			{ echo "$_o"; return 0; }
	done
	return 1
}

# accel_region_obj HPA: the object of the device's region at HPA (its
# hpa_start).
accel_region_obj() {
	_d=$(accel_obj) || return 1
	for _o in "$_d"/cxl_accel*.*; do
		[ "$(cat "$_o/hpa_start" 2>/dev/null)" = "$1" ] && { echo "$_o"; return 0; }
	done
	return 1
}

# accel_region KEY: KEY= of the device's (first) region on cxl_accel's page.
accel_region() {
	accel_state region "$1" | head -n 1
}

# hw_window_base N: the base of the CEDT's CFMWS number N (from 0), read
# by the test (hw_cedt_cfmws), not by cxl_accel.
hw_window_base() {
	printf '%#x\n' "$(hw_cedt_cfmws | sed -n "$(($1 + 1))s/ .*//p")"
}

# hw_hdm WHO: the physical address of the HDM decoder capability of the
# device (WHO=ep) or of the component WHO on its path (usp:BDF, hb:UID, as
# hw_decoders names them), found by the test (hw_path_cache), not by
# cxl_accel.
hw_hdm() {
	[ -n "${HW_HDMS:-}" ] || hw_path_cache "$ACCEL_BDF"
	echo "$HW_HDMS" | awk -v w="$1" '$1 == w { print $2; exit }'
}

# hw_hops: the components above the device with HDM decoders, from the
# device up: "WHO HDM TARGET", TARGET being the Port Number of the
# downstream port on the path below WHO (a switch's downstream port, the
# host bridge's root port), which is what a decoder's target list names.
hw_hops() {
	[ -n "${HW_HDMS:-}" ] || hw_path_cache "$ACCEL_BDF"
	echo "$HW_HDMS" | while read -r _who _hdm _n; do
		[ "$_who" = ep ] && continue
		echo "$_who $_hdm $(hw_port_number "$(hw_path_child "$ACCEL_BDF" "$_who")")"
	done
}

# accel_hop WHO: cxl_accel's number for the hop WHO (usp:BDF, hb:UID) on
# its debugfs page: to compare what it reports of a hop with what the
# test read there.
accel_hop() {
	case $1 in
	usp:*) sed -n "s/^hop\([0-9]*\): kind=switch port=${1#usp:} .*/\1/p" "$ACCEL_STATE" ;;
	hb:*) sed -n "s/^hop\([0-9]*\): kind=host-bridge uid=${1#hb:} .*/\1/p" "$ACCEL_STATE" ;;
	esac
}

# The HDM registers, written from the guest as firmware would (or as a
# bug would).  /dev/mem needs iomem=relaxed for the blocks the CXL core
# has requested.
accel_wr32() {
	devmem "$(printf '0x%x' "$1")" 32 "$(printf '0x%x' $(($2)))"
}

accel_rd32() {
	devmem "$(printf '0x%x' "$1")" 32
}

# accel_prog_decoder_raw HDM N BASE-LO BASE-HI SIZE-LO SIZE-HI TL-LO TL-HI
# CTRL: program decoder N of the HDM capability at HDM register by register
# (CXL 2.0 8.2.5.12: base, size, target list or DPA skip, then control,
# whose Commit the hardware answers with Committed) and switch the
# capability's decoding on.  32-bit halves, so that values past 2^63 can be
# written (the guest's shell arithmetic is signed 64-bit).
accel_prog_decoder_raw() {
	_d=$(($1 + 0x10 + $2 * 0x20))
	accel_wr32 $((_d + 0x00)) "$3"
	accel_wr32 $((_d + 0x04)) "$4"
	accel_wr32 $((_d + 0x08)) "$5"
	accel_wr32 $((_d + 0x0c)) "$6"
	accel_wr32 $((_d + 0x14)) "$7"
	accel_wr32 $((_d + 0x18)) "$8"
	accel_wr32 $((_d + 0x10)) "$9"
	accel_wr32 $(($1 + 4)) $(($(accel_rd32 $(($1 + 4))) | 2))
}

# accel_prog_decoder HDM N BASE SIZE TL CTRL: the same with 64-bit BASE and
# SIZE below 2^63 and a 32-bit target list or DPA skip.
accel_prog_decoder() {
	accel_prog_decoder_raw "$1" "$2" $(($3 & 0xffffffff)) $(($3 >> 32)) \
		$(($4 & 0xffffffff)) $(($4 >> 32)) $(($5 & 0xffffffff)) 0 "$6"
}

# accel_clear_decoder HDM N: uncommit decoder N and zero it.
accel_clear_decoder() {
	_d=$(($1 + 0x10 + $2 * 0x20))
	for _o in 0x10 0x00 0x04 0x08 0x0c 0x14 0x18; do
		accel_wr32 $((_d + _o)) 0
	done
}

# Decoder Control: Commit, device coherent (HDM-D), 1 way, 256 bytes
ACCEL_CTRL_COMMIT=0x200

# accel_firmware_path BASE SIZE [TARGET-DELTA]: what firmware would leave:
# endpoint decoder 0 and decoder 0 of every hop with HDM decoders
# committed for [BASE, BASE + SIZE), device coherent, DPA 0, each hop's
# target the downstream port on the path (plus TARGET-DELTA: a wrong one);
# the hops and targets as the test finds them (hw_hops).
accel_firmware_path() {
	accel_prog_decoder "$(hw_hdm ep)" 0 "$1" "$2" 0 $ACCEL_CTRL_COMMIT
	hw_hops | while read -r _who _hdm _t; do
		accel_prog_decoder "$_hdm" 0 "$1" "$2" $((_t + ${3:-0})) $ACCEL_CTRL_COMMIT
	done
}

# accel_clear_path: decoder 0 of the endpoint and of every hop cleared.
accel_clear_path() {
	hw_hops | while read -r _who _hdm _t; do
		accel_clear_decoder "$_hdm" 0
	done
	accel_clear_decoder "$(hw_hdm ep)" 0
}

# accel_committed_snapshot: every committed decoder on the device's path,
# all its fields, from the registers: to compare before and after something
# that must not touch them.  (The CXL core writes the control register of
# uncommitted decoders when it enumerates a port.)
accel_committed_snapshot() {
	[ -n "${HW_HDMS:-}" ] || hw_path_cache "$ACCEL_BDF"
	echo "$HW_HDMS" | while read -r _who _hdm _n; do
		_i=0
		while [ $_i -lt "$_n" ]; do
			_l=$(hw_decoder "$_hdm" $_i)
			case $_l in
			committed=1*) echo "$_who $_i $_l" ;;
			esac
			_i=$((_i + 1))
		done
	done
}

# accel_expect_adopt_refusal RC PATTERN: the last adopt failed with RC, one
# kernel line matching PATTERN says why, nothing is claimed and no region
# exists; the caller compares the decoders (adoption never writes them).
accel_expect_adopt_refusal() {
	expect_eq "adoption refused with $1" "$(accel_status rc)" "$1"
	check "one line says why: $2" sh -c "dmesg | grep -q -E '$2'"
	if grep -q "cxl_accel $ACCEL_BDF" /proc/iomem; then
		notok "nothing claimed after the refusal" "$(grep cxl_accel /proc/iomem)"
	else
		ok "nothing claimed after the refusal"
	fi
	expect_eq "no region or reservation after the refusal" \
		"$(cat /sys/kernel/debug/cxl_accel/stats)" "regions=0 dpas=0 maps=0 parked=0"
}

# accel_memdev_by_sn SN: the CXL core's memdev for the device with serial
# SN, if it has one.
accel_memdev_by_sn() {
	for _m in "$CXLT_BUS"/mem*; do
		[ -e "$_m/serial" ] || continue
		[ "$(($(cat "$_m/serial")))" -eq $(($1)) ] && { basename "$_m"; return 0; }
	done
	return 1
}

# accel_core_region HPA: the CXL core's region whose resource starts at HPA.
accel_core_region() {
	for _r in "$CXLT_BUS"/region*; do
		[ -e "$_r/resource" ] || continue
		[ "$(($(cat "$_r/resource")))" -eq $(($1)) ] && { basename "$_r"; return 0; }
	done
	return 1
}

# netdev_layout KEY: a value of cxl_accel_netdev's layout page for the
# device at $ACCEL_BDF (hpa, dpa, size, tx_ring, rx_buf, ...).
netdev_layout() {
	sed -n "s/^$1=//p" "/sys/kernel/debug/cxl_accel_netdev/$ACCEL_BDF/layout"
}

# netdev_loopback ND: two addresses, 10.0.0.1 and 10.0.0.2, on the one
# loopback wire of cxl_accel_netdev's interface ND.  What leaves from
# 10.0.0.1 to 10.0.0.2 comes back in on ND, where the local table applies
# first, so 10.0.0.2 answers and the reply loops back the same way.  No
# ARP (frames go to our own MAC), no IPv6: only the pings' frames.  The
# link is left as it was.
# netdev_check_restored ND BEFORE CLAIM WHEN: after a reset of the
# example netdev's device, the path's decoders read as BEFORE, the claim
# is CLAIM, ND is up with carrier and frames go round through the region
# again; five checks, WHEN ("the reset") ending their names.
netdev_check_restored() {
	expect_eq "every decoder of the path reads back as before (registers)" \
		"$(hw_decoders "$ACCEL_BDF")" "$2"
	expect_eq "the claim is where it was (/proc/iomem)" \
		"$(grep "cxl_accel $ACCEL_BDF" /proc/iomem)" "$3"
	expect_eq "up, with carrier" \
		"$(($(cat "/sys/class/net/$1/flags") & 1)) $(cat "/sys/class/net/$1/carrier")" "1 1"
	_rx=$(cat "/sys/class/net/$1/statistics/rx_packets")
	check "ping through the region after $4" ping -c 4 -W 5 -I 10.0.0.1 10.0.0.2
	check "frames came back after $4" \
		[ "$(cat "/sys/class/net/$1/statistics/rx_packets")" -ge $((_rx + 8)) ]
}

# netdev_start ND: cxlt_netdev_load, then interface ND with its loopback
# addresses, up, and a ping through the region: three checks; if ND was
# not registered, one failure and the end of the test.
netdev_start() {
	cxlt_netdev_load
	if [ ! -e "/sys/class/net/$1" ]; then
		notok "$1 registered" "$(dmesg | tail -n 5)"
		exit 0
	fi
	netdev_loopback "$1"
	ip link set "$1" up
	check "ping through the region" ping -c 2 -W 5 -I 10.0.0.1 10.0.0.2
}

netdev_loopback() {
	echo 1 > "/proc/sys/net/ipv6/conf/$1/disable_ipv6"
	echo 1 > "/proc/sys/net/ipv4/conf/$1/accept_local"
	ip link set "$1" arp off
	ip addr add 10.0.0.1/24 dev "$1"
	ip addr add 10.0.0.2/24 dev "$1"
	ip rule add iif "$1" table local pref 100
	ip rule add table local pref 40000
	ip rule del pref 0
}

# netdev_oracle_expect DPA TXN RXN FRAMES LEN MAC: the oracle lines for
# region nd0 of cxl_accel_netdev after FRAMES frames of LEN bytes each way
# (ping's echo requests and replies between 10.0.0.1 and 10.0.0.2 on the
# loopback wire of netdev_loopback, from the interface with MAC), on
# rings of TXN and RXN slots, the region at DPA; the layout from
# netdev_layout.  Only what the test can compute, never what it reads
# back through the mapping under test (a stray write read back would be
# reported as written).  Byte by byte, the rings and the buffers in use:
#  - descriptors (the driver's format, cxl_accel_netdev.c): addr is the
#    DPA of the slot's buffer; a TX slot that sent a frame keeps its
#    length and CRC, its flags cleared by the reclaim; an RX slot is
#    posted again (OWN), length and CRC cleared.  Only the CRC is opaque.
#  - frames: Ethernet to our own MAC from it (ARP off), IPv4 without
#    options, TTL 64, ICMP echo, ping's pattern; opaque are what the
#    kernel and ping choose: IP ID and DF bit, IP checksum, ICMP code,
#    checksum, identifier and sequence, and ping's 4-byte timestamp.
# Everything else is unreported, so the oracle checks it is zero: the
# rest of each descriptor and each buffer after its frame, unused slots,
# the rest of the region.  Frame k (ping k / 2 + 1's request if k is
# even, its reply if odd) went to TX slot k mod TXN and RX slot k mod
# RXN, and a slot keeps the last frame written to it.
netdev_oracle_expect() {
	awk -v id=nd0 -v dpa=$(($1)) -v mac="$6" \
	    -v txr=$(($(netdev_layout tx_ring))) -v rxr=$(($(netdev_layout rx_ring))) \
	    -v txb=$(($(netdev_layout tx_buf))) -v rxb=$(($(netdev_layout rx_buf))) \
	    -v ds="$(netdev_layout desc_size)" -v bs="$(netdev_layout buf_size)" \
	    -v txn="$2" -v rxn="$3" -v frames="$4" -v len="$5" '
	# T[i]: the byte expected at i, two hex digits, or "" if opaque (W[i]
	# says what it is).  Zero bytes are left unreported where they can
	# be: the stray check then sees to them.
	function clear(n,   i) { for (i = 0; i < n; i++) { T[i] = "00"; W[i] = "" } }
	function le(at, v, n,   i) {
		for (i = 0; i < n; i++) { T[at + i] = sprintf("%02x", v % 256); v = int(v / 256) }
	}
	function hex(at, h,   i) { for (i = 0; 2 * i < length(h); i++) T[at + i] = substr(h, 2 * i + 1, 2) }
	function opaque(at, n, what,   i) { for (i = 0; i < n; i++) { T[at + i] = ""; W[at + i] = what } }
	function known(i, w,   j) { for (j = 0; j < w; j++) if (T[i + j] == "") return 0; return 1 }
	# emit OFF N: T[0 .. N - 1], at region offset OFF, as oracle lines
	function emit(off, n,   i, j, w, v) {
		for (i = 0; i < n; i += w) {
			if (T[i] == "") {
				for (w = 1; i + w < n && T[i + w] == "" && W[i + w] == W[i]; w++)
					;
				printf "oracle opaque %s offset=0x%x len=%d what=%s\n", id, off + i, w, W[i]
				continue
			}
			for (w = 8; w > 1 && (i + w > n || !known(i, w)); w /= 2)
				;
			v = ""
			for (j = 0; j < w; j++)
				v = T[i + j] v
			if (v !~ /^0+$/)
				printf "oracle write %s offset=0x%x value=0x%s width=%d\n", id, off + i, v, 8 * w
		}
	}
	function frame(k,   i) {
		clear(len)
		split(mac, M, ":")
		for (i = 0; i < 6; i++)
			T[i] = T[6 + i] = M[i + 1]
		hex(12, "0800")				# IPv4
		hex(14, sprintf("4500%04x", len - 14))	# no options, TOS 0, length
		opaque(18, 4, "ip-id-df")		# ID, DF, fragment offset
		hex(22, "4001")				# TTL 64, ICMP
		opaque(24, 2, "ip-csum")
		hex(26, k % 2 ? "0a0000020a000001" : "0a0000010a000002")
		hex(34, k % 2 ? "00" : "08")		# echo reply or request
		opaque(35, 11, "icmp-ping-ts")		# code .. sequence, timestamp
		for (i = 46; i < len; i++)		# the pattern
			T[i] = sprintf("%02x", 65 + int(k / 2))
	}
	BEGIN {
		for (rx = 0; rx < 2; rx++) {
			n = rx ? rxn : txn
			for (s = 0; s < n; s++) {
				clear(ds)
				le(0, dpa + (rx ? rxb : txb) + s * bs, 8)	# addr
				if (rx) {
					hex(14, "0100")			# flags: OWN
				} else if (s < frames) {
					opaque(8, 4, "tx-crc")
					le(12, len, 2)
				}
				emit((rx ? rxr : txr) + s * ds, ds)
				if (s >= frames)
					continue
				frame(s + int((frames - 1 - s) / n) * n)
				emit((rx ? rxb : txb) + s * bs, len)
			}
		}
	}'
}

# netdev_oracle_summary FILE: what netdev_oracle_expect told the oracle.
netdev_oracle_summary() {
	echo "$(grep -c '^oracle write' "$1") writes, $(grep -c '^oracle opaque' "$1") opaque ranges of $(awk -F 'len=' '/^oracle opaque/ { n += $2 } END { print n + 0 }' "$1") bytes"
}

# --- The hardware, read without cxl_accel ----------------------------------
#
# Where the HDM decoders of a device's path are, and what they decode, from
# what cxl_accel does not control: config space (Register Locator DVSEC,
# PCIe capability), the BARs in sysfs, the CEDT's CHBS for the host bridge,
# the host bridge's ACPI _UID, and the registers themselves through
# /dev/mem (tests that use these boot with iomem=relaxed: the CXL core
# requests the ports' register blocks).

# hw_u32 ADDR: the 32-bit register at physical ADDR, in decimal.  Through
# the test's own reader module (tests/modules/cxlt_peek), which sees the
# registers the kernel's drivers have requested without iomem=relaxed;
# through /dev/mem (busybox devmem) where that module is not there.
hw_u32() {
	if [ -d /sys/kernel/debug/cxlt_peek ] ||
	   { [ -e "$MODDIR/cxlt_peek.ko" ] && insmod "$MODDIR/cxlt_peek.ko"; }; then
		printf '%#x\n' "$1" > /sys/kernel/debug/cxlt_peek/addr &&
			read -r _v < /sys/kernel/debug/cxlt_peek/u32 &&
			printf '%d\n' "$_v"
	else
		printf '%d\n' "$(devmem "$(printf '0x%x' "$1")" 32)"
	fi
}

# pcie_type BDF: the PCIe Device/Port Type (5: switch upstream port).
pcie_type() {
	_c=$(pci_cap "$1" 0x10)
	[ -n "$_c" ] && echo $(( ($(cfg_u32 "$1" "$_c") >> 20) & 0xf ))
}

# hw_comp_block BDF: the physical address of the function's component
# registers: Register Locator DVSEC (CXL vendor 0x1e98, ID 8), block
# identifier 1, BAR from sysfs plus the offset.
hw_comp_block() {
	_c=$(pci_ext_cap "$1" 0x23 0x1e98 8)
	[ -n "$_c" ] || return 1
	_len=$((($(cfg_u32 "$1" $((_c + 4))) >> 20) & 0xfff))
	_o=$((_c + 0xc))
	while [ $((_o + 8)) -le $((_c + _len)) ]; do
		_lo=$(cfg_u32 "$1" $_o)
		_hi=$(cfg_u32 "$1" $((_o + 4)))
		if [ $(((_lo >> 8) & 0xff)) -eq 1 ]; then
			# the BAR's start: line BIR + 1 of the resource file
			_n=0
			while read -r _bar _x; do
				[ $_n -eq $((_lo & 7)) ] && break
				_n=$((_n + 1))
			done < "/sys/bus/pci/devices/$1/resource"
			echo $((_bar + (_hi << 32) + (_lo & 0xffff0000)))
			return 0
		fi
		_o=$((_o + 8))
	done
	return 1
}

# hw_hdm_in_block BASE: the address of the HDM Decoder Capability (ID 5)
# in the CXL.cachemem capability array at BASE + 0x1000; fails if none.
hw_hdm_in_block() {
	_a=$(($1 + 0x1000))
	_n=$((($(hw_u32 $_a) >> 24) & 0xff))
	_i=1
	while [ $_i -le "$_n" ]; do
		_e=$(hw_u32 $((_a + 4 * _i)))
		[ $((_e & 0xffff)) -eq 5 ] && { echo $((_a + ((_e >> 20) & 0xfff))); return 0; }
		_i=$((_i + 1))
	done
	return 1
}

# hw_cedt_chbs UID: the component register base of the host bridge with
# that _UID, from the CEDT's CHBS (type 0: UID at +4, base at +16).
hw_cedt_chbs() {
	od -A n -v -t u1 -w1 /sys/firmware/acpi/tables/CEDT |
	awk -v uid="$1" '{ b[n++] = $1 }
		function le(o, k,   v, i) { v = 0; for (i = k - 1; i >= 0; i--) v = v * 256 + b[o + i]; return v }
		END { o = 36
			while (o + 4 <= n) {
				t = b[o]; l = le(o + 2, 2); if (l < 4) exit 1
				if (t == 0 && le(o + 4, 4) == uid) { printf "%.0f\n", le(o + 16, 8); exit 0 }
				o += l }
			exit 1 }'
}

# hw_path_hdms BDF: one line per component on the device's path that has
# an HDM Decoder Capability, from the device up: "ep ADDR", "usp BDF ADDR"
# for each switch upstream port, "hb UID ADDR" for the host bridge.
hw_path_hdms() {
	_r=$(readlink -f "/sys/bus/pci/devices/$1")
	_h=$(hw_comp_block "$1") && _h=$(hw_hdm_in_block "$_h") && echo "ep $_h"
	_d=${_r%/*}
	while [ -n "$_d" ] && [ "$_d" != /sys/devices ]; do
		_b=${_d##*/}
		case $_b in
		pci*)
			_uid=$(cat "$_d/firmware_node/uid" 2>/dev/null)
			_c=$(hw_cedt_chbs "$_uid") && _h=$(hw_hdm_in_block "$_c") &&
				echo "hb $_uid $_h"
			return 0
			;;
		esac
		if [ "$(pcie_type "$_b")" = 5 ]; then
			_c=$(hw_comp_block "$_b") && _h=$(hw_hdm_in_block "$_c") &&
				echo "usp $_b $_h"
		fi
		_d=${_d%/*}
	done
}

# hw_hdm_count HDM: how many decoders the capability has (CXL 3.1
# 8.2.4.20.1: 0 means 1, then 2 per step up to 8 -> 16, then 4 per step).
hw_hdm_count() {
	_e=$(($(hw_u32 "$1") & 0xf))
	if [ $_e -eq 0 ]; then echo 1
	elif [ $_e -le 8 ]; then echo $((_e * 2))
	else echo $(((_e - 4) * 4)); fi
}

# hw_path_cache BDF: remember the device's HDM decoder capabilities and
# their decoder counts in HW_HDMS ("WHO ADDR COUNT" lines), so that
# hw_decoders need not walk config space again (on the debug kernel that
# walk takes seconds).
hw_path_cache() {
	HW_HDMS_BDF=$1
	HW_HDMS=$(hw_path_hdms "$1" | while read -r _who _x _y; do
		if [ "$_who" = ep ]; then
			echo "ep $_x $(hw_hdm_count "$_x")"
		else
			echo "$_who:$_x $_y $(hw_hdm_count "$_y")"
		fi
	done)
}

# hw_cedt_cfmws: one line per CFMWS of the CEDT (type 1; CXL 3.1 9.18.1.3):
# "BASE SIZE ENIW RESTRICTIONS TARGET0", in decimal, in table order.
hw_cedt_cfmws() {
	od -A n -v -t u1 -w1 /sys/firmware/acpi/tables/CEDT |
	awk '{ b[n++] = $1 }
		function le(o, k,   v, i) { v = 0; for (i = k - 1; i >= 0; i--) v = v * 256 + b[o + i]; return v }
		END { o = 36
			while (o + 4 <= n) {
				t = b[o]; l = le(o + 2, 2); if (l < 4) exit 1
				if (t == 1)
					printf "%.0f %.0f %d %d %d\n", le(o + 8, 8), le(o + 16, 8),
						b[o + 24], le(o + 32, 2), le(o + 36, 4)
				o += l }
		}'
}

# hw_expect_hpa BDF SIZE [ALIGN]: where a first-fit request of SIZE bytes
# for the device must land, worked out without cxl_accel: the first CFMWS
# in CEDT order that targets the device's host bridge (its PCI root's
# _UID) alone and allows device-coherent volatile memory (restrictions
# bits 0 and 2), the lowest ALIGN-aligned (default 256 MiB) range in it
# that no /proc/iomem range inside the window overlaps and that starts
# above every decoder committed on the path (they commit in HPA order).
# Prints "none" if there is no such range.
hw_expect_hpa() {
	_r=$(readlink -f "/sys/bus/pci/devices/$1")
	_r=${_r#/sys/devices/}
	_uid=$(cat "/sys/devices/${_r%%/*}/firmware_node/uid")
	_al=$((${3:-0x10000000}))
	_floor=0
	for _x in $(hw_decoders "$1" | sed 's/.* base=\([^ ]*\) size=\(.*\)/\1+\2/'); do
		[ $((${_x})) -gt $_floor ] && _floor=$((${_x}))
	done
	_w=$(hw_cedt_cfmws | awk -v u="$_uid" '$3 == 0 && int($4 / 4) % 2 == 1 && $4 % 2 == 1 && $5 == u { print $1, $2; exit }')
	if [ -z "$_w" ]; then
		echo none
		return
	fi
	_ws=${_w% *}
	_we=$((_ws + ${_w#* } - 1))
	_c=$(( (_ws > _floor ? _ws : _floor) ))
	_c=$(( (_c + _al - 1) / _al * _al ))
	for _u in $(awk -v a="$(printf '%016x' "$_ws")" -v b="$(printf '%016x' "$_we")" -F ' : ' '{
		split($1, r, "-"); s = r[1]; e = r[2]; gsub(/ /, "", s);
		while (length(s) < 16) s = "0" s; while (length(e) < 16) e = "0" e;
		if (a <= s && e <= b && !(a == s && e == b)) print s "-" e }' /proc/iomem | sort); do
		_us=$((0x${_u%-*}))
		_ue=$((0x${_u#*-}))
		[ $_ue -lt $_c ] && continue
		[ $_us -gt $((_c + $2 - 1)) ] && break
		_c=$(( (_ue + 1 + _al - 1) / _al * _al ))
	done
	if [ $((_c + $2 - 1)) -le $_we ]; then
		printf '%#x\n' $_c
	else
		echo none
	fi
}

# hw_decoder HDM N: decoder N of the HDM decoder capability at HDM, as
# "committed=0|1 lock=0|1 type2=0|1 base=0x.. size=0x.. ways=W skip=0x..
# target0=P" (CXL 2.0 8.2.5.12: Lock On Commit is Control bit 8, Committed
# bit 10, Target Device Type bit 12 (0: a Type 2 device, HDM-D); Interleave
# Ways bits 7:4; the Target List / DPA Skip registers read as a DPA skip
# at a device, as a target list, port number of target 0 in bits 7:0, at
# a port: both are printed, the caller knows which it is).
hw_decoder() {
	_d=$(($1 + 0x10 + $2 * 0x20))
	_c=$(hw_u32 $((_d + 0x10)))
	_iw=$(((_c >> 4) & 0xf))
	if [ $_iw -lt 8 ]; then _w=$((1 << _iw)); else _w=$((3 << (_iw - 8))); fi
	_tl=$(hw_u32 $((_d + 0x14)))
	printf 'committed=%d lock=%d type2=%d base=%#x size=%#x ways=%d skip=%#x target0=%d\n' \
		$(((_c >> 10) & 1)) $(((_c >> 8) & 1)) $((((_c >> 12) & 1) ^ 1)) \
		$(( ($(hw_u32 $((_d + 4))) << 32) | ($(hw_u32 $_d) & 0xf0000000) )) \
		$(( ($(hw_u32 $((_d + 0xc))) << 32) | ($(hw_u32 $((_d + 8))) & 0xf0000000) )) \
		$_w $(( ($(hw_u32 $((_d + 0x18))) << 32) | (_tl & 0xf0000000) )) $((_tl & 0xff))
}

# hw_path_child BDF WHO: the downstream port on the device's path below
# WHO (usp:BDF, hb:UID of hw_path_cache): the switch's downstream port,
# the host bridge's root port.
hw_path_child() {
	_r=$(readlink -f "/sys/bus/pci/devices/$1")
	case $2 in
	usp:*) _r=${_r#*/"${2#usp:}"/} ;;
	hb:*) _r=${_r#/sys/devices/pci*/} ;;
	esac
	echo "${_r%%/*}"
}

# hw_port_number BDF: the port's Port Number (PCIe Link Capabilities bits
# 31:24), which is what a target list names it by.
hw_port_number() {
	echo $((($(cfg_u32 "$1" $(($(pci_cap "$1" 0x10) + 0xc))) >> 24) & 0xff))
}

# hw_sees_device CHECK: the control of a "nothing committed" check from
# the registers: the reader found the device's HDM decoder capability,
# with a decoder count that is not all ones' (it could not see a committed
# decoder otherwise).  If not, CHECK fails here, with the reason.
hw_sees_device() {
	[ -n "${HW_HDMS:-}" ] || hw_path_cache "$ACCEL_BDF"
	case $(echo "$HW_HDMS" | sed -n 's/^ep [0-9]* \([0-9]*\)$/\1/p') in
	1 | 2 | 4 | 6 | 8 | 10 | 12 | 14 | 16 | 20 | 24 | 28 | 32) return 0 ;;
	esac
	notok "$1" "control: the reader sees no sane HDM decoder capability at $ACCEL_BDF ($HW_HDMS)"
	return 1
}

# hw_decoders BDF: every committed HDM decoder on the device's path, one
# line each: "WHO N base=0x.. size=0x.." (WHO: ep, usp:BDF, hb:UID).
hw_decoders() {
	[ -n "${HW_HDMS:-}" ] || hw_path_cache "$1"
	echo "$HW_HDMS" | while read -r _who _hdm _n; do
		_i=0
		while [ $_i -lt "$_n" ]; do
			_d=$((_hdm + 0x10 + _i * 0x20))
			if [ $(($(hw_u32 $((_d + 0x10))) & 0x400)) -ne 0 ]; then
				printf '%s %d base=%#x size=%#x\n' "$_who" $_i \
					$(( ($(hw_u32 $((_d + 4))) << 32) | ($(hw_u32 $_d) & 0xf0000000) )) \
					$(( ($(hw_u32 $((_d + 0xc))) << 32) | ($(hw_u32 $((_d + 8))) & 0xf0000000) ))
			fi
			_i=$((_i + 1))
		done
	done
}
