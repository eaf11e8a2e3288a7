// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxl_accel_netdev: an example network driver for a CXL Type-2 device,
 * written against cxl_accel's public API only.
 *
 * The "NIC" is a loopback: every frame it transmits comes back as a
 * received frame.  What it shows is where the data lives.  At probe the
 * driver gets one private 256 MiB region of the device's own memory from
 * cxl_accel (host address space claimed from a CXL window, HDM decoders
 * committed from the device up to its host bridge), maps it, and keeps both
 * descriptor rings and every packet buffer in it, at these offsets:
 *
 *	0x0000000	TX descriptors	tx_ring_size x 16 bytes
 *	0x0010000	RX descriptors	rx_ring_size x 16 bytes
 *	0x0100000	TX buffers	tx_ring_size x 4 KiB
 *	0x1100000	RX buffers	rx_ring_size x 4 KiB
 *
 * ndo_start_xmit copies a frame into the next TX buffer and hands its
 * descriptor to the device.  The device, played here by the NAPI poll,
 * copies the frame into the next RX buffer the driver posted; the driver
 * then receives it from there.  Descriptors name buffers by DPA, the
 * address the device knows its own memory by, and carry the frame's CRC32,
 * which the receive side checks (rx_crc_errors).  Rings and buffers are
 * zeroed on every open.
 *
 * /sys/kernel/debug/cxl_accel_netdev/<pci address>/ has "layout" (the
 * region's HPA, DPA and the offsets above) and "region" (its bytes up to
 * the end of the RX buffers), so that tests can show where frames landed,
 * and "cxl_reset", which recovers the device with a CXL Reset.
 *
 * It matches no device ID: hand it a device with driver_override.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/crc32.h>
#include <linux/debugfs.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_vlan.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/u64_stats_sync.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include <cxl_accel.h>

#define CXLN_REGION_SIZE	SZ_256M
#define CXLN_TX_RING		0x0
#define CXLN_RX_RING		SZ_64K
#define CXLN_TX_BUF		SZ_1M
#define CXLN_RX_BUF		(SZ_1M + SZ_16M)
#define CXLN_BUF_SIZE		SZ_4K
#define CXLN_RING_MIN		8
#define CXLN_RING_MAX		4096

/* A descriptor, in device memory, little-endian. */
struct cxln_desc {
	__le64 addr;		/* the buffer's DPA */
	__le32 crc;		/* CRC32 of the frame */
	__le16 len;		/* frame length in bytes */
	__le16 flags;
};

#define CXLN_DESC_OWN		BIT(0)	/* the device's until it sets DONE */
#define CXLN_DESC_DONE		BIT(1)	/* the device is done with it */
#define CXLN_DESC_ERR		BIT(2)	/* ...and failed: bad buffer address */

struct cxln_ring {
	struct cxln_desc *desc;
	void *buf;
	unsigned int size;	/* entries, a power of two */
	unsigned int next;	/* the driver's next entry to fill or receive */
	unsigned int clean;	/* TX: the next entry to take back */
};

/* Counters; the TX set is written by ndo_start_xmit, the RX set by NAPI. */
struct cxln_stats {
	u64_stats_t packets;
	u64_stats_t bytes;
	u64_stats_t dropped;
	u64_stats_t errors;
	u64_stats_t crc_errors;
	struct u64_stats_sync syncp;
};

struct cxln_priv {
	struct net_device *netdev;
	struct pci_dev *pdev;
	struct cxl_accel_dev *cxlad;
	struct cxl_accel_region *region;
	struct range hpa, dpa;
	/* the mapping; NULL once the region is lost (under RTNL) */
	void *mem;
	/* rings_in_ram: where the rings and buffers are instead of @mem */
	void *ram;
	struct cxln_ring tx, rx;
	/* the device's own state: on real hardware this is in the NIC */
	unsigned int dev_tx, dev_rx;
	struct napi_struct napi;
	/* no xmit or poll (napi disabled); under RTNL */
	bool quiesced;
	struct cxln_stats tx_stats, rx_stats;
	struct dentry *debugfs;
	struct debugfs_blob_wrapper blob;
};

