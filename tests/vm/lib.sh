# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Host side of the guest tests: build an initramfs for a Debian kernel and a
# test, boot it under QEMU (TCG) with a CXL topology, and turn what the
# guest reported on its result port into TAP lines.
#
# A guest test is tests/vm/tests/NAME.sh, run as /test.sh in the guest, with
# a header of "#@ key: value" lines:
#	#@ topology: direct [switch ...]    tests/vm/topologies/NAME.topo; a
#	                                    list runs the test once per topology
#	#@ topology SERIES: direct          ...on that kernel, only these (a
#	                                    subset of the list above: where the
#	                                    kernels do not differ, one kernel
#	                                    covers the others' topologies)
#	#@ kernels: 6.1 6.12 7.2 7.3        series it runs on (default: all)
#	#@ tier: smoke debug                also on the kernels of these tiers
#	                                    (tests/lib/kernels.conf)
#	#@ modules: cxl_accel cxl_accel_test  our modules it needs
#	#@ takeover: t0=cxl_accel_test      reserve device t0 for a driver
#	#@ tools: lspci cxl                 extra user-space tools (cxl-accel:
#	                                    ours, from src/tools, static)
#	#@ oracle: yes                      check backing files afterwards
#	#@ oracle: expect-fail CHECK...     ...and the guest's report is wrong on
#	                                    purpose: CHECKs must fail (oracle.py)
#	#@ timeout: 300                     seconds (default 240; three times
#	                                    that on a debug kernel)
#	#@ skip: SERIES TOPOLOGY REASON     not that combination, say why (SKIP)
#	#@ append: ARGS                     more kernel command line
#	#@ qmp: [EVENT DEVICE]...           QEMU acts for the guest: its "qmp"
#	                                    and "hmp" lines (cxlt_qmp) go to
#	                                    QEMU's monitor (qmp.py); every one
#	                                    must succeed and each EVENT be seen
#	                                    for DEVICE (a QEMU id); "pci-gone
#	                                    DEVICE": query-pci listed it first,
#	                                    not last; DEVICE "-": an event of
#	                                    the machine (SUSPEND, WAKEUP)
#	#@ qemu: ARGS                       more QEMU arguments
#	#@ boot: vmlinuz                    boot Debian's compressed image even
#	                                    where a PVH ELF of it is cached
#	#@ cpu: MODEL                       QEMU -cpu (default max,hypervisor=off)
#	#@ cedt: restrictions=0x0e          boot with QEMU's CEDT, its windows'
#	                                    restrictions patched (initrd ACPI
#	                                    table upgrade; cedt_patch.py)
#	#@ plan: N                          the guest reports exactly N results
#	#@ plan: SERIES TOPOLOGY N          ...on that kernel and topology (either
#	                                    may be *); the most specific line
#	                                    wins.  Every test has a plan: fewer
#	                                    or more results than planned fail,
#	                                    so a loop that found nothing to
#	                                    check cannot pass in silence.

# shellcheck source=tests/lib/assets.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/assets.sh"
# shellcheck source=tests/lib/kbuild.sh
. "$TOP/tests/lib/kbuild.sh"

VM=$TOP/tests/vm
VMOUT=$OUT/vm
# Where a guest's "#@ modules:" come from: <dir>/<release>/<module>.ko.  The
# packaging tests point it at what DKMS built.
VM_MODULE_DIR=${VM_MODULE_DIR:-$OUT/modules}
# The first word of guest test names ("vm 6.12 module_load: ...").
VM_TEST_PREFIX=${VM_TEST_PREFIX:-vm}

# Kernel modules every guest may need; dependencies are resolved per kernel.
# Some are built in on some kernels, which is fine.
# pktgen: make bench's packet source for the example netdev (tests/bench)
GUEST_KMODS="cxl_acpi cxl_pci cxl_mem cxl_port cxl_pmem dax_cxl dax_hmem
	device_dax kmem nd_pmem pktgen"

# test_meta FILE KEY: the value of "#@ KEY: value" in a test script.
test_meta() {
	sed -n "s/^#@ $2: *//p" "$1" | head -n 1
}

