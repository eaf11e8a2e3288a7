/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the kernel's CXL core exports (namespace CXL) and cxl_accel uses,
 * but no linux-headers package declares: the core's own header,
 * drivers/cxl/cxl.h, is not shipped.  These have had the same signatures
 * from 6.1 to 7.3; the objects behind the pointers stay opaque and are
 * reached only through the layouts conftest.sh reads from BTF.
 */
#ifndef CXL_ACCEL_COMPAT_CXL_CORE_H
#define CXL_ACCEL_COMPAT_CXL_CORE_H

#include <linux/device.h>
#include <linux/types.h>

struct cxl_port;
struct cxl_switch_decoder;

/*
 * Declared const, as 6.4 and later define it.  6.1 defines it and its bus
 * functions non-const, so cxl_accel_cxl_bus() drops the qualifier: right
 * for the object on every kernel and accepted by both signatures.
 */
extern const struct bus_type cxl_bus_type;

static inline void *cxl_accel_cxl_bus(void)
{
	return (void *)&cxl_bus_type;
}

bool is_cxl_port(const struct device *dev);
struct cxl_port *to_cxl_port(const struct device *dev);
bool is_switch_decoder(struct device *dev);
bool is_root_decoder(struct device *dev);
struct cxl_switch_decoder *to_cxl_switch_decoder(struct device *dev);

/*
 * drivers/cxl/core/suspend.c (CONFIG_CXL_SUSPEND): the count of CXL
 * memory that a suspend would lose, asked by the PM core (suspend.c).
 */
void cxl_mem_active_inc(void);
void cxl_mem_active_dec(void);

#endif /* CXL_ACCEL_COMPAT_CXL_CORE_H */
