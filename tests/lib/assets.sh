# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Everything the tests need from outside the tree, installed by us,
# idempotently, and cached under $CACHE so that a second run is fast:
#
#   host packages     apt with a sources file we own: the host's release
#                     (Debian 12 bookworm or 13 trixie, from
#                     /etc/os-release), its -updates, and its -backports
#                     where asked; the host's own apt configuration is
#                     never touched.
#   kernel headers    those of the host's own release installed on the
#                     host with apt (DKMS and vendor builds need them
#                     where Debian puts them); the others inside a
#                     debootstrapped chroot of the suite whose compiler
#                     their headers ask for: bookworm (gcc-12), trixie
#                     (gcc-14), sid (gcc-16) for sid's and experimental's.
#   kernel images     vmlinuz and modules of every kernel, unpacked with
#                     dpkg -x under $CACHE/kernels/<release>/.
#   debug kernel      built from Debian's linux-source-6.12 with KASAN,
#                     lockdep, kmemleak and fault injection
#                     (tests/lib/debugkernel.sh).
#   checkpatch.pl     from Debian's linux-source-6.12, never committed
#   kernel-doc        (both scripts).
#
# Downloads of other suites (trixie, trixie-backports, sid, experimental)
# use a separate apt state directory and only ever "apt-get download";
# nothing from them is installed on the host.

# shellcheck source=tests/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DEBIAN_MIRROR=${CXL_ACCEL_MIRROR:-http://deb.debian.org/debian}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
# the chroots, by the name kernels.conf's toolchain column gives them
SID=$CACHE/sid
# The host's Debian release.  Kernels whose toolchain column names it
# build on the host; the others in a chroot of theirs.
HOST_SUITE=$(. /etc/os-release 2> /dev/null && echo "${VERSION_CODENAME:-}")
# apt lists older than this are refreshed (seconds).
APT_MAX_AGE=${CXL_ACCEL_APT_MAX_AGE:-21600}

export DEBIAN_FRONTEND=noninteractive

# with_lock CMD...: run CMD holding the cache lock, so that concurrent test
# runs never set up the same thing twice.  Reentrant: CMD may call
# with_lock again.
with_lock() {
	if [ -n "${CXL_ACCEL_LOCKED:-}" ]; then
		"$@"
		return
	fi
	mkdir -p "$CACHE"
	(
		flock -x 9
		CXL_ACCEL_LOCKED=1 "$@"
	) 9> "$CACHE/.lock"
}

# with_named_lock NAME CMD...: run CMD holding a lock of its own, for a
# long job on one cached thing; CMD may still take the cache lock.
with_named_lock() {
	local name=$1

	shift
	mkdir -p "$CACHE"
	(
		flock -x 9
		"$@"
	) 9> "$CACHE/.lock-$name"
}

apt_write_sources() {
	mkdir -p "$CACHE/apt/host-lists/partial" "$CACHE/apt/all-lists/partial" \
		 "$CACHE/apt/host-cache/archives/partial" \
		 "$CACHE/apt/all-cache/archives/partial" "$CACHE/debs"
	cat > "$CACHE/apt/host.list" <<-EOF
	deb [signed-by=$KEYRING] $DEBIAN_MIRROR $HOST_SUITE main
	deb [signed-by=$KEYRING] $DEBIAN_MIRROR $HOST_SUITE-updates main
	deb [signed-by=$KEYRING] $DEBIAN_MIRROR $HOST_SUITE-backports main
	EOF
	cat > "$CACHE/apt/all.list" <<-EOF
	deb [signed-by=$KEYRING] $DEBIAN_MIRROR bookworm main
	deb [signed-by=$KEYRING] $DEBIAN_MIRROR bookworm-backports main
	deb [signed-by=$KEYRING] $DEBIAN_MIRROR trixie main
	deb [signed-by=$KEYRING] $DEBIAN_MIRROR trixie-backports main
	deb [signed-by=$KEYRING] $DEBIAN_MIRROR sid main
	deb [signed-by=$KEYRING] $DEBIAN_MIRROR experimental main
	EOF
}

# apt_with host|all APT-COMMAND ARGS...
apt_with() {
	local which=$1 cmd=$2

	shift 2
	"$cmd" -o Dir::Etc::sourcelist="$CACHE/apt/$which.list" \
		-o Dir::Etc::sourceparts=- \
		-o Dir::State::Lists="$CACHE/apt/$which-lists" \
		-o Dir::Cache="$CACHE/apt/$which-cache" \
		-o Acquire::Check-Valid-Until=false \
		-o Acquire::Retries=3 \
		-o APT::Sandbox::User=root \
		-q "$@"
}