# test_topologies FILE SERIES: the topologies the test runs on that kernel:
# its "#@ topology SERIES:" line (a kernel built from a series' source
# takes the series' line unless it has its own), else "#@ topology:".
# One outside the main list is an error.
test_topologies() {
	awk -v s="$2" -v b="${2%%-*}" '$1 == "#@" {
		if ($2 == "topology:") { all = $0; sub(/^#@ topology: */, "", all) }
		else if ($2 == "topology" && ($3 == s ":" || $3 == b ":")) {
			v = $0; sub(/^#@ topology [^:]*: */, "", v)
			if ($3 == s ":") own = v; else base = v } }
		END {
			pick = own != "" ? own : base != "" ? base : all
			n = split(all, a, " "); for (i = 1; i <= n; i++) known[a[i]] = 1
			m = split(pick, p, " ")
			for (i = 1; i <= m; i++) if (!(p[i] in known)) {
				print "topology " p[i] " is not in the test'"'"'s #@ topology: list" > "/dev/stderr"; exit 1 }
			print pick }' "$1"
}

# test_plan FILE SERIES TOPOLOGY: the number of results planned for that
# combination ("#@ plan:" lines, the most specific wins); fails if none.
# A kernel built from a series' source (6.12-debug) takes that series'
# lines (6.12) unless it has its own.
test_plan() {
	awk -v s="$2" -v b="${2%%-*}" -v t="$3" '$1 == "#@" && $2 == "plan:" {
		if (NF == 3) { score = 0; n = $3 }
		else if (NF == 5 && ($3 == s || $3 == b || $3 == "*") && ($4 == t || $4 == "*")) {
			score = ($3 == s) * 4 + ($3 == b) * 2 + ($4 == t) + 1; n = $5 }
		else next
		if (score >= best) { best = score; plan = n; found = 1 } }
		END { if (found) print plan; exit !found }' "$1"
}

# test_skip FILE SERIES TOPOLOGY: the reason this combination is skipped,
# from a "#@ skip: SERIES TOPOLOGY REASON" line; fails if it is not.
test_skip() {
	awk -v s="$2" -v b="${2%%-*}" -v t="$3" '$1 == "#@" && $2 == "skip:" && ($3 == s || $3 == b) && $4 == t {
		$1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print; found = 1; exit }
		END { exit !found }' "$1"
}

# host_tool_files TOOL: the binary and every shared library it loads.
host_tool_files() {
	local bin

	bin=$(command -v "$1") || return 1
	echo "$bin"
	ldd "$bin" | awk '/=>/ && $3 ~ /^\// { print $3 } /^\t\/lib/ { print $1 }'
}

# vm_tool_cxl_accel: the project's own command, built static (json-c only)
# for the busybox guests from this tree's src/tools (make: nothing to do
# once it is up to date).
_vm_tool_cxl_accel() {
	tool_deps >&2 || return 1
	mkdir -p "$OUT/tools"
	make -s -C "$TOP/src/tools" static > "$OUT/tools/build.log" 2>&1 || {
		echo "cxl-accel did not build: $OUT/tools/build.log" >&2
		return 1
	}
	echo "$TOP/src/tools/cxl-accel-static"
}

vm_tool_cxl_accel() {
	with_named_lock tool-cxl-accel _vm_tool_cxl_accel
}

# Tools a test may ask for, and the host package that provides each.
tool_package() {
	case $1 in
	lspci) echo pciutils ;;
	cxl) echo ndctl ;;
	kmod) echo kmod ;;
	ethtool) echo ethtool ;;
	setpriv) echo util-linux ;;
	*) return 1 ;;
	esac
}