static struct dentry *cxln_debugfs_root;

static int cxln_ring_size_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;
	int rc;

	rc = kstrtouint(val, 0, &n);
	if (rc)
		return rc;
	if (n < CXLN_RING_MIN || n > CXLN_RING_MAX || !is_power_of_2(n)) {
		pr_err("%s=%u: must be a power of two from %u to %u\n",
		       kp->name, n, CXLN_RING_MIN, CXLN_RING_MAX);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = n;
	return 0;
}

static const struct kernel_param_ops cxln_ring_size_ops = {
	.set = cxln_ring_size_set,
	.get = param_get_uint,
};

static unsigned int tx_ring_size = 64;
module_param_cb(tx_ring_size, &cxln_ring_size_ops, &tx_ring_size, 0444);
MODULE_PARM_DESC(tx_ring_size, "TX descriptors: a power of two, 8 to 4096 (64)");

static unsigned int rx_ring_size = 64;
module_param_cb(rx_ring_size, &cxln_ring_size_ops, &rx_ring_size, 0444);
MODULE_PARM_DESC(rx_ring_size, "RX descriptors: a power of two, 8 to 4096 (64)");

/*
 * Not for a real driver: make bench (tests/bench) compares the loopback's
 * packet rate with rings and buffers in the region against the same driver
 * with them in ordinary kernel memory.  The region is still requested and
 * mapped; only the rings move.
 */
static bool rings_in_ram;
module_param(rings_in_ram, bool, 0444);
MODULE_PARM_DESC(rings_in_ram, "make bench's reference: rings and buffers in vmalloc()ed kernel memory, not the region (N)");

/* Where the rings and buffers are: the region's mapping, or make bench's RAM. */
static void *cxln_base(struct cxln_priv *priv)
{
	return priv->ram ?: priv->mem;
}

static u16 cxln_flags(const struct cxln_desc *d)
{
	return le16_to_cpu(READ_ONCE(d->flags));
}

/* Hand a descriptor over: its contents first, then its flags. */
static void cxln_set_flags(struct cxln_desc *d, u16 flags)
{
	dma_wmb();
	WRITE_ONCE(d->flags, cpu_to_le16(flags));
}

static u32 cxln_crc(const void *p, unsigned int len)
{
	return ~crc32_le(~0, p, len);
}

static void cxln_ring_init(struct cxln_priv *priv, struct cxln_ring *ring,
			   u64 desc_off, u64 buf_off, u16 flags)
{
	unsigned int i;

	ring->desc = cxln_base(priv) + desc_off;
	ring->buf = cxln_base(priv) + buf_off;
	ring->next = 0;
	ring->clean = 0;
	memset(ring->desc, 0, ring->size * sizeof(*ring->desc));
	memset(ring->buf, 0, ring->size * CXLN_BUF_SIZE);
	for (i = 0; i < ring->size; i++) {
		ring->desc[i].addr = cpu_to_le64(priv->dpa.start + buf_off +
						 i * CXLN_BUF_SIZE);
		cxln_set_flags(&ring->desc[i], flags);
	}
}

/*
 * The device: move transmitted frames into posted RX buffers, at most
 * @budget.  It finds buffers by the DPA in their descriptors.
 */