# apt_update host|all [force]: refresh our lists when missing, stale, or
# fetched for other sources (a suite added to apt_write_sources).
apt_update() {
	local stamp="$CACHE/apt/$1-lists/.updated" used="$CACHE/apt/$1-lists/.sources"

	apt_write_sources
	if [ -z "${2:-}" ] && [ -e "$stamp" ] &&
	   cmp -s "$used" "$CACHE/apt/$1.list" &&
	   [ $(($(date +%s) - $(stat -c %Y "$stamp"))) -lt "$APT_MAX_AGE" ]; then
		return 0
	fi
	apt_with "$1" apt-get update > "$CACHE/apt/$1-update.log" 2>&1 ||
		{ cat "$CACHE/apt/$1-update.log" >&2; return 1; }
	cp "$CACHE/apt/$1.list" "$used"
	touch "$stamp"
}

pkg_installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

_host_install() {
	local missing=() p release=$1

	shift
	for p in "$@"; do
		pkg_installed "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	apt_update host || return 1
	echo "installing on the host (${release:-$HOST_SUITE}): ${missing[*]}" >&2
	apt_with host apt-get install -y --no-install-recommends \
		${release:+-t "$release"} "${missing[@]}" >&2
}

# host_install [-t RELEASE] PACKAGE...: install what is missing.
host_install() {
	local release=""

	if [ "${1:-}" = -t ]; then
		release=$2
		shift 2
	fi
	with_lock _host_install "$release" "$@"
}

# Debian's python3, which host_tools installs.  Not the first python3 in
# PATH: a pyenv or virtualenv shim there is an interpreter we did not
# install, and a pyenv shim costs 0.3 s a start, several times a guest.
PYTHON=/usr/bin/python3

# host_supported: the host is a Debian release these scripts know.
host_supported() {
	case $HOST_SUITE in
	bookworm|trixie) return 0 ;;
	esac
	echo "unsupported host '${HOST_SUITE:-unknown}': Debian 12 (bookworm) and 13 (trixie) are" >&2
	return 1
}

# host_libs: what our kernels' kbuild tools (objtool, sign-file) link
# with; trixie's names carry the 64-bit time_t suffix.
host_libs() {
	case $HOST_SUITE in
	bookworm) echo libelf1 libssl3 ;;
	*)        echo libelf1t64 libssl3t64 ;;
	esac
}

# The tools every suite needs on the host: the compiler the host's own
# kernels were built with (and gcc, for the debug kernel), and QEMU 10 or
# later (bookworm-backports' on Debian 12, trixie's own on Debian 13).
host_tools() {
	host_supported || return 1
	# shellcheck disable=SC2046 # a list of package names
	host_install make gcc "$(suite_compiler "$HOST_SUITE")" kmod sparse \
		dwarves cpio xz-utils zstd busybox-static debootstrap python3 \
		perl ca-certificates $(host_libs) || return 1
	if [ "$HOST_SUITE" = bookworm ]; then
		host_install -t bookworm-backports qemu-system-x86
	else
		host_install qemu-system-x86
	fi && qemu_version_ok
}

# What the cxl-accel command (src/tools) builds with, for the unit suite
# and the packages' Build-Depends.  libpci-dev brings libudev-dev, which
# must match the installed libudev1: once QEMU from bookworm-backports has
# brought that suite's systemd, bookworm's libudev-dev cannot be installed.
tool_deps() {
	local p missing=""

	# nothing to do (and no cache lock, which needs root) when all are in
	for p in make gcc pkg-config libjson-c-dev libpci-dev; do
		pkg_installed "$p" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	host_install make gcc pkg-config libjson-c-dev || return 1
	case $(dpkg-query -W -f='${Version}' libudev1 2>/dev/null) in
	*bpo*) host_install -t "$HOST_SUITE-backports" libpci-dev ;;
	*) host_install libpci-dev ;;
	esac
}

# QEMU's CXL emulation as measured needs 10.0 (bookworm has 7.2).
qemu_version_ok() {
	local v

	v=$(qemu-system-x86_64 --version | sed -n 's/^QEMU emulator version \([0-9]*\)\..*/\1/p')
	[ "${v:-0}" -ge 10 ] ||
		{ echo "qemu-system-x86_64 $v is too old: need 10.0 or later" >&2; return 1; }
}