# vm_base SERIES: a staged initramfs tree with busybox, /init, the guest
# helpers and the kernel's CXL modules (uncompressed, depmod'ed).  Built
# once per kernel and run; tests copy it with hard links.
_vm_base() {
	local series=$1 rel img base tmp m f rel_path

	rel=$(kernel_release "$series") || return 1
	img=$(kernel_image "$series") || return 1
	base=$VMOUT/base/$rel
	# An XZ image boots its uncompressed ELF through PVH (kimage.py: the
	# decompressor took about 6 s of each boot under TCG); once per
	# cached image.
	if [ ! -e "$img/.pvh-checked" ]; then
		if [ "$("$PYTHON" "$VM/kimage.py" compression "$img/vmlinuz")" = xz ]; then
			"$PYTHON" "$VM/kimage.py" pvh "$img/vmlinuz" "$img/vmlinux.pvh.tmp" &&
				mv "$img/vmlinux.pvh.tmp" "$img/vmlinux.pvh" || return 1
		fi
		touch "$img/.pvh-checked"
	fi
	if [ -e "$base/.ready" ] && [ "$base/.ready" -nt "$img/.ready" ] &&
	   [ -z "$(find "$VM/guest" "$VM/lib.sh" -newer "$base/.ready")" ]; then
		return 0
	fi
	tmp=$VMOUT/base/.$rel.tmp
	rm -rf "$tmp" "$base"
	mkdir -p "$tmp"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,lib,etc} \
		 "$tmp/lib/modules/$rel"
	cp /bin/busybox "$tmp/bin/busybox"
	for f in $("$tmp/bin/busybox" --list); do
		[ "$f" = busybox ] || ln -s busybox "$tmp/bin/$f"
	done
	install -m 0755 "$VM/guest/init" "$tmp/init"
	for f in "$VM"/guest/cxlt*.sh; do
		install -m 0644 "$f" "$tmp/lib/${f##*/}"
	done
	# -C /dev/null: the host's modprobe.d must not shape the guest (ndctl's
	# "install libnvdimm ..." would drop libnvdimm from the list)
	for m in $GUEST_KMODS; do
		modprobe -C /dev/null -d "$img" -S "$rel" --show-depends "$m" 2>/dev/null |
			awk '$1 == "insmod" { print $2 }'
	done | sort -u | while read -r f; do
		rel_path=${f#"$img/lib/modules/$rel/"}
		mkdir -p "$tmp/lib/modules/$rel/$(dirname "$rel_path")"
		case $f in
		*.xz)  xz -dc "$f" > "$tmp/lib/modules/$rel/${rel_path%.xz}" ;;
		*.zst) zstd -qdc "$f" > "$tmp/lib/modules/$rel/${rel_path%.zst}" ;;
		*)     cp "$f" "$tmp/lib/modules/$rel/$rel_path" ;;
		esac
	done
	cp "$img/lib/modules/$rel"/modules.{order,builtin,builtin.modinfo} \
		"$tmp/lib/modules/$rel/" 2>/dev/null
	mv "$tmp" "$base"
	touch "$base/.ready"
}

vm_base() {
	with_lock _vm_base "$1"
}

# vm_initramfs SERIES TEST TOPOLOGY DIR: DIR/initrd.cpio for TEST on that
# kernel; /etc/cxlt-facts says what the topology should look like.
vm_initramfs() {
	local series=$1 test=$2 topo=$3 dir=$4 rel tree m t f pkg

	rel=$(kernel_release "$series") || return 1
	tree=$dir/root
	rm -rf "$tree"
	cp -al "$VMOUT/base/$rel" "$tree" || return 1
	install -m 0755 "$test" "$tree/test.sh"
	"$PYTHON" "$VM/topology.py" facts "$topo" > "$tree/etc/cxlt-facts" || return 1
	mkdir -p "$tree/lib/modules/$rel/extra"
	for m in $(test_meta "$test" modules); do
		cp "$VM_MODULE_DIR/$rel/$m.ko" "$tree/lib/modules/$rel/extra/" ||
			{ echo "module $m not built for $rel" >&2; return 1; }
	done
	# the tests' own register reader, for every guest (cxlt_accel.sh hw_u32)
	[ ! -e "$OUT/modules/$rel/cxlt_peek.ko" ] ||
		cp "$OUT/modules/$rel/cxlt_peek.ko" "$tree/lib/modules/$rel/extra/"
	for t in $(test_meta "$test" tools); do
		if [ "$t" = cxl-accel ]; then
			f=$(vm_tool_cxl_accel) || return 1
			install -D -m 0755 "$f" "$tree/usr/bin/cxl-accel"
			continue
		fi
		pkg=$(tool_package "$t") || { echo "unknown tool $t" >&2; return 1; }
		host_install "$pkg" >&2 || return 1
		for f in $(host_tool_files "$t"); do
			mkdir -p "$tree$(dirname "$f")"
			# never through a link of the base tree (busybox's applets)
			rm -f "$tree$f"
			cp -L "$f" "$tree$f"
		done
	done
	[ -n "$(test_meta "$test" tools)" ] && cp /usr/share/misc/pci.ids "$tree/etc/" 2>/dev/null
	if [ -n "$(test_meta "$test" cedt)" ]; then
		f=$(vm_cedt "$series" "$topo") || return 1
		mkdir -p "$tree/kernel/firmware/acpi"
		"$PYTHON" "$VM/cedt_patch.py" "$f" "$tree/kernel/firmware/acpi/cedt.aml" \
			$(test_meta "$test" cedt) || return 1
	fi
	depmod -b "$tree" "$rel" || return 1
	(cd "$tree" && find . | cpio -o -H newc --quiet) > "$dir/initrd.cpio" || return 1
	# the archive holds it all; unpack it to look
	rm -rf "$tree"
}

