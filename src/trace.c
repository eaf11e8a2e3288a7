// SPDX-License-Identifier: GPL-2.0-only
/* The trace events of cxl_accel, declared in cxl_accel_trace.h, defined here. */

#define CREATE_TRACE_POINTS
#include "cxl_accel_trace.h"
