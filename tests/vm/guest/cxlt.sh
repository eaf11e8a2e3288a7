# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest-side helpers for test scripts (busybox sh).  Sourced by /init and by
# every /test.sh.  Results are TAP lines on /dev/ttyS1:
#	ok - name | not ok - name | # diagnostic | end
# echoed to the console as well for people reading the serial log.

CXLT_OUT=/dev/ttyS1

cxlt_emit() {
	echo "$*" > "$CXLT_OUT"
	echo "CXLT $*"
}

diag() {
	for l in "$@"; do
		cxlt_emit "# $l"
	done
}

ok() {
	cxlt_emit "ok - $1"
}

# notok NAME [DIAG...]
notok() {
	cxlt_emit "not ok - $1"
	shift
	[ $# -gt 0 ] && diag "$@"
	return 0
}

# check NAME CMD...: ok if CMD succeeds; otherwise not ok with its output.
check() {
	_n=$1
	shift
	if _o=$("$@" 2>&1); then
		ok "$_n"
	else
		notok "$_n" "command failed: $*"
		echo "$_o" | tail -n 10 | while IFS= read -r l; do diag "  $l"; done
	fi
}

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		notok "$1" "got '$2', want '$3'"
	fi
}

cxlt_start() {
	stty -F "$CXLT_OUT" raw -echo 2>/dev/null
	cxlt_emit "# guest $(uname -r) up after $(cut -d' ' -f1 /proc/uptime) s"
}

cxlt_finish() {
	cxlt_emit "# guest done after $(cut -d' ' -f1 /proc/uptime) s"
	cxlt_emit "end"
}

# cxlt_cmdline KEY: the value of KEY=... on the kernel command line.
cxlt_cmdline() {
	for a in $(cat /proc/cmdline); do
		case $a in "$1"=*) echo "${a#*=}" ;; esac
	done
}

# Read config space of a PCI function: cfg_u32 BDF OFFSET
cfg_u32() {
	od -A n -t u4 -j "$2" -N 4 "/sys/bus/pci/devices/$1/config" | tr -d ' '
}

# pci_dsn BDF: the PCIe Device Serial Number (extended capability 0x0003),
# which QEMU's cxl-type3 takes from sn=; empty if absent.
pci_dsn() {
	_p=256
	while [ "$_p" -ne 0 ]; do
		_h=$(cfg_u32 "$1" $_p)
		[ -z "$_h" ] || [ "$_h" -eq 0 ] && return
		if [ $((_h & 0xffff)) -eq 3 ]; then
			printf '0x%x\n' $(( ($(cfg_u32 "$1" $((_p + 8))) << 32) | $(cfg_u32 "$1" $((_p + 4))) ))
			return
		fi
		_p=$(( (_h >> 20) & 0xffc ))
	done
}

# pci_by_sn SN: the PCI address of the function with that serial number.
pci_by_sn() {
	for _d in /sys/bus/pci/devices/*; do
		[ "$(pci_dsn "${_d##*/}")" = "$(printf '0x%x' "$1")" ] && { echo "${_d##*/}"; return 0; }
	done
	return 1
}

# cxlt_takeover SN DRIVER: reserve the device with serial SN for DRIVER
# before cxl_pci can bind it (unbinding after the kernel committed decoders
# would make the kernel reset them).
cxlt_takeover() {
	_bdf=$(pci_by_sn "$1") || { notok "takeover $1 for $2" "no PCI function with serial $1"; return 1; }
	echo "$2" > "/sys/bus/pci/devices/$_bdf/driver_override"
	diag "device $1 ($_bdf) reserved for $2"
}

# The kernel stayed healthy: no WARN (taint W), no oops (taint D), no
# BUG/lockdep/kmemleak report in the log.
cxlt_kernel_healthy() {
	_t=$(cat /proc/sys/kernel/tainted)
	if [ $((_t & (512 | 128))) -ne 0 ]; then
		notok "kernel not tainted by a warning or oops" "tainted=$_t"
		dmesg | grep -E -A 12 'WARNING:|BUG:|Oops' | head -n 40 | while IFS= read -r l; do diag "  $l"; done
	elif dmesg | grep -q -E 'BUG:|Oops|possible circular locking|unreferenced object'; then
		notok "kernel not tainted by a warning or oops" "$(dmesg | grep -m 1 -E 'BUG:|Oops|possible circular|unreferenced object')"
	else
		ok "kernel not tainted by a warning or oops"
	fi
}

# cxlt_wait COUNT SECONDS GLOB: wait until GLOB matches COUNT paths.
cxlt_wait() {
	_i=0
	while [ $_i -lt $(($2 * 10)) ]; do
		# shellcheck disable=SC2086 # GLOB is meant to expand
		[ "$(ls -d $3 2>/dev/null | wc -l)" -ge "$1" ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
