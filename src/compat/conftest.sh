#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Kernel feature probes for cxl_accel.
#
# Compiles one small snippet per kernel difference against the target
# kernel's headers, with the exact flags Kbuild uses for our objects, reads
# the target's Module.symvers for the symbols we may import, and writes one
# generated header that src/compat/compat.h includes.  Sources test
# CXL_ACCEL_HAVE_* macros from that header; they never compare kernel
# version numbers.
#
# Called from Kbuild with:
#   CC                         the target compiler
#   CXL_ACCEL_PROBE_CFLAGS     the flags Kbuild passes when compiling our objects
#   CXL_ACCEL_SYMVERS          the target kernel's Module.symvers
#   CXL_ACCEL_KERNELRELEASE    the target kernel release
# and one argument, the header to write.  Probe sources and compiler output
# are kept next to the header (conftest/) so a failed probe can be read.

set -u

out=$1
dir=$(dirname "$out")/conftest
CFLAGS=${CXL_ACCEL_PROBE_CFLAGS:?}
SYMVERS=${CXL_ACCEL_SYMVERS:?}
RELEASE=${CXL_ACCEL_KERNELRELEASE:-unknown}

# Probes must fail on a mismatched prototype, not merely warn (gcc-12 only
# warns about incompatible pointer types).
PROBE_WERROR="-Werror=incompatible-pointer-types -Werror=int-conversion \
-Werror=implicit-function-declaration -Werror=return-type"

rm -rf "$dir"
mkdir -p "$dir" || exit 1
printf '%s\n' "$CC $CFLAGS" > "$dir/cflags"

# probe NAME: read a C snippet on stdin and compile it in the background.
# The result file $dir/NAME.ok exists if and only if it compiled.
probe() {
	cat > "$dir/$1.c"
	(
		# shellcheck disable=SC2086 # CFLAGS is a list of words
		if $CC $CFLAGS $PROBE_WERROR -c "$dir/$1.c" -o "$dir/$1.o" \
			> "$dir/$1.log" 2>&1; then
			: > "$dir/$1.ok"
		fi
	) &
}

# --- compile probes ------------------------------------------------------

# The probe environment itself works: if this fails, every other result
# would be meaningless.
probe sanity <<'EOF'
#include <linux/module.h>
int cxl_accel_probe(void);
int cxl_accel_probe(void) { return 0; }
EOF

# Symbol namespaces: up to 6.12 the namespace argument of MODULE_IMPORT_NS()
# and EXPORT_SYMBOL_NS_GPL() is a bare token that the macro stringifies;
# from 6.13 it is a string literal and a bare token no longer compiles.
probe ns_bare_token <<'EOF'
#include <linux/module.h>
MODULE_IMPORT_NS(CXL);
EOF

# The mainline Type-2 header (7.2+): struct cxl_dev_state and friends.
probe cxl_cxl_h <<'EOF'
#include <cxl/cxl.h>
EOF

# PCI DVSEC lookup helper (5.14+).
probe pci_find_dvsec_capability <<'EOF'
#include <linux/pci.h>
u16 cxl_accel_probe(struct pci_dev *pdev);
u16 cxl_accel_probe(struct pci_dev *pdev)
{
	return pci_find_dvsec_capability(pdev, 0x1e98, 0);
}
EOF

# How we read the CEDT: acpi_get_table()/acpi_put_table() with the table
# signature from actbl1.h.  The table is parsed by our own code so the same
# parser runs in host unit tests.
probe acpi_get_table <<'EOF'
#include <linux/acpi.h>
acpi_status cxl_accel_probe(struct acpi_table_header **hdr);
acpi_status cxl_accel_probe(struct acpi_table_header **hdr)
{
	acpi_status st = acpi_get_table(ACPI_SIG_CEDT, 0, hdr);

	if (ACPI_SUCCESS(st))
		acpi_put_table(*hdr);
	return st;
}
EOF

# CPU cache invalidation for a newly decoded HPA range, as the CXL core's
# own region commit does.  6.2 to 6.x take an IORES_DESC_* value ...
probe memregion_invalidate_desc <<'EOF'
#include <linux/memregion.h>
#include <linux/ioport.h>
int cxl_accel_probe(void);
int cxl_accel_probe(void)
{
	if (!cpu_cache_has_invalidate_memregion())
		return -6;
	return cpu_cache_invalidate_memregion(IORES_DESC_CXL);
}
EOF