# --- kernels -----------------------------------------------------------

# kernel_field SERIES N: field N of the series' line in kernels.conf.
kernel_field() {
	awk -v s="$1" -v n="$2" '!/^#/ && $1 == s { print $n; found = 1 }
		END { exit !found }' "$TOP/tests/lib/kernels.conf"
}

# kernel_toolchain SERIES: where the kernel's modules build: "host" when
# its toolchain column names the host's release, "debug" for a kernel
# built from source (on the host), else the name of a chroot.
kernel_toolchain() {
	local tc

	tc=$(kernel_field "$1" 4) || return 1
	if [ "$tc" = "$HOST_SUITE" ]; then
		echo host
	else
		echo "$tc"
	fi
}

kernel_series() {
	awk '!/^#/ && NF { print $1 }' "$TOP/tests/lib/kernels.conf"
}

# kernel_release SERIES: the newest release of that series in its suite,
# e.g. 6.1.0-50-amd64.  Remembered until the apt lists are next refreshed.
# Parallel guest jobs ask for it all the time, so the memo is read and
# written under the cache lock, and written aside then renamed.
kernel_release() {
	local suite regex memo="CXL_ACCEL_RELEASE_${1//[^A-Za-z0-9]/_}"

	# set by tests/vm/run for its jobs: no lock, no apt for every guest
	if [ -n "${!memo:-}" ]; then
		echo "${!memo}"
		return 0
	fi
	if [ "$(kernel_field "$1" 4)" = debug ]; then
		with_lock debug_release "$1"
		return
	fi
	suite=$(kernel_field "$1" 2) && regex=$(kernel_field "$1" 3) ||
		{ echo "unknown kernel series $1" >&2; return 1; }
	with_lock _kernel_release "$1" "$suite" "$regex"
}

_kernel_release() {
	local memo="$CACHE/apt/all-lists/.release-$1" suite=$2 regex=$3
	local name best="" bestv="" v

	apt_update all || return 1
	if [ -s "$memo" ] && [ "$memo" -nt "$CACHE/apt/all-lists/.updated" ]; then
		cat "$memo"
		return 0
	fi
	for name in $(apt_with all apt-cache pkgnames linux-headers- | grep -E "$regex"); do
		v=$(apt_with all apt-cache madison "$name" |
			awk -F ' [|] ' -v s=" $suite/" 'index($3, s) { print $2; exit }')
		[ -n "$v" ] || continue
		if [ -z "$bestv" ] || dpkg --compare-versions "$v" gt "$bestv"; then
			best=$name
			bestv=$v
		fi
	done
	[ -n "$best" ] ||
		{ echo "no package matching $regex in $suite" >&2; return 1; }
	echo "${best#linux-headers-}" > "$memo.tmp" && mv "$memo.tmp" "$memo" &&
		cat "$memo"
}

# kernel_kdir SERIES: the kbuild directory of that kernel's headers,
# installed on the host or in a chroot as kernels.conf says (for a chroot,
# the path as seen inside it).
kernel_kdir() {
	local rel tc suite

	rel=$(kernel_release "$1") || return 1
	tc=$(kernel_toolchain "$1")
	suite=$(kernel_field "$1" 2)
	case $tc in
	host)
		host_install -t "$suite" "linux-headers-$rel" || return 1
		echo "/usr/src/linux-headers-$rel"
		;;
	debug)
		debug_kernel "$1" > /dev/null || return 1
		echo "$CACHE/debug/$rel/build"
		;;
	*)
		# a path inside the chroot: build with in_chroot
		with_lock _chroot_install "$tc" -t "$suite" "linux-headers-$rel" || return 1
		echo "/usr/src/linux-headers-$rel"
		;;
	esac
}

