#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# DKMS POST_BUILD: keep cxl_accel's Module.symvers in the DKMS tree next to
# the built module, /var/lib/dkms/cxl-accel/<version>/<release>/<arch>/, so
# that drivers built against cxl_accel can pass it in KBUILD_EXTRA_SYMBOLS.
# DKMS 3.1.3 and later keep it themselves, in module/ below that directory
# (Debian 13's 3.2): there this does nothing, so that there is one copy.
# Bookworm's 3.0.10 does not keep it.  Runs in the DKMS build directory;
# $1 is the destination.

set -e
v=$(dkms --version 2> /dev/null | sed -n 's/^dkms-//p')
if [ -n "$v" ] && [ "$(printf '%s\n' 3.1.3 "$v" | sort -V | head -n 1)" = 3.1.3 ]; then
	exit 0
fi
dest=$1
[ -n "$dest" ] || { echo "post-build: no destination" >&2; exit 1; }
[ -f Module.symvers ] || { echo "post-build: no Module.symvers in $(pwd)" >&2; exit 1; }
mkdir -p "$dest"
cp Module.symvers "$dest/Module.symvers"
