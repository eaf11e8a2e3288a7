# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Building our kernel modules against a kernel from tests/lib/kernels.conf,
# on the host (the host release's kernels) or in the chroot of the
# release whose compiler the headers ask for (kernels.conf).

# shellcheck source=tests/lib/assets.sh
. "$(dirname "${BASH_SOURCE[0]}")/assets.sh"

# kbuild_stage DIR: a fresh copy of what a kernel build needs, as DKMS
# would see it (the packages leave out src/tools, the user-space command).
kbuild_stage() {
	rm -rf "$1"
	mkdir -p "$1"
	(cd "$TOP" && cp -a Kbuild Makefile dkms.conf src include "$1/") &&
		rm -rf "$1/src/tools"
}

# kbuild_make SERIES DIR ARGS...: run make ARGS in the toolchain of SERIES
# with DIR (which must hold everything the build touches) visible, one
# job per core.
kbuild_make() {
	local series=$1 dir=$2 tc

	shift 2
	tc=$(kernel_toolchain "$series")
	if is_chroot_toolchain "$tc"; then
		in_chroot "$tc" "$dir" make -j"$NPROC" "$@"
	else
		make -j"$NPROC" "$@"
	fi
}

# readme_quickstart: the C of README.md's quick start (the fenced block
# between its quickstart markers), on stdout; fails if there is none.
readme_quickstart() {
	awk '/<!-- quickstart begin -->/ { on = 1; next }
	     /<!-- quickstart end -->/ { on = 0 }
	     on && /^```/ { next }
	     on { print; n++ }
	     END { exit n < 20 }' "$TOP/README.md"
}

# kbuild_fingerprint KDIR: what a test build's result depends on (our
# sources, the README's quick start and the kernel's headers), one line.
kbuild_fingerprint() {
	{ (cd "$TOP" && find Kbuild Makefile dkms.conf src include tests/modules -type f \
		\( -name '*.[ch]' -o -name '*.sh' -o -name Kbuild -o -name Makefile \
		   -o -name dkms.conf \) | LC_ALL=C sort | xargs md5sum)
	  readme_quickstart; } | md5sum | cut -d' ' -f1
	echo "$1 $(stat -c %Y "$1/Makefile" 2>/dev/null)"
}

# kbuild_modules SERIES: the test build for that kernel: cxl_accel.ko with
# its fault-injection hooks (CXL_ACCEL_FAULT_INJECT=y) and every test module
# under tests/modules/, built with W=1 C=2 into $OUT/kbuild/<release>/ and
# copied to $OUT/modules/<release>/.  The build suite makes it and checks
# its log; the guest suite then finds it built from the same sources and
# headers and reuses it.  Prints one line; the log is $OUT/kbuild/<release>.log.
#
# kbuild_sparse SERIES: 2 (every file through sparse), or 0 where the
# kernel's toolchain has a sparse too old for its headers (7.x in the
# trixie chroot; the same sources go through sid's sparse with 7.x headers
# of their own).
kbuild_sparse() {
	local tc newest rel

	tc=$(kernel_field "$1" 4)
	newest=$(chroot_sparse_newest "$tc")
	rel=$(kernel_release "$1") || return 1
	if [ -n "$newest" ] && [ "${rel%%.*}" -gt "$newest" ]; then
		echo 0
	else
		echo 2
	fi
}

kbuild_modules() {
	local series=$1 rel kdir base tree tests log want m mods="" sp

	rel=$(kernel_release "$series") && kdir=$(kernel_kdir "$series") &&
		sp=$(kbuild_sparse "$series") || return 1
	base=$OUT/kbuild/$rel
	tree=$base/cxl_accel
	tests=$base/tests
	log=$base.log
	want=$(kbuild_fingerprint "$kdir")
	if [ -e "$base.ready" ] && [ "$(cat "$base.ready")" = "$want" ]; then
		echo "test build for $rel: reused, same sources and headers ($base)"
		return 0
	fi
	rm -rf "$base" "$base.ready" "$OUT/modules/$rel"
	mkdir -p "$base" "$OUT/modules/$rel"
	kbuild_stage "$tree"
	kbuild_make "$series" "$base" -C "$tree" KDIR="$kdir" W=1 C="$sp" \
		CXL_ACCEL_FAULT_INJECT=y > "$log" 2>&1 ||
		{ echo "building cxl_accel for $rel failed; see $log" >&2; return 1; }
	cp "$tree/cxl_accel.ko" "$OUT/modules/$rel/"
	# The test modules in one kbuild run: each keeps its own directory
	# and Kbuild, as a vendor's would (one make each costs a modpost and
	# a kbuild start-up each, about 10 s a kernel).
	mkdir -p "$tests"
	for m in "$TOP"/tests/modules/*/; do
		[ -f "$m/Kbuild" ] || continue
		cp -a "$m" "$tests/$(basename "$m")"
		mods="$mods $(basename "$m")/"
	done
	# The README's quick start, compiled exactly as shown.
	mkdir -p "$tests/quickstart"
	readme_quickstart > "$tests/quickstart/cxl_quickstart.c" ||
		{ echo "no quick start in README.md" >&2; return 1; }
	printf '%s\n' 'obj-m := cxl_quickstart.o' \
		'ccflags-y := -I$(CXL_ACCEL_INCLUDE)' > "$tests/quickstart/Kbuild"
	mods="$mods quickstart/"
	echo "obj-m += $mods" > "$tests/Kbuild"
	# KBUILD_CHECKSRC, not C=: see the top Makefile (7.x drops C=)
	kbuild_make "$series" "$base" -C "$kdir" M="$tests" W=1 KBUILD_CHECKSRC="$sp" \
		CXL_ACCEL_INCLUDE="$tree/include" \
		KBUILD_EXTRA_SYMBOLS="$tree/Module.symvers" modules >> "$log" 2>&1 ||
		{ echo "building the test modules for $rel failed; see $log" >&2; return 1; }
	for m in $mods; do
		cp "$tests/$m"*.ko "$OUT/modules/$rel/" || return 1
	done
	echo "$want" > "$base.ready"
	echo "test build for $rel: built ($base)"
}