_kernel_unpack() {
	local rel=$1 dir=$CACHE/kernels/$1 tmp pkgs deb

	[ -e "$dir/.ready" ] && return 0
	case $rel in
	6.*) pkgs="linux-image-$rel-unsigned" ;;
	*)   pkgs="linux-binary-unsigned-$rel linux-modules-$rel linux-base-$rel" ;;
	esac
	apt_update all || return 1
	echo "downloading kernel image $rel" >&2
	# shellcheck disable=SC2086 # a list of package names
	(cd "$CACHE/debs" && apt_with all apt-get download $pkgs) >&2 || return 1
	tmp=$(mktemp -d "$CACHE/kernels/.unpack.XXXXXX")
	for p in $pkgs; do
		deb=$(ls -t "$CACHE/debs/${p}_"*.deb | head -n 1)
		dpkg -x "$deb" "$tmp/root" || return 1
	done
	# 6.x: /boot/vmlinuz-<rel> and /lib/modules; 7.x: everything under
	# /usr/lib/modules/<rel>, the image as vmlinuz(.unsigned).
	mkdir -p "$tmp/lib/modules"
	if [ -d "$tmp/root/usr/lib/modules/$rel" ]; then
		mv "$tmp/root/usr/lib/modules/$rel" "$tmp/lib/modules/"
	else
		mv "$tmp/root/lib/modules/$rel" "$tmp/lib/modules/"
	fi
	for f in "$tmp/root/boot/vmlinuz-$rel" "$tmp/lib/modules/$rel/vmlinuz.unsigned" \
		 "$tmp/lib/modules/$rel/vmlinuz"; do
		[ -e "$f" ] && { mv "$f" "$tmp/vmlinuz"; break; }
	done
	for f in config System.map; do
		[ -e "$tmp/root/boot/$f-$rel" ] && mv "$tmp/root/boot/$f-$rel" "$tmp/lib/modules/$rel/$f"
	done
	rm -rf "$tmp/root"
	[ -s "$tmp/vmlinuz" ] || { echo "no vmlinuz in $pkgs" >&2; return 1; }
	depmod -b "$tmp" "$rel" || return 1
	rm -rf "$dir"
	mv "$tmp" "$dir"
	touch "$dir/.ready"
}

# kernel_image SERIES: a directory with vmlinuz and lib/modules/<release>/.
kernel_image() {
	local rel

	rel=$(kernel_release "$1") || return 1
	mkdir -p "$CACHE/kernels"
	if [ "$(kernel_field "$1" 4)" = debug ]; then
		debug_kernel "$1" > /dev/null || return 1
	else
		with_lock _kernel_unpack "$rel" || return 1
	fi
	echo "$CACHE/kernels/$rel"
}

# the debug guest kernel, built from source
# shellcheck source=tests/lib/debugkernel.sh
. "$TOP/tests/lib/debugkernel.sh"

# --- the build chroots (the compilers other releases' headers ask for) ---
#
# One per toolchain name in kernels.conf other than the host's release and
# debug: a minbase debootstrap of the suite, its sources, and the compiler
# its kernels' headers were built with.

# chroot_suites NAME: the suites of that chroot's sources.list, the first
# the one it is bootstrapped from.
chroot_suites() {
	case $1 in
	sid)      echo "sid experimental" ;;
	trixie)   echo "trixie trixie-backports" ;;
	bookworm) echo "bookworm bookworm-updates bookworm-backports" ;;
	# a stand-in for a host of that release (tests/pkg/run runs the
	# README's demo in one); the scripts run there bring their own sources
	host-bookworm|host-trixie) echo "${1#host-}" ;;
	*)        return 1 ;;
	esac
}

# suite_compiler NAME: the gcc package the release's kernels' headers want.
suite_compiler() {
	case $1 in
	sid)      echo gcc-16 ;;
	trixie)   echo gcc-14 ;;
	bookworm) echo gcc-12 ;;
	*)        return 1 ;;
	esac
}

# chroot_sparse_newest NAME: the newest kernel major version whose headers
# the chroot's sparse parses, if it does not parse them all: trixie's
# sparse 0.6.4 stops at 7.x's __typeof_unqual__.
chroot_sparse_newest() {
	case $1 in
	trixie) echo 6 ;;
	esac
}

# is_chroot_toolchain NAME: kernels.conf's toolchain NAME is a chroot.
is_chroot_toolchain() {
	chroot_suites "$1" > /dev/null 2>&1
}