static int cxln_device_loopback(struct cxln_priv *priv, int budget)
{
	u64 first = priv->dpa.start + CXLN_TX_BUF;
	u64 last = priv->dpa.start + CXLN_RX_BUF +
		   (priv->rx.size - 1) * CXLN_BUF_SIZE;
	struct cxln_desc *td, *rd;
	u64 from, to;
	int n = 0;
	u16 len;

	for (; n < budget; n++) {
		td = &priv->tx.desc[priv->dev_tx & (priv->tx.size - 1)];
		rd = &priv->rx.desc[priv->dev_rx & (priv->rx.size - 1)];
		if (!(cxln_flags(td) & CXLN_DESC_OWN) ||
		    !(cxln_flags(rd) & CXLN_DESC_OWN))
			break;
		dma_rmb();
		from = le64_to_cpu(td->addr);
		to = le64_to_cpu(rd->addr);
		len = le16_to_cpu(td->len);
		if (from < first || from > last || to < first || to > last ||
		    len > CXLN_BUF_SIZE) {
			rd->len = 0;
			cxln_set_flags(rd, CXLN_DESC_DONE | CXLN_DESC_ERR);
		} else {
			memcpy(cxln_base(priv) + (to - priv->dpa.start),
			       cxln_base(priv) + (from - priv->dpa.start), len);
			rd->len = td->len;
			rd->crc = td->crc;
			cxln_set_flags(rd, CXLN_DESC_DONE);
		}
		cxln_set_flags(td, CXLN_DESC_DONE);
		priv->dev_tx++;
		priv->dev_rx++;
	}
	return n;
}

/* A frame up the stack, copied out of the region. */
static bool cxln_receive(struct cxln_priv *priv, const void *buf,
			 unsigned int len)
{
	struct sk_buff *skb = napi_alloc_skb(&priv->napi, len);

	if (!skb)
		return false;
	skb_put_data(skb, buf, len);
	skb->protocol = eth_type_trans(skb, priv->netdev);
	napi_gro_receive(&priv->napi, skb);
	return true;
}

/* The driver: receive what the device put in RX buffers, repost them. */
static int cxln_rx(struct cxln_priv *priv, int budget)
{
	u64 packets = 0, bytes = 0, dropped = 0, errors = 0, crc_errors = 0;
	struct cxln_stats *st = &priv->rx_stats;
	struct cxln_ring *rx = &priv->rx;
	struct cxln_desc *d;
	unsigned int i;
	u16 flags, len;
	void *buf;
	int n;

	for (n = 0; n < budget; n++, rx->next++) {
		i = rx->next & (rx->size - 1);
		d = &rx->desc[i];
		flags = cxln_flags(d);
		if (!(flags & CXLN_DESC_DONE))
			break;
		dma_rmb();
		len = le16_to_cpu(d->len);
		buf = rx->buf + i * CXLN_BUF_SIZE;
		if (flags & CXLN_DESC_ERR || len < ETH_HLEN) {
			errors++;
		} else if (cxln_crc(buf, len) != le32_to_cpu(d->crc)) {
			errors++;
			crc_errors++;
		} else if (cxln_receive(priv, buf, len)) {
			packets++;
			bytes += len;
		} else {
			dropped++;
		}
		d->len = 0;
		d->crc = 0;
		cxln_set_flags(d, CXLN_DESC_OWN);
	}
	u64_stats_update_begin(&st->syncp);
	u64_stats_add(&st->packets, packets);
	u64_stats_add(&st->bytes, bytes);
	u64_stats_add(&st->dropped, dropped);
	u64_stats_add(&st->errors, errors);
	u64_stats_add(&st->crc_errors, crc_errors);
	u64_stats_update_end(&st->syncp);
	return n;
}

/* The driver: take back TX descriptors the device is done with. */
static void cxln_tx_reclaim(struct cxln_priv *priv)
{
	struct cxln_ring *tx = &priv->tx;
	struct cxln_desc *d;
	bool freed = false;

	for (;;) {
		d = &tx->desc[tx->clean & (tx->size - 1)];
		if (!(cxln_flags(d) & CXLN_DESC_DONE))
			break;
		WRITE_ONCE(d->flags, 0);
		tx->clean++;
		freed = true;
	}
	/* pairs with the barrier in cxln_xmit() after stopping the queue */
	smp_mb();
	if (freed && netif_queue_stopped(priv->netdev))
		netif_wake_queue(priv->netdev);
}