# vm_cedt SERIES TOPOLOGY: a file with the CEDT QEMU builds for TOPOLOGY,
# read once from a guest and cached (per topology and QEMU version).
#
# The guest jobs of every kernel may ask at once on a cold cache: one
# lock per cached file lets the first fill it while the others wait, each
# writer boots its guest in a directory of its own, and the file appears
# only whole (written aside, then renamed).
vm_cedt() {
	local series=$1 topo=$2 key f

	key=$( (cat "$topo"; qemu-system-x86_64 --version) | md5sum | cut -c1-16)
	f=$CACHE/cedt/$(basename "$topo" .topo)-$key.bin
	[ -s "$f" ] && { echo "$f"; return 0; }
	mkdir -p "$CACHE/cedt" "$VMOUT" || return 1
	(
		flock -x 8
		_vm_cedt_fill "$series" "$topo" "$f"
	) 8> "$f.lock" || return 1
	echo "$f"
}

# _vm_cedt_fill SERIES TOPOLOGY FILE: boot dump-cedt.sh and write FILE,
# unless a job that held the lock before us already did.
_vm_cedt_fill() {
	local series=$1 topo=$2 f=$3 dir line

	[ -s "$f" ] && return 0
	dir=$(mktemp -d "$VMOUT/cedt-$(basename "$topo" .topo).XXXXXX") || return 1
	vm_initramfs "$series" "$VM/guest/dump-cedt.sh" "$topo" "$dir" >&2 &&
		vm_boot "$series" "$topo" "$dir" 120 || return 1
	line=$(sed -n 's/^cedt \([0-9a-f]*\).*/\1/p' "$dir/results.log" | head -n 1)
	[ -n "$line" ] || { echo "no CEDT from the guest; see $dir" >&2; return 1; }
	echo "$line" | "$PYTHON" -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.stdin.read().strip()))' \
		> "$f.$$.tmp" && mv "$f.$$.tmp" "$f" || return 1
	rm -rf "$dir"
}

