#!/bin/sh
# Internal to the harness: print the CEDT QEMU built for this topology, as
# hex, so that a patched copy can override it in later boots.
. /lib/cxlt.sh
cxlt_emit "cedt $(od -A n -v -t x1 /sys/firmware/acpi/tables/CEDT | tr -d ' \n')"
ok "CEDT read"
