#!/bin/sh
# Proves that the oracle can fail.  On a region the kernel made (PMEM, which
# every kernel has), the standard words go where they are reported; then
# one more word is written at offset X and reported at X + 0x1000 - on the
# 2-way 4 KiB region that is the other device.  The oracle must find the
# word missing where the report puts it and present where nobody said.
#@ kernels: 6.1 6.12
#@ topology: direct-pmem interleave-pmem
#@ plan: 6
#@ oracle: expect-fail placement stray
. /lib/cxlt.sh

cxlt_kernel_region pmem || exit 0
cxlt_patterns "$CXLT_REGION" "$CXLT_BASE" "$CXLT_SIZE" "$CXLT_GRAN"
# X is clear of the standard words and fill for granularities of 256 B
# and 4 KiB, and so is X + 0x1000.
x=0x2040
v=$(cxlt_word 0xBADBAD00 $x)
cxlt_write64 $((CXLT_BASE + x)) "$v"
oracle_write "$CXLT_REGION" "$(printf '0x%x' $((x + 0x1000)))" "$v"
# missing where reported, present where nobody said: exactly these two
oracle_expect placement "$CXLT_REGION" "$(printf '0x%x' $((x + 0x1000)))"
oracle_expect stray "$CXLT_REGION" "$(printf '0x%x' $x)"
expect_eq "the misplaced word reads back where it was written" \
	"$(cxlt_read64 $((CXLT_BASE + x)))" "$v"