static int cxln_poll(struct napi_struct *napi, int budget)
{
	struct cxln_priv *priv = container_of(napi, struct cxln_priv, napi);
	int moved, done = 0;

	do {
		moved = cxln_device_loopback(priv, budget - done);
		done += cxln_rx(priv, budget - done);
	} while (moved && done < budget);
	cxln_tx_reclaim(priv);
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

static netdev_tx_t cxln_xmit(struct sk_buff *skb, struct net_device *netdev)
{
	struct cxln_priv *priv = netdev_priv(netdev);
	struct cxln_ring *tx = &priv->tx;
	struct cxln_stats *st = &priv->tx_stats;
	unsigned int i = tx->next & (tx->size - 1);
	struct cxln_desc *d = &tx->desc[i];
	unsigned int len = skb->len;

	if (cxln_flags(d)) {
		netif_stop_queue(netdev);
		return NETDEV_TX_BUSY;
	}
	if (len > CXLN_BUF_SIZE || skb_linearize(skb)) {
		dev_kfree_skb_any(skb);
		u64_stats_update_begin(&st->syncp);
		u64_stats_inc(&st->dropped);
		u64_stats_update_end(&st->syncp);
		return NETDEV_TX_OK;
	}
	memcpy(tx->buf + i * CXLN_BUF_SIZE, skb->data, len);
	d->len = cpu_to_le16(len);
	d->crc = cpu_to_le32(cxln_crc(skb->data, len));
	cxln_set_flags(d, CXLN_DESC_OWN);
	tx->next++;
	dev_consume_skb_any(skb);
	u64_stats_update_begin(&st->syncp);
	u64_stats_inc(&st->packets);
	u64_stats_add(&st->bytes, len);
	u64_stats_update_end(&st->syncp);

	if (cxln_flags(&tx->desc[tx->next & (tx->size - 1)])) {
		netif_stop_queue(netdev);
		/* pairs with the barrier in cxln_tx_reclaim() */
		smp_mb();
		if (!cxln_flags(&tx->desc[tx->next & (tx->size - 1)]))
			netif_start_queue(netdev);
	}
	/* the doorbell */
	napi_schedule(&priv->napi);
	return NETDEV_TX_OK;
}

/* Rings from scratch, then traffic; under RTNL, with the region mapped. */
static void cxln_start(struct cxln_priv *priv)
{
	struct net_device *netdev = priv->netdev;

	cxln_ring_init(priv, &priv->tx, CXLN_TX_RING, CXLN_TX_BUF, 0);
	cxln_ring_init(priv, &priv->rx, CXLN_RX_RING, CXLN_RX_BUF,
		       CXLN_DESC_OWN);
	priv->dev_tx = 0;
	priv->dev_rx = 0;
	napi_enable(&priv->napi);
	priv->quiesced = false;
	netif_carrier_on(netdev);
	netif_start_queue(netdev);
}

static int cxln_open(struct net_device *netdev)
{
	struct cxln_priv *priv = netdev_priv(netdev);

	if (!priv->mem)
		return -ENODEV;
	cxln_start(priv);
	return 0;
}

/*
 * Carrier off, no more xmit or poll; under RTNL, while the rings are
 * mapped.  Once only: a reset quiesces, and a loss after it must not
 * disable NAPI a second time (napi_disable() would wait for ever).
 */
static void cxln_quiesce(struct cxln_priv *priv)
{
	ASSERT_RTNL();
	if (priv->quiesced)
		return;
	netif_carrier_off(priv->netdev);
	netif_tx_disable(priv->netdev);
	napi_disable(&priv->napi);
	priv->quiesced = true;
}

static int cxln_stop(struct net_device *netdev)
{
	struct cxln_priv *priv = netdev_priv(netdev);

	/* after a loss, cxln_region_lost() did it already */
	if (priv->mem)
		cxln_quiesce(priv);
	return 0;
}

static void cxln_get_stats64(struct net_device *netdev,
			     struct rtnl_link_stats64 *s)
{
	struct cxln_priv *priv = netdev_priv(netdev);
	struct cxln_stats *st = &priv->tx_stats;
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&st->syncp);
		s->tx_packets = u64_stats_read(&st->packets);
		s->tx_bytes = u64_stats_read(&st->bytes);
		s->tx_dropped = u64_stats_read(&st->dropped);
	} while (u64_stats_fetch_retry(&st->syncp, start));
	st = &priv->rx_stats;
	do {
		start = u64_stats_fetch_begin(&st->syncp);
		s->rx_packets = u64_stats_read(&st->packets);
		s->rx_bytes = u64_stats_read(&st->bytes);
		s->rx_dropped = u64_stats_read(&st->dropped);
		s->rx_errors = u64_stats_read(&st->errors);
		s->rx_crc_errors = u64_stats_read(&st->crc_errors);
	} while (u64_stats_fetch_retry(&st->syncp, start));
}

