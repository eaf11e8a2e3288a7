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
#   CXL_ACCEL_BTF              (optional) the target's BTF; default
#                              $CXL_ACCEL_OBJTREE/vmlinux
#   CXL_ACCEL_OBJTREE          the target's kbuild output directory
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

upper() {
	echo "$1" | tr '[:lower:]' '[:upper:]'
}

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

# The mainline Type-2 attach API (7.2+): a driver-owned struct
# cxl_dev_state from devm_cxl_dev_state_create() and devm_cxl_probe_mem(),
# which registers a memdev and attaches it to the region its committed
# decoders already decode.
probe devm_cxl_probe_mem <<'EOF'
#include <linux/pci.h>
#include <cxl/cxl.h>
struct cxl_accel_probe_state {
	struct cxl_dev_state cxlds;
};
struct cxl_memdev *cxl_accel_probe(struct pci_dev *pdev, struct range *hpa);
struct cxl_memdev *cxl_accel_probe(struct pci_dev *pdev, struct range *hpa)
{
	struct cxl_accel_probe_state *s;

	s = devm_cxl_dev_state_create(&pdev->dev, CXL_DEVTYPE_DEVMEM, 0, 0,
				      struct cxl_accel_probe_state, cxlds, false);
	if (!s)
		return NULL;
	s->cxlds.media_ready = true;
	return devm_cxl_probe_mem(&s->cxlds, hpa);
}
EOF

# 7.3: the capacity of a device without a mailbox, as one RAM partition.
probe cxl_set_capacity <<'EOF'
#include <cxl/cxl.h>
int cxl_accel_probe(struct cxl_dev_state *cxlds);
int cxl_accel_probe(struct cxl_dev_state *cxlds)
{
	return cxl_set_capacity(cxlds, 0);
}
EOF

# 7.2 exports cxl_dpa_setup() but declares it, and struct cxl_dpa_info,
# only in the core's private cxlmem.h (7.3 too, behind cxl_set_capacity()).
# A kernel that made them public would pass this.
probe cxl_dpa_setup <<'EOF'
#include <cxl/cxl.h>
struct cxl_dpa_info;
int cxl_accel_probe(struct cxl_dev_state *cxlds, const struct cxl_dpa_info *info);
int cxl_accel_probe(struct cxl_dev_state *cxlds, const struct cxl_dpa_info *info)
{
	return cxl_dpa_setup(cxlds, info);
}
EOF

# 7.3: <cxl/pci.h> declares cxl_pci_setup_regs() and enum cxl_regloc_type;
# 7.2 exports the function but declares it only in the core's cxlpci.h.
probe cxl_pci_h <<'EOF'
#include <linux/pci.h>
#include <cxl/cxl.h>
#include <cxl/pci.h>
int cxl_accel_probe(struct pci_dev *pdev, struct cxl_register_map *map);
int cxl_accel_probe(struct pci_dev *pdev, struct cxl_register_map *map)
{
	return cxl_pci_setup_regs(pdev, CXL_REGLOC_RBI_COMPONENT, map);
}
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

# DOE mailboxes (src/compat/doe.c): the PCI core's own from 6.5 on, found
# by protocol and used with pci_doe(); before that, created by the driver
# with pcim_doe_create_mb() and used with submitted tasks.
probe pci_doe <<'EOF'
#include <linux/pci.h>
#include <linux/pci-doe.h>
int cxl_accel_probe(struct pci_dev *pdev, const __le32 *req, __le32 *rsp);
int cxl_accel_probe(struct pci_dev *pdev, const __le32 *req, __le32 *rsp)
{
	struct pci_doe_mb *mb = pci_find_doe_mailbox(pdev, 0x1e98, 2);

	return pci_doe(mb, 0x1e98, 2, req, 4, rsp, 8);
}
EOF