# vm_boot SERIES TOPOLOGY DIR TIMEOUT [KERNEL-ARGS...]: boot the guest whose
# initramfs is DIR/initrd.cpio, with VM_CPU as QEMU's CPU model.  DIR/console.log gets the serial console,
# DIR/results.log what the guest reported.  Returns QEMU's (or timeout's)
# exit status.
vm_boot() {
	local series=$1 topo=$2 dir=$3 tmo=$4 img rel qpid rpid="" status
	local -a qargs

	shift 4
	rel=$(kernel_release "$series") || return 1
	img=$CACHE/kernels/$rel/vmlinuz
	[ -s "${img%/*}/vmlinux.pvh" ] && [ "${VM_BOOT:-}" != vmlinuz ] &&
		img=${img%/*}/vmlinux.pvh
	mapfile -t qargs < <("$PYTHON" "$VM/topology.py" qemu-args "$topo" "$dir/mem") ||
		return 1
	printf '%s\n' "${qargs[@]}" > "$dir/qemu-args"
	: > "$dir/results.log"
	# -cpu max,hypervisor=off: with the hypervisor CPUID bit the kernel
	# refuses the cache invalidation a CXL region commit needs.  KVM hangs
	# on these machines, so TCG.  -vga none -nic none: no test uses q35's
	# default VGA and e1000e (what dropping them saves is small: a whole
	# run's guest time stayed within a few seconds of the run before).
	# VM_QMP=yes: a QMP socket, and the relay that sends it what the
	# guest asks for (qmp.py) while QEMU runs
	[ "${VM_QMP:-}" = yes ] && qargs+=(-qmp "unix:$dir/qmp.sock,server=on,wait=off")
	# shellcheck disable=SC2206 # VM_QEMU: the test's "#@ qemu:" words
	[ -n "${VM_QEMU:-}" ] && qargs+=($VM_QEMU)
	rm -f "$dir/qmp.sock" "$dir/qmp.log"
	timeout --kill-after=10 "$tmo" qemu-system-x86_64 \
		-accel tcg -cpu "${VM_CPU:-max,hypervisor=off}" -smp 1 \
		-display none -vga none -nic none -monitor none -no-reboot \
		-serial "file:$dir/console.log" -serial "file:$dir/results.log" \
		-kernel "$img" -initrd "$dir/initrd.cpio" \
		-append "console=ttyS0 loglevel=4 panic=-1 $*" \
		"${qargs[@]}" > "$dir/qemu.log" 2>&1 &
	qpid=$!
	if [ "${VM_QMP:-}" = yes ]; then
		"$PYTHON" "$VM/qmp.py" relay "$dir" 2> "$dir/qmp-relay.log" &
		rpid=$!
	fi
	wait "$qpid"
	status=$?
	[ -z "$rpid" ] || wait "$rpid"
	return "$status"
}

# vm_report NAME DIR STATUS [PLAN]: the guest's results as TAP lines,
# prefixed with NAME.  A guest that did not reach "end", panicked or was
# killed fails with the console's last lines; one that reported other than
# PLAN results (if given) fails too.
vm_report() {
	local name=$1 dir=$2 status=$3 plan=${4:-} line n=0 ended=0

	while IFS= read -r line; do
		line=${line%$'\r'}
		case $line in
		"ok - "*)     echo "ok - $name: ${line#ok - }"; n=$((n + 1)) ;;
		"not ok - "*) echo "not ok - $name: ${line#not ok - }"; n=$((n + 1)) ;;
		"# "*)        echo "#   $name: ${line#\# }" ;;
		end)          ended=1 ;;
		esac
	done < "$dir/results.log"
	if grep -q -E 'Kernel panic|end Kernel panic' "$dir/console.log" 2>/dev/null; then
		t_fail "$name: guest ran to the end" "kernel panic" "$dir/console.log"
	elif [ "$ended" -ne 1 ]; then
		if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
			t_fail "$name: guest ran to the end" "timed out; $n results before that" "$dir/console.log"
		else
			t_fail "$name: guest ran to the end" "no end marker (qemu status $status); $n results before that" "$dir/console.log"
			[ -s "$dir/qemu.log" ] && diag "qemu: $(tail -n 3 "$dir/qemu.log" | tr '\n' ' ')"
		fi
	elif [ "$n" -eq 0 ]; then
		t_fail "$name: guest ran to the end" "the guest reported no result"
	elif [ -n "$plan" ] && [ "$n" -ne "$plan" ]; then
		t_fail "$name: the guest made the checks it plans" "$n results, the plan says $plan"
	fi
}

# vm_oracle NAME SETTING TOPOLOGY DIR: the host-side data oracle's TAP
# lines for a guest whose test says "#@ oracle: SETTING".  An oracle that
# could not run at all is a failure, not silence.
vm_oracle() {
	local name=$1 setting=$2 topo=$3 dir=$4 status
	local -a args=()

	case $setting in
	"") return 0 ;;
	yes) ;;
	"expect-fail "*) args=(--expect-fail "${setting#expect-fail }") ;;
	*) t_fail "$name: oracle" "unknown '#@ oracle: $setting'"; return 0 ;;
	esac
	"$PYTHON" "$VM/oracle.py" --name "$name" "${args[@]}" "$topo" "$dir" \
		2> "$dir/oracle.log"
	status=$?
	[ "$status" -eq 0 ] ||
		t_fail "$name: oracle ran" "oracle.py exited with status $status" "$dir/oracle.log"
}

# takeover_args TEST TOPOLOGY: cxlt.takeover=SN=DRIVER,... for the guest.
takeover_args() {
	local spec=() t name drv sn

	for t in $(test_meta "$1" takeover | tr ',' ' '); do
		name=${t%%=*}
		drv=${t#*=}
		sn=$("$PYTHON" "$VM/topology.py" devices "$2" /nonexistent |
			awk -v n="$name" '$1 == n { print $2 }')
		[ -n "$sn" ] || { echo "takeover: no device $name in $2" >&2; return 1; }
		spec+=("$sn=$drv")
	done
	[ ${#spec[@]} -eq 0 ] || (IFS=,; echo "cxlt.takeover=${spec[*]}")
}

# vm_test_name TEST TOPOLOGY: the test's name, with the topology when the
# test runs on more than one.
vm_test_name() {
	local name

	name=$(basename "$1" .sh)
	[ "$(test_meta "$1" topology | wc -w)" -gt 1 ] && name="${name}[$2]"
	echo "$name"
}

# vm_test_dir SERIES TEST TOPOLOGY: where that run's artefacts go.
vm_test_dir() {
	local rel

	rel=$(kernel_release "$1") || return 1
	echo "$VMOUT/$rel/${VM_TEST_PREFIX// /-}-$(vm_test_name "$2" "$3")"
}

# vm_prune DIR: drop what a passed run no longer needs and what fills the
# disk (about 30 MiB a guest: the initramfs and the devices' backing
# files, 224 guests in a full run); the logs stay.  A failed run keeps
# everything, and CXL_ACCEL_KEEP_ARTEFACTS=1 keeps every run's.
vm_prune() {
	[ -z "${CXL_ACCEL_KEEP_ARTEFACTS:-}" ] || return 0
	rm -rf "$1/initrd.cpio" "$1/mem"
}

# vm_run_test SERIES TEST TOPOLOGY: everything for one test on one kernel
# and topology; prints its TAP lines.  Artefacts stay in
# $VMOUT/<release>/<test>[-<topology>]/.
vm_run_test() {
	local series=$1 test=$2 tname=$3 name dir topo tmo t0 status args plan
	local attempt report

	dir=$(vm_test_dir "$series" "$test" "$tname") || return 1
	name="$VM_TEST_PREFIX $series $(vm_test_name "$test" "$tname")"
	rm -rf "$dir"
	mkdir -p "$dir"
	# make bench writes topologies of its own (VM_TOPODIR)
	topo=${VM_TOPODIR:-$VM/topologies}/$tname.topo
	tmo=$(test_meta "$test" timeout)
	tmo=${tmo:-240}
	# KASAN, lockdep and kmemleak under TCG: about three times slower
	[ "$(kernel_field "$series" 4)" = debug ] && tmo=$((tmo * 3))
	if ! vm_initramfs "$series" "$test" "$topo" "$dir" > "$dir/setup.log" 2>&1; then
		t_fail "$name: initramfs" "could not build the initramfs" "$dir/setup.log"
		return
	fi
	if ! args=$(takeover_args "$test" "$topo" 2>> "$dir/setup.log"); then
		t_fail "$name: takeover" "bad takeover line" "$dir/setup.log"
		return
	fi
	if ! plan=$(test_plan "$test" "$series" "$tname"); then
		if [ -n "${VM_REQUIRE_PLAN:-}" ]; then
			t_fail "$name: plan" "the test declares no '#@ plan:' for $series $tname"
			return
		fi
		plan=
	fi
	t0=$(now)
	for attempt in 1 2; do
		# shellcheck disable=SC2086 # lists of words
		VM_CPU=$(test_meta "$test" cpu) VM_QMP=$(grep -q '^#@ qmp:' "$test" && echo yes) \
			VM_QEMU=$(test_meta "$test" qemu) VM_BOOT=$(test_meta "$test" boot) vm_boot "$series" "$topo" "$dir" "$tmo" $args $(test_meta "$test" append)
		status=$?
		# A kernel report before the guest's first line comes from
		# booting, before any module or test code of ours ran (seen:
		# a KASAN report from an interrupt in the debug kernel's
		# early CPU setup under TCG, about one boot in forty).  One
		# more boot, said so; a second one fails as any report does.
		report=$(awk '/^CXLT # guest .* up after/ { exit }
			/(BUG|WARNING): |Oops/ { print; exit }' "$dir/console.log")
		[ -n "$report" ] && [ $attempt = 1 ] || break
		diag "$name: the kernel reported \"$report\" while it booted, before any test code ran; booting once more (first console: console-boot1.log)"
		mv "$dir/console.log" "$dir/console-boot1.log"
	done
	vm_report "$name" "$dir" "$status" "$plan"
	diag "$name: $(elapsed "$t0") s in the guest"
	if grep -q '^#@ qmp:' "$test"; then
		# shellcheck disable=SC2046 # EVENT DEVICE pairs
		"$PYTHON" "$VM/qmp.py" report "$name" "$dir" $(test_meta "$test" qmp) ||
			t_fail "$name: qmp" "qmp.py report failed"
	fi
	vm_oracle "$name" "$(test_meta "$test" oracle)" "$topo" "$dir"
}