static const struct net_device_ops cxln_netdev_ops = {
	.ndo_open = cxln_open,
	.ndo_stop = cxln_stop,
	.ndo_start_xmit = cxln_xmit,
	.ndo_get_stats64 = cxln_get_stats64,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

static void cxln_get_drvinfo(struct net_device *netdev,
			     struct ethtool_drvinfo *info)
{
	struct cxln_priv *priv = netdev_priv(netdev);

	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->bus_info, pci_name(priv->pdev), sizeof(info->bus_info));
}

static void cxln_get_ringparam(struct net_device *netdev,
			       struct ethtool_ringparam *ring,
			       struct kernel_ethtool_ringparam *kring,
			       struct netlink_ext_ack *extack)
{
	struct cxln_priv *priv = netdev_priv(netdev);

	ring->tx_max_pending = CXLN_RING_MAX;
	ring->rx_max_pending = CXLN_RING_MAX;
	ring->tx_pending = priv->tx.size;
	ring->rx_pending = priv->rx.size;
}

static const struct ethtool_ops cxln_ethtool_ops = {
	.get_drvinfo = cxln_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_ringparam = cxln_get_ringparam,
};

static int layout_show(struct seq_file *s, void *unused)
{
	struct cxln_priv *priv = s->private;

	seq_printf(s, "hpa=%#llx\ndpa=%#llx\nsize=%#llx\n", priv->hpa.start,
		   priv->dpa.start, range_len(&priv->hpa));
	seq_printf(s, "desc_size=%zu\nbuf_size=%u\n", sizeof(struct cxln_desc),
		   CXLN_BUF_SIZE);
	seq_printf(s, "tx_ring=%#x\ntx_ring_size=%u\ntx_buf=%#x\n",
		   CXLN_TX_RING, priv->tx.size, CXLN_TX_BUF);
	seq_printf(s, "rx_ring=%#x\nrx_ring_size=%u\nrx_buf=%#x\n",
		   CXLN_RX_RING, priv->rx.size, CXLN_RX_BUF);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(layout);

/* Stop using the region: debugfs first, it reads the mapping.  Under RTNL. */
static void cxln_release_mem(struct cxln_priv *priv)
{
	debugfs_remove_recursive(priv->debugfs);
	priv->debugfs = NULL;
	if (priv->mem)
		cxl_accel_region_unmap(priv->region, priv->mem);
	priv->mem = NULL;
}

static void cxln_free_ram(void *ram)
{
	vfree(ram);
}

static void cxln_unmap(void *data)
{
	rtnl_lock();
	cxln_release_mem(data);
	rtnl_unlock();
}

/* cxl_accel lost the region (its CXL path is going away): stop using it. */
static void cxln_region_lost(struct cxl_accel_region *r, void *data)
{
	struct cxln_priv *priv = data;

	pci_warn(priv->pdev, "CXL region lost: %s stops\n", priv->netdev->name);
	rtnl_lock();
	if (netif_running(priv->netdev) && priv->mem)
		cxln_quiesce(priv);
	netif_carrier_off(priv->netdev);
	netif_device_detach(priv->netdev);
	cxln_release_mem(priv);
	rtnl_unlock();
}

/* No traffic: the interface is quiesced and detached.  Takes RTNL. */
static void cxln_halt(struct cxln_priv *priv)
{
	rtnl_lock();
	if (netif_running(priv->netdev) && priv->mem)
		cxln_quiesce(priv);
	netif_device_detach(priv->netdev);
	rtnl_unlock();
}

/*
 * The interface starts over: the region came through a reset
 * (@restored), or the reset did not happen.
 */
static void cxln_restart(struct cxln_priv *priv, bool restored)
{
	rtnl_lock();
	if (priv->mem) {
		netif_device_attach(priv->netdev);
		if (netif_running(priv->netdev))
			cxln_start(priv);
		if (restored)
			netdev_info(priv->netdev, "CXL region restored after a reset: traffic resumes\n");
	}
	rtnl_unlock();
}

/*
 * The region came back after a reset: on the stack of cxln_reset_done(),
 * or from cxl_accel's work item after an AER recovery's link reset.  It
 * was suspended by cxln_reset_prepare(), which stopped the interface
 * first; a loss is cxln_region_lost()'s business.
 */
static void cxln_region_state(struct cxl_accel_region *r,
			      enum cxl_accel_state state, void *data)
{
	if (state == CXL_ACCEL_STATE_RESTORED)
		cxln_restart(data, true);
}

/*
 * The CXL part: the device as a CXL accelerator, one region of its
 * memory, mapped.  devm undoes each step on unbind or failure.
 */
static int cxln_cxl_init(struct cxln_priv *priv)
{
	struct pci_dev *pdev = priv->pdev;
	struct cxl_accel_dev *cxlad;
	struct cxl_accel_info info;
	int rc;

	cxlad = devm_cxl_accel_probe(pdev);
	if (IS_ERR(cxlad)) {
		pci_err(pdev, "expected a CXL device with HDM decoders (%pe)\n",
			cxlad);
		return PTR_ERR(cxlad);
	}
	priv->cxlad = cxlad;

	cxl_accel_get_info(cxlad, &info);
	if (info.capacity < CXLN_REGION_SIZE) {
		pci_err(pdev, "expected at least 256 MiB of device memory, found %llu MiB\n",
			info.capacity >> 20);
		return -ENOSPC;
	}

	priv->region = devm_cxl_accel_region_request(&pdev->dev, cxlad,
						     CXL_ACCEL_MODE_RAM,
						     CXLN_REGION_SIZE, 0);
	if (IS_ERR(priv->region)) {
		pci_err(pdev, "expected a 256 MiB region in a CXL window (%pe)\n",
			priv->region);
		return PTR_ERR(priv->region);
	}
	cxl_accel_region_range(priv->region, &priv->hpa);
	cxl_accel_region_dpa(priv->region, &priv->dpa);

	priv->mem = cxl_accel_region_map(priv->region, CXL_ACCEL_MAP_WB);
	if (IS_ERR(priv->mem)) {
		rc = PTR_ERR(priv->mem);
		priv->mem = NULL;
		pci_err(pdev, "expected to map the region at %#llx (%d)\n",
			priv->hpa.start, rc);
		return rc;
	}
	rc = devm_add_action_or_reset(&pdev->dev, cxln_unmap, priv);
	if (rc)
		return rc;
	if (rings_in_ram) {
		priv->ram = vzalloc(CXLN_RX_BUF + rx_ring_size * CXLN_BUF_SIZE);
		if (!priv->ram)
			return -ENOMEM;
		rc = devm_add_action_or_reset(&pdev->dev, cxln_free_ram, priv->ram);
		if (rc)
			return rc;
		pci_info(pdev, "rings_in_ram: rings and buffers in kernel memory, not the region\n");
	}

	/*
	 * Both called from a work item or a reset handler; the region's
	 * devm release (at unbind) clears them and waits for a call under
	 * way, so @priv outlives them.
	 */
	cxl_accel_region_set_state_notify(priv->region, cxln_region_state,
					  priv);
	cxl_accel_region_set_notify(priv->region, cxln_region_lost, priv);
	/* cxln_pm below restores the region after system sleep */
	cxl_accel_enable_suspend(priv->cxlad);
	return 0;
}

/*
 * debugfs "cxl_reset": "1", or "memclr" for a reset that also clears the
 * device's memory.  A CXL Reset of the device, as a driver would use one
 * to recover its accelerator: the interface stops, cxl_accel resets the
 * device and restores the region, and cxln_region_state() starts the
 * interface over on fresh rings.  If the reset was refused (the device
 * does not offer it) nothing happened and the interface starts again at
 * once; if it failed, the region is lost (cxln_region_lost()).
 */
static ssize_t cxl_reset_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct cxln_priv *priv = file->private_data;
	unsigned int flags;
	char buf[8] = {};
	int rc;

	if (len >= sizeof(buf) || copy_from_user(buf, ubuf, len))
		return -EINVAL;
	if (sysfs_streq(buf, "1"))
		flags = 0;
	else if (sysfs_streq(buf, "memclr"))
		flags = CXL_ACCEL_CXL_RESET_MEM_CLR;
	else
		return -EINVAL;
	cxln_halt(priv);
	rc = cxl_accel_cxl_reset(priv->cxlad, flags);
	if (rc == -EOPNOTSUPP)
		cxln_restart(priv, false);
	return rc ?: len;
}

