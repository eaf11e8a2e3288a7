# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Building our kernel modules against a kernel from tests/lib/kernels.conf,
# natively (6.x, gcc-12) or in the sid chroot (7.x, gcc-16).

# shellcheck source=tests/lib/assets.sh
. "$(dirname "${BASH_SOURCE[0]}")/assets.sh"

# kbuild_stage DIR: a fresh copy of what a kernel build needs, as DKMS
# would see it.
kbuild_stage() {
	rm -rf "$1"
	mkdir -p "$1"
	(cd "$TOP" && cp -a Kbuild Makefile dkms.conf src include "$1/")
}

# kbuild_make SERIES DIR ARGS...: run make ARGS in the toolchain of SERIES
# with DIR (which must hold everything the build touches) visible, one
# job per core.
kbuild_make() {
	local series=$1 dir=$2

	shift 2
	if [ "$(kernel_field "$series" 4)" = sid ]; then
		in_sid "$dir" make -j"$NPROC" "$@"
	else
		make -j"$NPROC" "$@"
	fi
}

# kbuild_modules SERIES: build cxl_accel.ko and every test module under
# tests/modules/ for that kernel into $OUT/modules/<release>/.  Prints
# nothing on success; the logs stay in $OUT/kbuild/.
kbuild_modules() {
	local series=$1 rel kdir base tree m mdir log

	rel=$(kernel_release "$series") && kdir=$(kernel_kdir "$series") || return 1
	base=$OUT/kbuild/$rel
	tree=$base/cxl_accel
	log=$base.log
	rm -rf "$base"
	mkdir -p "$base" "$OUT/modules/$rel"
	kbuild_stage "$tree"
	kbuild_make "$series" "$base" -C "$tree" KDIR="$kdir" CXL_ACCEL_FAULT_INJECT=y > "$log" 2>&1 ||
		{ echo "building cxl_accel for $rel failed; see $log" >&2; return 1; }
	cp "$tree/cxl_accel.ko" "$OUT/modules/$rel/"
	for mdir in "$TOP"/tests/modules/*/; do
		[ -f "$mdir/Kbuild" ] || continue
		m=$(basename "$mdir")
		cp -a "$mdir" "$base/$m"
		kbuild_make "$series" "$base" -C "$kdir" M="$base/$m" \
			CXL_ACCEL_INCLUDE="$tree/include" \
			KBUILD_EXTRA_SYMBOLS="$tree/Module.symvers" modules >> "$log" 2>&1 ||
			{ echo "building $m for $rel failed; see $log" >&2; return 1; }
		cp "$base/$m"/*.ko "$OUT/modules/$rel/"
	done
}
