# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# The debug guest kernel: Debian's linux-source-6.12 built with KASAN,
# lockdep, kmemleak, object debugging and function error injection, and
# trimmed to what the QEMU guests use (tests/lib/debug-kernel.config).
# Sourced by assets.sh; a kernels.conf line with toolchain "debug" names
# it, e.g.
#	6.12-debug  bookworm-backports  ^linux-source-6\.12$  debug  all
#
# Built once on the host with its gcc (on Debian 12 gcc-12, the compiler
# Debian builds its bookworm-backports kernels with) and cached in $CACHE/debug/<release>:
# src/ the unpacked source, build/ the kbuild output directory, which
# is also the KDIR our modules build against.  The image goes where the
# Debian kernels' do, $CACHE/kernels/<release>/.  It is rebuilt only when
# the source package or the configuration fragment changes.

DEBUG_FRAGMENT=$TOP/tests/lib/debug-kernel.config
DEBUG_LOCALVERSION=-cxl-debug

# _debug_source_pkg SERIES: the source package's name, from the anchored
# regex kernels.conf gives (^linux-source-6\.12$ -> linux-source-6.12).
_debug_source_pkg() {
	local pkg

	pkg=$(kernel_field "$1" 3) || return 1
	pkg=${pkg#^}
	pkg=${pkg%$}
	echo "${pkg//\\/}"
}

# _debug_source_version SERIES: the Debian version of the source package
# kernels.conf names for SERIES, newest in its suite.
_debug_source_version() {
	local suite pkg

	suite=$(kernel_field "$1" 2) && pkg=$(_debug_source_pkg "$1") || return 1
	apt_update all || return 1
	apt_with all apt-cache madison "$pkg" |
		awk -F ' [|] ' -v s=" $suite/" 'index($3, s) { print $2; exit }'
}

# debug_release SERIES: e.g. 6.12.95-cxl-debug, from the source
# package's upstream version.
debug_release() {
	local v

	v=$(_debug_source_version "$1") || return 1
	[ -n "$v" ] || { echo "no $(kernel_field "$1" 3) in $(kernel_field "$1" 2)" >&2; return 1; }
	echo "${v%%-*}$DEBUG_LOCALVERSION"
}

# debug_stamp SERIES: what the cached build was made from; a change in
# either the source package or the fragment means a rebuild.
debug_stamp() {
	echo "source $(_debug_source_version "$1")"
	echo "fragment $(md5sum < "$DEBUG_FRAGMENT" | cut -c1-32)"
}

# debug_config_check CONFIG: every line of the fragment holds in CONFIG.
debug_config_check() {
	local k v bad=""

	while IFS='=' read -r k v; do
		case $v in
		n) grep -q "^$k=" "$1" && bad="$bad $k(wanted n)" ;;
		*) grep -qxF "$k=$v" "$1" || bad="$bad $k=$v" ;;
		esac
	done < <(grep -E '^CONFIG_' "$DEBUG_FRAGMENT")
	[ -z "$bad" ] || { echo "Kconfig dropped:$bad" >&2; return 1; }
}

# _debug_ready SERIES REL STAMP: the cached build of REL is from STAMP.
_debug_ready() {
	[ -e "$CACHE/debug/$2/.ready" ] && [ "$(cat "$CACHE/debug/$2/.ready")" = "$3" ] &&
		[ -e "$CACHE/kernels/$2/.ready" ]
}

# _debug_fetch SERIES REL STAMP: the build's tools and the source
# package, unless the cached build is current.  Under the cache lock (apt).
_debug_fetch() {
	local series=$1 pkg

	_debug_ready "$@" && return 0
	_host_install "" make gcc bc bison flex libelf-dev libssl-dev dwarves \
		python3 xz-utils kmod || return 1
	pkg=$(_debug_source_pkg "$series") || return 1
	(cd "$CACHE/debs" &&
		apt_with all apt-get download "$pkg/$(kernel_field "$series" 2)") >&2
}

# _debug_build SERIES REL STAMP: the build, unless the cached one is
# current.  Under a lock of its own, not the cache lock: the quarter of an
# hour it takes on a cold machine is spent while the other suites fetch
# and build what they need (see tests/run).
_debug_build() {
	local series=$1 rel=$2 stamp=$3 dir src build img deb pkg t0

	_debug_ready "$@" && return 0
	dir=$CACHE/debug/$rel
	src=$dir/src
	build=$dir/build
	img=$CACHE/kernels/$rel
	pkg=$(_debug_source_pkg "$series") || return 1
	deb=$(ls -t "$CACHE/debs/${pkg}_"*.deb | head -n 1)
	[ -n "$deb" ] || { echo "no $pkg package in $CACHE/debs" >&2; return 1; }
	echo "building the debug kernel $rel from $(basename "$deb") (once; see $dir/build.log)" >&2
	t0=$(date +%s)
	rm -rf "$dir" "$img"
	mkdir -p "$src" "$build" || return 1
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$pkg.tar.xz" |
		tar -xJ -C "$src" --strip-components=1 || return 1
	{
		make -C "$src" O="$build" allnoconfig &&
		"$src/scripts/kconfig/merge_config.sh" -m -O "$build" \
			"$build/.config" "$DEBUG_FRAGMENT" &&
		"$src/scripts/config" --file "$build/.config" \
			--set-str LOCALVERSION "$DEBUG_LOCALVERSION" &&
		make -C "$src" O="$build" olddefconfig
	} > "$dir/config.log" 2>&1 || { tail -n 20 "$dir/config.log" >&2; return 1; }
	debug_config_check "$build/.config" || return 1
	make -C "$build" -j"$((NPROC + 1))" all > "$dir/build.log" 2>&1 ||
		{ tail -n 30 "$dir/build.log" >&2; return 1; }
	[ "$(cat "$build/include/config/kernel.release")" = "$rel" ] ||
		{ echo "the debug kernel is $(cat "$build/include/config/kernel.release"), not $rel" >&2; return 1; }
	mkdir -p "$img.new" &&
	make -C "$build" INSTALL_MOD_PATH="$img.new" INSTALL_MOD_STRIP=1 \
		DEPMOD=/bin/true modules_install >> "$dir/build.log" 2>&1 &&
	cp "$build/arch/x86/boot/bzImage" "$img.new/vmlinuz" &&
	cp "$build/.config" "$img.new/lib/modules/$rel/config" &&
	rm -f "$img.new/lib/modules/$rel/build" &&
	depmod -b "$img.new" "$rel" || { rm -rf "$img.new"; return 1; }
	mv "$img.new" "$img" && touch "$img/.ready"
	echo "$(( $(date +%s) - t0 ))" > "$dir/build-seconds"
	echo "$stamp" > "$dir/.ready"
	echo "built the debug kernel $rel in $(cat "$dir/build-seconds") s" >&2
}

# debug_kernel SERIES: build (or find cached) the debug kernel; prints its
# release.  Safe to call from several processes at once: the first
# builds, the others wait for it.
debug_kernel() {
	local rel stamp

	rel=$(with_lock debug_release "$1") && stamp=$(with_lock debug_stamp "$1") ||
		return 1
	with_lock _debug_fetch "$1" "$rel" "$stamp" || return 1
	with_named_lock "debug-$rel" _debug_build "$1" "$rel" "$stamp" || return 1
	echo "$rel"
}