static const struct file_operations cxl_reset_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = cxl_reset_write,
	.llseek = noop_llseek,
};

static int cxln_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct net_device *netdev;
	struct cxln_priv *priv;
	int rc;

	rc = pcim_enable_device(pdev);
	if (rc)
		return rc;

	netdev = devm_alloc_etherdev(&pdev->dev, sizeof(*priv));
	if (!netdev)
		return -ENOMEM;
	strscpy(netdev->name, "cxlaccel%d", sizeof(netdev->name));
	SET_NETDEV_DEV(netdev, &pdev->dev);
	priv = netdev_priv(netdev);
	priv->netdev = netdev;
	priv->pdev = pdev;
	/* NAPI starts disabled: cxln_open() enables it */
	priv->quiesced = true;
	priv->tx.size = tx_ring_size;
	priv->rx.size = rx_ring_size;
	u64_stats_init(&priv->tx_stats.syncp);
	u64_stats_init(&priv->rx_stats.syncp);

	rc = cxln_cxl_init(priv);
	if (rc)
		return rc;

	netdev->netdev_ops = &cxln_netdev_ops;
	netdev->ethtool_ops = &cxln_ethtool_ops;
	netdev->min_mtu = ETH_MIN_MTU;
	netdev->max_mtu = CXLN_BUF_SIZE - VLAN_ETH_HLEN;
	eth_hw_addr_random(netdev);
	netif_napi_add(netdev, &priv->napi, cxln_poll);
	netif_carrier_off(netdev);

	priv->debugfs = debugfs_create_dir(pci_name(pdev), cxln_debugfs_root);
	debugfs_create_file("layout", 0400, priv->debugfs, priv, &layout_fops);
	debugfs_create_file("cxl_reset", 0200, priv->debugfs, priv,
			    &cxl_reset_fops);
	priv->blob.data = priv->mem;
	priv->blob.size = CXLN_RX_BUF + priv->rx.size * CXLN_BUF_SIZE;
	debugfs_create_blob("region", 0400, priv->debugfs, &priv->blob);

	pci_set_drvdata(pdev, priv);
	/* what slot_reset() restores after an AER recovery's link reset */
	pci_save_state(pdev);
	rc = devm_register_netdev(&pdev->dev, netdev);
	if (rc)
		return rc;
	netdev_info(netdev, "rings and buffers in CXL region %#llx-%#llx (DPA %#llx)\n",
		    priv->hpa.start, priv->hpa.end, priv->dpa.start);
	return 0;
}