# ... 7.x takes the physical range.
probe memregion_invalidate_range <<'EOF'
#include <linux/memregion.h>
int cxl_accel_probe(phys_addr_t start, size_t len);
int cxl_accel_probe(phys_addr_t start, size_t len)
{
	if (!cpu_cache_has_invalidate_memregion())
		return -6;
	return cpu_cache_invalidate_memregion(start, len);
}
EOF

# 6.1 has neither; on x86 the core later uses wbinvd_on_all_cpus().
probe wbinvd_on_all_cpus <<'EOF'
#include <linux/smp.h>
void cxl_accel_probe(void);
void cxl_accel_probe(void)
{
	wbinvd_on_all_cpus();
}
EOF

wait

# --- exported symbols ----------------------------------------------------

if [ ! -r "$SYMVERS" ]; then
	echo "cxl_accel: cannot read $SYMVERS: the target kernel's Module.symvers is needed to probe its exports" >&2
	exit 1
fi

# Symbols cxl_accel may import.  Module.symvers lines are
# "crc <TAB> symbol <TAB> module <TAB> export type [<TAB> namespace]".
SYMBOLS="cxl_bus_type
pci_find_dvsec_capability
acpi_table_parse_cedt
cpu_cache_has_invalidate_memregion
cpu_cache_invalidate_memregion
wbinvd_on_all_cpus
cxl_pci_setup_regs
_devm_cxl_dev_state_create
devm_cxl_probe_mem
cxl_set_capacity"

exports=$dir/exports
awk -F '\t' -v want="$SYMBOLS" '
	BEGIN { n = split(want, w, "\n"); for (i = 1; i <= n; i++) keep[w[i]] = 1 }
	$5 == "CXL" { ncxl++ }
	($2 in keep) { print $2 "\t" $3 "\t" $5 }
	END { print "#cxl_ns_exports\t" ncxl + 0 }
' "$SYMVERS" > "$exports" || exit 1

have_export() {
	awk -F '\t' -v s="$1" '$1 == s { found = 1 } END { exit !found }' "$exports"
}

# --- the generated header ------------------------------------------------

upper() {
	echo "$1" | tr '[:lower:]' '[:upper:]'
}

missing=""
[ -e "$dir/sanity.ok" ] || missing="$missing, a working probe compile (see $dir/sanity.log)"
[ -e "$dir/acpi_get_table.ok" ] || missing="$missing, acpi_get_table() with ACPI_SIG_CEDT"
have_export cxl_bus_type || missing="$missing, the CXL core's exports (cxl_bus_type)"
if [ ! -e "$dir/memregion_invalidate_desc.ok" ] &&
   [ ! -e "$dir/memregion_invalidate_range.ok" ] &&
   [ ! -e "$dir/wbinvd_on_all_cpus.ok" ]; then
	missing="$missing, a CPU cache invalidation primitive"
fi
if [ -n "$missing" ]; then
	echo "cxl_accel: kernel $RELEASE lacks what cxl_accel needs: ${missing#, }" >&2
	exit 1
fi

tmp=$out.tmp
{
	echo "/* Generated by src/compat/conftest.sh for $RELEASE: do not edit. */"
	echo "#ifndef CXL_ACCEL_CONFIG_H"
	echo "#define CXL_ACCEL_CONFIG_H"
	echo
	echo "#define CXL_ACCEL_KERNELRELEASE \"$RELEASE\""
	echo
	echo "/* compile probes */"
	for p in ns_bare_token cxl_cxl_h pci_find_dvsec_capability \
		 acpi_get_table memregion_invalidate_desc \
		 memregion_invalidate_range wbinvd_on_all_cpus; do
		if [ -e "$dir/$p.ok" ]; then
			echo "#define CXL_ACCEL_HAVE_$(upper "$p") 1"
		else
			echo "/* #undef CXL_ACCEL_HAVE_$(upper "$p") */"
		fi
	done
	echo
	echo "/* exports found in $SYMVERS */"
	for s in $SYMBOLS; do
		if have_export "$s"; then
			echo "#define CXL_ACCEL_HAVE_EXPORT_$(upper "$s") 1"
		else
			echo "/* #undef CXL_ACCEL_HAVE_EXPORT_$(upper "$s") */"
		fi
	done
	awk -F '\t' '$1 == "#cxl_ns_exports" {
		print "#define CXL_ACCEL_CXL_NS_EXPORTS " $2 }' "$exports"
	echo
	echo "#endif /* CXL_ACCEL_CONFIG_H */"
} > "$tmp" && mv -f "$tmp" "$out"
