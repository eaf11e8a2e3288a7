/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trace events of cxl_accel (events/cxl_accel/ in tracefs), for trace-cmd,
 * perf and RAS tools: a region's request, each decoder's commit and
 * reset, its release, its state changes (suspended, restored, lost) and
 * every error line.  Each event names the function ("dev", its PCI
 * address) and, where there is one, the region's sysfs object ("region",
 * cxl_accelN.M) and its host physical range, so that an AER or a CXL
 * event record of a port on the path can be matched with the region it
 * hits.  Strings are fixed-size arrays: the same event layout on every
 * kernel, whatever its __string() helpers look like.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM cxl_accel

#if !defined(CXL_ACCEL_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define CXL_ACCEL_TRACE_H

#include <linux/pci.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

TRACE_EVENT(cxl_accel_region_request,
	    TP_PROTO(struct pci_dev *pdev, const char *region, u64 hpa,
		     u64 size, const char *how, int rc),
	    TP_ARGS(pdev, region, hpa, size, how, rc),
	    TP_STRUCT__entry(__array(char, dev, 16)
			     __array(char, region, 24)
			     __field(u64, hpa)
			     __field(u64, size)
			     __array(char, how, 12)
			     __field(int, rc)),
	    TP_fast_assign(strscpy(__entry->dev, pci_name(pdev), sizeof(__entry->dev));
			   strscpy(__entry->region, region, sizeof(__entry->region));
			   __entry->hpa = hpa;
			   __entry->size = size;
			   strscpy(__entry->how, how, sizeof(__entry->how));
			   __entry->rc = rc;),
	    TP_printk("dev=%s region=%s hpa=%#llx size=%#llx how=%s rc=%d",
		      __entry->dev, __entry->region, __entry->hpa,
		      __entry->size, __entry->how, __entry->rc)
);

DECLARE_EVENT_CLASS(cxl_accel_decoder,
		    TP_PROTO(struct pci_dev *pdev, const char *region,
			     const char *component, int decoder, u64 hpa,
			     u64 size, int rc),
		    TP_ARGS(pdev, region, component, decoder, hpa, size, rc),
		    TP_STRUCT__entry(__array(char, dev, 16)
				     __array(char, region, 24)
				     __array(char, component, 16)
				     __field(int, decoder)
				     __field(u64, hpa)
				     __field(u64, size)
				     __field(int, rc)),
		    TP_fast_assign(strscpy(__entry->dev, pci_name(pdev),
					   sizeof(__entry->dev));
				   strscpy(__entry->region, region,
					   sizeof(__entry->region));
				   strscpy(__entry->component, component,
					   sizeof(__entry->component));
				   __entry->decoder = decoder;
				   __entry->hpa = hpa;
				   __entry->size = size;
				   __entry->rc = rc;),
		    TP_printk("dev=%s region=%s component=%s decoder=%d hpa=%#llx size=%#llx rc=%d",
			      __entry->dev, __entry->region, __entry->component,
			      __entry->decoder, __entry->hpa, __entry->size,
			      __entry->rc)
);

/* component: "endpoint", a switch's upstream port, or "host-bridge" */
DEFINE_EVENT(cxl_accel_decoder, cxl_accel_decoder_commit,
	     TP_PROTO(struct pci_dev *pdev, const char *region,
		      const char *component, int decoder, u64 hpa, u64 size,
		      int rc),
	     TP_ARGS(pdev, region, component, decoder, hpa, size, rc)
);

DEFINE_EVENT(cxl_accel_decoder, cxl_accel_decoder_reset,
	     TP_PROTO(struct pci_dev *pdev, const char *region,
		      const char *component, int decoder, u64 hpa, u64 size,
		      int rc),
	     TP_ARGS(pdev, region, component, decoder, hpa, size, rc)
);

/*
 * state: "released", "kept" or "parked" when the driver lets it go;
 * "suspended", "restored" or "lost" when the hardware takes it.
 */
TRACE_EVENT(cxl_accel_region_state,
	    TP_PROTO(struct pci_dev *pdev, const char *region, u64 hpa,
		     u64 size, const char *state),
	    TP_ARGS(pdev, region, hpa, size, state),
	    TP_STRUCT__entry(__array(char, dev, 16)
			     __array(char, region, 24)
			     __field(u64, hpa)
			     __field(u64, size)
			     __array(char, state, 12)),
	    TP_fast_assign(strscpy(__entry->dev, pci_name(pdev), sizeof(__entry->dev));
			   strscpy(__entry->region, region, sizeof(__entry->region));
			   __entry->hpa = hpa;
			   __entry->size = size;
			   strscpy(__entry->state, state, sizeof(__entry->state));),
	    TP_printk("dev=%s region=%s hpa=%#llx size=%#llx state=%s",
		      __entry->dev, __entry->region, __entry->hpa,
		      __entry->size, __entry->state)
);

/* every error line cxl_accel logs about a function: refusals and failures */
TRACE_EVENT(cxl_accel_error,
	    TP_PROTO(struct pci_dev *pdev, const char *msg),
	    TP_ARGS(pdev, msg),
	    TP_STRUCT__entry(__array(char, dev, 16)
			     __array(char, msg, 256)),
	    TP_fast_assign(strscpy(__entry->dev, pci_name(pdev), sizeof(__entry->dev));
			   strscpy(__entry->msg, msg, sizeof(__entry->msg));),
	    TP_printk("dev=%s msg=\"%s\"", __entry->dev, __entry->msg)
);

#endif /* CXL_ACCEL_TRACE_H */

/* out of tree: define_trace.h finds this file through the -I of Kbuild */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE cxl_accel_trace
#include <trace/define_trace.h>