/*
 * A reset of the function (its sysfs "reset", a bus reset from above):
 * the interface stops before it, cxl_accel suspends the region; after it,
 * cxl_accel commits the region's path again, and the interface starts
 * over with fresh rings, as a NIC's rings start over after a reset.  If
 * the region did not come through, cxln_region_lost() runs from a work
 * item and the interface stays detached.
 */
static void cxln_reset_prepare(struct pci_dev *pdev)
{
	struct cxln_priv *priv = pci_get_drvdata(pdev);

	cxln_halt(priv);
	cxl_accel_reset_prepare(priv->cxlad);
}

/* cxln_region_state() restarts the interface if the region came through. */
static void cxln_reset_done(struct pci_dev *pdev)
{
	struct cxln_priv *priv = pci_get_drvdata(pdev);

	cxl_accel_reset_done(priv->cxlad);
}

/*
 * AER: a non-fatal error leaves the link and the region alone; a fatal
 * one (a frozen channel) gets the link below the port above reset, so
 * the interface stops and the region is suspended as for any reset.
 * slot_reset() has cxl_accel restore the region from a work item, and
 * cxln_region_state() restarts the interface when it is told the region
 * came through: the PCI core's resume() has nothing to add.
 */
static pci_ers_result_t cxln_error_detected(struct pci_dev *pdev,
					    pci_channel_state_t state)
{
	switch (state) {
	case pci_channel_io_normal:
		return PCI_ERS_RESULT_CAN_RECOVER;
	case pci_channel_io_frozen:
		cxln_reset_prepare(pdev);
		return PCI_ERS_RESULT_NEED_RESET;
	default:
		return PCI_ERS_RESULT_DISCONNECT;
	}
}

