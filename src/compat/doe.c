// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOE mailboxes across kernels (see doe.h).
 *
 * 6.5 and later: the PCI core creates every mailbox of every function
 * when it enumerates it and serialises their use; pci_find_doe_mailbox()
 * gives the one that speaks a protocol, pci_doe() one exchange.
 *
 * 6.1 to 6.4: a mailbox exists only where a driver created one, with
 * pcim_doe_create_mb(), managed by the function's driver binding.  Here
 * that is the vendor's driver, which owns the accelerator function and
 * calls cxl_accel_probe() from its own probe: no other driver has a
 * mailbox on the function (cxl_pci binds memory-device class functions,
 * and the vendor's driver is bound), so one created here races nobody.
 * An exchange is a task submitted to it, waited for.
 */
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/pci.h>
#include <linux/pci-doe.h>

#include "cxl_accel_config.h"
#include "doe.h"

#if defined(CXL_ACCEL_HAVE_PCI_DOE) && defined(CXL_ACCEL_HAVE_EXPORT_PCI_DOE) && \
	defined(CXL_ACCEL_HAVE_EXPORT_PCI_FIND_DOE_MAILBOX)

struct pci_doe_mb *cxl_accel_doe_find(struct pci_dev *pdev, u16 vendor,
				      u8 type, const char **why)
{
	struct pci_doe_mb *mb = pci_find_doe_mailbox(pdev, vendor, type);

	*why = "no DOE mailbox of the function speaks the protocol";
	return mb ?: ERR_PTR(-ENODEV);
}

int cxl_accel_doe_exchange(struct pci_doe_mb *mb, u16 vendor, u8 type,
			   const __le32 *req, size_t req_sz, __le32 *rsp,
			   size_t rsp_sz)
{
	return pci_doe(mb, vendor, type, req, req_sz, rsp, rsp_sz);
}

#elif defined(CXL_ACCEL_HAVE_PCIM_DOE_CREATE_MB) && \
	defined(CXL_ACCEL_HAVE_EXPORT_PCIM_DOE_CREATE_MB) && \
	defined(CXL_ACCEL_HAVE_EXPORT_PCI_DOE_SUBMIT_TASK)

struct pci_doe_mb *cxl_accel_doe_find(struct pci_dev *pdev, u16 vendor,
				      u8 type, const char **why)
{
	struct pci_doe_mb *mb;
	u16 off = 0;

	*why = "no DOE mailbox of the function speaks the protocol";
	if (!pdev->dev.driver) {
		*why = "the function has no driver to manage a DOE mailbox";
		return ERR_PTR(-ENODEV);
	}
	pci_doe_for_each_off(pdev, off) {
		mb = pcim_doe_create_mb(pdev, off);
		if (IS_ERR(mb))
			continue;
		if (pci_doe_supports_prot(mb, vendor, type))
			return mb;
	}
	return ERR_PTR(-ENODEV);
}

static void exchange_done(struct pci_doe_task *task)
{
	complete(task->private);
}

int cxl_accel_doe_exchange(struct pci_doe_mb *mb, u16 vendor, u8 type,
			   const __le32 *req, size_t req_sz, __le32 *rsp,
			   size_t rsp_sz)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct pci_doe_task task = {
		.prot = { .vid = vendor, .type = type },
		/* 6.1 takes a non-const request it never writes */
		.request_pl = (__le32 *)req,
		.request_pl_sz = req_sz,
		.response_pl = rsp,
		.response_pl_sz = rsp_sz,
		.complete = exchange_done,
		.private = &done,
	};
	int rc;

	rc = pci_doe_submit_task(mb, &task);
	if (rc)
		return rc;
	wait_for_completion(&done);
	return task.rv;
}

#else

struct pci_doe_mb *cxl_accel_doe_find(struct pci_dev *pdev, u16 vendor,
				      u8 type, const char **why)
{
	*why = "this kernel offers no DOE mailboxes to modules (CONFIG_PCI_DOE)";
	return ERR_PTR(-EOPNOTSUPP);
}

int cxl_accel_doe_exchange(struct pci_doe_mb *mb, u16 vendor, u8 type,
			   const __le32 *req, size_t req_sz, __le32 *rsp,
			   size_t rsp_sz)
{
	return -EOPNOTSUPP;
}

#endif
