#!/bin/sh
# A private region for one device: HPA from the window, decoders committed
# on the endpoint, the switch and the host bridge (where they have them),
# claimed privately, data through the mapping at the right DPA, and
# released without a trace.
#@ tier: smoke basic trixie next rt
#@ topology: direct direct-hdm switch-single
#@ topology 6.12-trixie: direct-hdm
#@ topology 6.12-rt: direct-hdm
#@ topology 7.3: direct-hdm
#@ topology 7.3-trixie: direct direct-hdm switch-single
#@ plan: 26
#@ plan: * direct 25
#@ plan: 6.12 direct-hdm 28
#@ modules: cxl_accel cxl_accel_test
#@ takeover: t0=cxl_accel_test
#@ oracle: yes
. /lib/cxlt.sh
. /lib/cxlt_accel.sh

cxlt_accel_load || exit 0
SIZE=0x10000000

accel_cmd freespace
expect_eq "freespace succeeds" "$(accel_status rc)" 0
check "freespace is at least one region" [ "$(($(accel_status freespace)))" -ge $((SIZE)) ]

# where it must land, from the CEDT, /proc/iomem and the registers
hpa=$(hw_expect_hpa "$ACCEL_BDF" $SIZE)
dpa=0x0
accel_cmd "request $SIZE"
expect_eq "request a 256 MiB region" "$(accel_status rc)" 0
expect_eq "its HPA is the first free 256 MiB of the device's window" "$(accel_slot 0 hpa)" "$hpa"
expect_eq "its DPA is the device's first" "$(accel_slot 0 dpa)" "$dpa"
diag "region at $hpa, DPA $dpa"
accel_check_claim "$hpa" "$SIZE"
accel_check_private "$hpa"
accel_check_decoders "$hpa" "$SIZE" 0
accel_check_core_view 1 "$hpa" "$SIZE"

accel_cmd "fill 0 0 4096 0x5eed0001"
expect_eq "fill the start through the mapping" "$(accel_status rc)" 0
accel_cmd "fill 0 $((SIZE - 0x8000)) 4096 0x5eed0002"
accel_cmd "verify 0 0 4096 0x5eed0001"
expect_eq "read back the start" "$(accel_status rc) $(accel_status mismatches)" "0 0"
accel_cmd "verify 0 $((SIZE - 0x8000)) 4096 0x5eed0002"
expect_eq "read back the end" "$(accel_status rc) $(accel_status mismatches)" "0 0"
oracle_region r0 "$hpa" "$SIZE" 1 256 "0x1000@$dpa"
oracle_fill r0 0 4096 0x5eed0001
oracle_fill r0 $((SIZE - 0x8000)) 4096 0x5eed0002

accel_cmd "release 0"
expect_eq "release" "$(accel_status rc)" 0
accel_check_clean
accel_check_core_view 0