static pci_ers_result_t cxln_slot_reset(struct pci_dev *pdev)
{
	struct cxln_priv *priv = pci_get_drvdata(pdev);

	pci_restore_state(pdev);
	/* the restore used up the saved state: save it for the next error */
	pci_save_state(pdev);
	cxl_accel_slot_reset(priv->cxlad);
	return PCI_ERS_RESULT_RECOVERED;
}

static const struct pci_error_handlers cxln_err_handlers = {
	.error_detected = cxln_error_detected,
	.slot_reset = cxln_slot_reset,
	.reset_prepare = cxln_reset_prepare,
	.reset_done = cxln_reset_done,
};

/*
 * System sleep: as around a reset.  A resume from S3 resets the device's
 * decoders like a secondary bus reset; the PCI core has restored config
 * space before .resume, and cxln_region_state() starts the interface
 * over once the region is restored.
 */
static int cxln_suspend(struct device *dev)
{
	struct cxln_priv *priv = dev_get_drvdata(dev);

	cxln_halt(priv);
	cxl_accel_reset_prepare(priv->cxlad);
	return 0;
}

static int cxln_resume(struct device *dev)
{
	struct cxln_priv *priv = dev_get_drvdata(dev);

	cxl_accel_reset_done(priv->cxlad);
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(cxln_pm, cxln_suspend, cxln_resume);

static struct pci_driver cxln_driver = {
	.name = KBUILD_MODNAME,
	.probe = cxln_probe,
	.err_handler = &cxln_err_handlers,
	.driver.pm = pm_sleep_ptr(&cxln_pm),
};

static int __init cxln_init(void)
{
	int rc;

	BUILD_BUG_ON(sizeof(struct cxln_desc) != 16);
	BUILD_BUG_ON(CXLN_RING_MAX * sizeof(struct cxln_desc) > CXLN_RX_RING);
	BUILD_BUG_ON(CXLN_TX_BUF + CXLN_RING_MAX * CXLN_BUF_SIZE > CXLN_RX_BUF);
	BUILD_BUG_ON(CXLN_RX_BUF + CXLN_RING_MAX * CXLN_BUF_SIZE > CXLN_REGION_SIZE);

	cxln_debugfs_root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	rc = pci_register_driver(&cxln_driver);
	if (rc)
		debugfs_remove_recursive(cxln_debugfs_root);
	return rc;
}

static void __exit cxln_exit(void)
{
	pci_unregister_driver(&cxln_driver);
	debugfs_remove_recursive(cxln_debugfs_root);
}

module_init(cxln_init);
module_exit(cxln_exit);

MODULE_DESCRIPTION("Example loopback NIC whose rings live in CXL device memory");
MODULE_LICENSE("GPL");
CXL_ACCEL_IMPORT_NS();