probe pcim_doe_create_mb <<'EOF'
#include <linux/err.h>
#include <linux/pci.h>
#include <linux/pci-doe.h>
int cxl_accel_probe(struct pci_dev *pdev, struct pci_doe_task *task);
int cxl_accel_probe(struct pci_dev *pdev, struct pci_doe_task *task)
{
	struct pci_doe_mb *mb = pcim_doe_create_mb(pdev, 0x100);

	if (IS_ERR(mb) || !pci_doe_supports_prot(mb, 0x1e98, 2))
		return -ENODEV;
	return pci_doe_submit_task(mb, task);
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
is_cxl_port
to_cxl_port
is_switch_decoder
is_root_decoder
to_cxl_switch_decoder
cxl_port_commit_reap
pci_find_dvsec_capability
acpi_table_parse_cedt
cpu_cache_has_invalidate_memregion
cpu_cache_invalidate_memregion
wbinvd_on_all_cpus
cxl_pci_setup_regs
_devm_cxl_dev_state_create
devm_cxl_probe_mem
cxl_set_capacity
cxl_dpa_setup
cxl_mem_active_inc
pci_find_doe_mailbox
pci_doe
pcim_doe_create_mb
pci_doe_submit_task
pci_doe_supports_prot"

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

# --- the CXL core's private structs, from the target's BTF ---------------

# The CXL core's structs are in no linux-headers package and change between
# releases.  Where the target ships BTF (the 6.12 and 7.x headers carry a
# BTF-only vmlinux) and pahole can read it (linux-kbuild depends on it),
# record the offset and size of each member cxl_accel touches, taken from
# the very kernel it is built for.  Without them (6.1's headers have no
# vmlinux) cxl_accel falls back to rules that never touch the core's
# objects (src/core.c).
#   struct:member[|older name] ...
LAYOUT_MEMBERS="cxl_port:dev cxl_port:uport_dev|uport cxl_port:dports
cxl_port:commit_end cxl_decoder:dev cxl_decoder:id cxl_decoder:hpa_range
cxl_decoder:interleave_ways cxl_decoder:interleave_granularity
cxl_decoder:target_type cxl_decoder:region cxl_decoder:flags
cxl_switch_decoder:cxld cxl_switch_decoder:nr_targets
cxl_switch_decoder:target cxl_dport:port_id cxl_dport:dport_dev|dport"
# Members only some kernels have.
LAYOUT_OPTIONAL="cxl_decoder:target_map"

BTF=${CXL_ACCEL_BTF:-${CXL_ACCEL_OBJTREE:-.}/vmlinux}
layout=$dir/layout
: > "$layout"

# pahole_layout NAME TYPE,...: append the layout of those types to $layout:
# "struct member offset size" for each member, "sizeof struct size" for
# each struct, "enum NAME value" for each enumerator.  One pahole run per
# group, so that a type one kernel lacks cannot hide the others.
pahole_layout() {
	command -v pahole > /dev/null 2>&1 && [ -r "$BTF" ] &&
	pahole -F btf -C "$2" "$BTF" > "$dir/pahole-$1.out" 2> "$dir/pahole-$1.log" ||
		return 0
	awk '
		/^struct [a-z_]+ \{/ { s = $2; next }
		/^enum [a-z_]+ \{/ { s = ""; e = 1; next }
		/^\}/ { s = ""; e = 0; next }
		e && /=/ { gsub(/[ \t,]/, ""); split($0, kv, "="); print "enum", kv[1], kv[2]; next }
		s != "" && /\/\* size: [0-9]+,/ {
			c = $0; sub(/.*size: /, "", c); sub(/,.*/, "", c)
			print "sizeof", s, c; next
		}
		s != "" && /;[ \t]*\/\*[ \t]*[0-9]+[ \t]+[0-9]+[ \t]*\*\// {
			decl = $0; sub(/;.*/, "", decl)
			if (match(decl, /\(\*[a-z_0-9]+\)/))
				name = substr(decl, RSTART + 2, RLENGTH - 3)
			else {
				sub(/\[[0-9]*\]$/, "", decl)
				n = split(decl, w, /[ \t*]+/); name = w[n]
			}
			c = $0; sub(/.*\/\*[ \t]*/, "", c); split(c, os, /[ \t]+/)
			print s, name, os[1], os[2]
		}' "$dir/pahole-$1.out" >> "$layout"
}

pahole_layout core cxl_port,cxl_decoder,cxl_switch_decoder,cxl_dport,cxl_decoder_type
pahole_layout dpa_info cxl_dpa_info,cxl_dpa_part_info

# --- which core cxl_accel was tested with ----------------------------------

# The fingerprint of the core's objects that src/core.c reads and writes:
# every member of those structs by name, offset and size (not only the
# members cxl_accel touches: a new one may be one that must agree with
# the hardware), their sizes, enum cxl_decoder_type, and the symbol CRCs
# of the core's exports that take those objects, where Module.symvers has
# them.  Names and numbers only, so that another pahole's formatting does
# not change it.  A kernel whose fingerprint is listed in tested-layouts
# is one the guest tests ran against; on any other src/core.c shares no
# port the core tracks (see there).
FINGERPRINT_SYMBOLS="is_cxl_port to_cxl_port is_switch_decoder
to_cxl_switch_decoder is_root_decoder cxl_port_commit_reap"
#
# Without BTF (6.1's headers) the CRCs alone make the fingerprint: with
# MODVERSIONS, genksyms folds into each export's CRC the full definition
# of every struct its prototype reaches (struct cxl_port for to_cxl_port()),
# so they too change when the core's objects do.  There cxl_accel shares
# no port the core tracks whatever the fingerprint (src/core.c); it is
# recorded so that a change of the core's objects is seen at build time.
core_fingerprint=none
core_crcs=$(for s in $FINGERPRINT_SYMBOLS; do
	awk -F '\t' -v s="$s" '$2 == s { print "crc", s, $1 }' "$SYMVERS"
done)
if grep -q '^cxl_port ' "$layout"; then
	core_fingerprint=$({
		grep -E '^(sizeof )?(cxl_port|cxl_decoder|cxl_switch_decoder|cxl_dport) |^enum CXL_DECODER_' \
			"$layout" | LC_ALL=C sort
		[ -z "$core_crcs" ] || echo "$core_crcs"
	} | sha256sum | cut -c1-16)
elif [ -n "$core_crcs" ]; then
	core_fingerprint=$(echo "$core_crcs" | sha256sum | cut -c1-16)
fi
core_tested=0
awk -v f="$core_fingerprint" '!/^#/ && $2 == f { found = 1 } END { exit !found }' \
	"$(dirname "$0")/tested-layouts" 2> /dev/null && core_tested=1

# layout_member STRUCT NAME[|NAME...]: "offset size" of the first name found.
layout_member() {
	for m in $(echo "$2" | tr '|' ' '); do
		awk -v s="$1" -v m="$m" '$1 == s && $2 == m { print $3, $4; f = 1; exit }
			END { exit !f }' "$layout" && return 0
	done
	return 1
}

# layout_defs VAR MEMBERS [OPTIONAL]: the #defines of MEMBERS (and of those
# OPTIONAL members found) in VAR; fails if a member of MEMBERS is missing.
layout_defs() {
	_var=$1 _ok=0 _defs=""
	for sm in $2 ${3:-}; do
		st=${sm%%:*}
		names=${sm#*:}
		if os=$(layout_member "$st" "$names"); then
			def=$(upper "${st}__${names%%|*}")
			_defs="$_defs
#define CXL_ACCEL_OFF_$def ${os% *}
#define CXL_ACCEL_SIZE_$def ${os#* }"
		elif ! echo "${3:-}" | grep -qw "$sm"; then
			_ok=1
		fi
	done
	eval "$_var=\$_defs"
	return $_ok
}

layout_ok=1
layout_defs core_defs "$LAYOUT_MEMBERS" "$LAYOUT_OPTIONAL" || layout_ok=0
# enum cxl_decoder_type: DEVMEM/HOSTONLYMEM, called ACCELERATOR/EXPANDER before 6.5
devmem=$(awk '$1 == "enum" && ($2 == "CXL_DECODER_DEVMEM" || $2 == "CXL_DECODER_ACCELERATOR") { print $3 }' "$layout")
hostonly=$(awk '$1 == "enum" && ($2 == "CXL_DECODER_HOSTONLYMEM" || $2 == "CXL_DECODER_EXPANDER") { print $3 }' "$layout")
[ -n "$devmem" ] && [ -n "$hostonly" ] || layout_ok=0

# struct cxl_dpa_info (7.2+, private to the core): what cxl_dpa_setup()
# takes where cxl_set_capacity() is missing (7.2).
DPA_INFO_MEMBERS="cxl_dpa_info:size cxl_dpa_info:part cxl_dpa_info:nr_partitions
cxl_dpa_part_info:range cxl_dpa_part_info:mode"
dpa_info_ok=1
layout_defs dpa_info_defs "$DPA_INFO_MEMBERS" || dpa_info_ok=0
dpa_info_size=$(awk '$1 == "sizeof" && $2 == "cxl_dpa_info" { print $3 }' "$layout")
[ -n "$dpa_info_size" ] || dpa_info_ok=0

# --- the generated header ------------------------------------------------

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

# The mainline Type-2 attach path (src/mainline.c) needs all of: the
# declarations of <cxl/cxl.h>, the core's exports, and the capacity set
# either with cxl_set_capacity() (7.3) or with cxl_dpa_setup() and the
# layout of struct cxl_dpa_info (7.2).
mainline=0
if [ -e "$dir/devm_cxl_probe_mem.ok" ] && have_export devm_cxl_probe_mem &&
   have_export _devm_cxl_dev_state_create && have_export cxl_pci_setup_regs; then
	if [ -e "$dir/cxl_set_capacity.ok" ] && have_export cxl_set_capacity; then
		mainline=1
	elif have_export cxl_dpa_setup && [ "$dpa_info_ok" = 1 ]; then
		mainline=1
	fi
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
		 memregion_invalidate_range wbinvd_on_all_cpus \
		 devm_cxl_probe_mem cxl_set_capacity cxl_dpa_setup cxl_pci_h \
		 pci_doe pcim_doe_create_mb; do
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
	echo "/* the CXL core's private structs, from $BTF */"
	if [ "$layout_ok" = 1 ]; then
		echo "#define CXL_ACCEL_HAVE_CORE_LAYOUT 1$core_defs"
		echo "#define CXL_ACCEL_CXL_DECODER_DEVMEM $devmem"
		echo "#define CXL_ACCEL_CXL_DECODER_HOSTONLYMEM $hostonly"
	else
		echo "/* #undef CXL_ACCEL_HAVE_CORE_LAYOUT */"
	fi
	echo "#define CXL_ACCEL_CORE_FINGERPRINT \"$core_fingerprint\""
	if [ "$core_tested" = 1 ]; then
		echo "#define CXL_ACCEL_CORE_LAYOUT_TESTED 1"
	else
		echo "/* #undef CXL_ACCEL_CORE_LAYOUT_TESTED (not in src/compat/tested-layouts) */"
	fi
	echo
	echo "/* struct cxl_dpa_info, from $BTF */"
	if [ "$dpa_info_ok" = 1 ]; then
		echo "#define CXL_ACCEL_HAVE_DPA_INFO_LAYOUT 1$dpa_info_defs"
		echo "#define CXL_ACCEL_SIZEOF_CXL_DPA_INFO $dpa_info_size"
	else
		echo "/* #undef CXL_ACCEL_HAVE_DPA_INFO_LAYOUT */"
	fi
	echo
	echo "/* the mainline Type-2 attach API, all of it (src/mainline.c) */"
	if [ "$mainline" = 1 ]; then
		echo "#define CXL_ACCEL_HAVE_MAINLINE_ATTACH 1"
	else
		echo "/* #undef CXL_ACCEL_HAVE_MAINLINE_ATTACH */"
	fi
	echo
	echo "#endif /* CXL_ACCEL_CONFIG_H */"
} > "$tmp" && mv -f "$tmp" "$out"