_chroot_bootstrap() {
	local name=$1 dir=$CACHE/$1 tmp=$CACHE/$1.new suites s

	[ -e "$dir/.ready" ] && return 0
	suites=$(chroot_suites "$name") || { echo "no chroot called $name" >&2; return 1; }
	host_tools_for_chroot || return 1
	echo "creating the $name chroot in $dir (once)" >&2
	rm -rf "$tmp"
	debootstrap --variant=minbase --keyring="$KEYRING" "${suites%% *}" "$tmp" \
		"$DEBIAN_MIRROR" > "$CACHE/$name-debootstrap.log" 2>&1 ||
		{ tail -n 20 "$CACHE/$name-debootstrap.log" >&2; return 1; }
	for s in $suites; do
		echo "deb $DEBIAN_MIRROR $s main"
	done > "$tmp/etc/apt/sources.list"
	echo 'Acquire::Check-Valid-Until "false";' > "$tmp/etc/apt/apt.conf.d/90cxl-accel"
	rm -rf "$dir"
	mv "$tmp" "$dir"
	touch "$dir/.ready"
}

host_tools_for_chroot() {
	_host_install "" debootstrap
}

# _chroot_install NAME [-t SUITE] PACKAGE...: install into chroot NAME
# what it lacks (from SUITE, for a backports kernel's headers).
_chroot_install() {
	local name=$1 missing=() p stamp=$CACHE/$1/.apt-updated target=()

	shift
	if [ "${1:-}" = -t ]; then
		target=(-t "$2")
		shift 2
	fi
	_chroot_bootstrap "$name" || return 1
	for p in "$(suite_compiler "$name")" make kmod sparse "$@"; do
		[ "$(in_chroot "$name" "" dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "installing in the $name chroot: ${missing[*]}" >&2
	if [ ! -e "$stamp" ] ||
	   [ $(($(date +%s) - $(stat -c %Y "$stamp"))) -ge "$APT_MAX_AGE" ]; then
		in_chroot "$name" "" apt-get -q update >&2 || return 1
		touch "$stamp"
	fi
	in_chroot "$name" "" apt-get -q install -y --no-install-recommends \
		"${target[@]}" "${missing[@]}" >&2 &&
	in_chroot "$name" "" apt-get clean
}

# in_chroot NAME HOSTDIR CMD...: run CMD in chroot NAME, with /proc, /sys
# and /dev, and HOSTDIR (if not empty) bind-mounted at the same path inside
# (so paths in logs and Module.symvers agree), in a private mount
# namespace so no mount outlives the command.
in_chroot() {
	local root=$CACHE/$1 dir=$2

	shift 2
	unshare --mount --propagation private -- /bin/bash -c '
		r=$1 d=$2
		shift 2
		mount -t proc proc "$r/proc" &&
		mount --rbind /sys "$r/sys" &&
		mount --rbind /dev "$r/dev" || exit 1
		if [ -n "$d" ]; then
			mkdir -p "$r$d" && mount --bind "$d" "$r$d" || exit 1
		fi
		exec chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
	' in_chroot "$root" "$dir" "$@"
}

# The sid chroot by its old names (tests and README use them).
_sid_install() {
	_chroot_install sid "$@"
}

in_sid_raw() {
	in_chroot sid "" "$@"
}

in_sid() {
	in_chroot sid "$@"
}

# --- checkpatch --------------------------------------------------------

_checkpatch_unpack() {
	local dir=$CACHE/checkpatch deb

	[ -e "$dir/.ready" ] && [ -e "$dir/kernel-doc" ] && return 0
	apt_update all || return 1
	(cd "$CACHE/debs" && apt_with all apt-get download linux-source-6.12) >&2 || return 1
	deb=$(ls -t "$CACHE/debs/linux-source-6.12_"*.deb | head -n 1)
	rm -rf "$dir" && mkdir -p "$dir" || return 1
	echo "extracting checkpatch.pl from $(basename "$deb")" >&2
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO ./usr/src/linux-source-6.12.tar.xz |
		tar -xJ -C "$dir" --strip-components=2 \
			linux-source-6.12/scripts/checkpatch.pl \
			linux-source-6.12/scripts/kernel-doc \
			linux-source-6.12/scripts/spelling.txt \
			linux-source-6.12/scripts/const_structs.checkpatch || return 1
	basename "$deb" > "$dir/.ready"
}

# checkpatch_script: path to checkpatch.pl.
checkpatch_script() {
	with_lock _checkpatch_unpack || return 1
	echo "$CACHE/checkpatch/checkpatch.pl"
}

# kerneldoc_script: path to scripts/kernel-doc, from the same package.
kerneldoc_script() {
	with_lock _checkpatch_unpack || return 1
	echo "$CACHE/checkpatch/kernel-doc"
}
