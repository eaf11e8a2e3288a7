# SPDX-License-Identifier: GPL-2.0-only
#
# Convenience wrapper around kbuild; the module itself is described in Kbuild.
#
#   make [KDIR=<kernel build dir>] [W=1] [C=1|2] [V=1]   build cxl_accel.ko
#        [CXL_ACCEL_FAULT_INJECT=y]     a test build, with fault injection (src/fault.h)
#   make clean | modules_install
#   make tools          the cxl-accel command, src/tools/cxl-accel (json-c,
#                       libpci); "make -C src/tools static" for a static one
#   make check          the whole test suite (the README's test command)
#   make check-unit     host unit tests
#   make check-build    kernel build matrix (6.1, 6.12, 7.2, 7.3)
#   make check-vm       guest tests under QEMU
#   make check-pkg      packaging tests (DKMS, .deb, .rpm)
#   make check-bench    make bench's smoke run (part of make check)
#   make bench          cxl_accel's costs against the kernel's own path and
#                       a raw mapping (not part of check; README, Costs:
#                       about 25 minutes on 2 cores)
#   make soak           1,000 cycles of each consumer on the debug kernel
#                       (not part of check: about an hour on 2 cores)
#   make demo           the README's main job
#   make deb | rpm      packages, into $(PKGOUT) (default out/pkg): the
#                       DKMS package and cxl-accel-tools
#
# DKMS runs "make KERNELRELEASE=<release> KDIR=<kernel_source_dir>" (see
# dkms.conf); KERNELRELEASE alone selects that release's build directory.

KERNELRELEASE ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE)/build

# W=, C= and V= reach kbuild through MAKEFLAGS like any command-line
# variable.  One exception: kbuild since 6.13 turns C= off unless
# scripts/checker-valid.sh approves of sparse, and Debian's 7.x kbuild
# packages do not ship that script, so C= would be dropped without a word.
# Where the script is missing, ask for the checker directly.
ifneq ($(C),)
ifeq ($(wildcard $(KDIR)/scripts/checker-valid.sh),)
KBUILD_ARGS += KBUILD_CHECKSRC=$(C)
endif
endif

# The package version lives in dkms.conf only.
VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' $(CURDIR)/dkms.conf)
PKGOUT ?= $(CURDIR)/out/pkg
PKGSRC := Kbuild Makefile dkms.conf src include
# src/tools builds against the unit tests' stand-ins for kernel headers
TOOLSRC := tests/unit/include
# what a build in src/tools leaves there, never packaged
TOOLOUT := src/tools/build src/tools/cxl-accel src/tools/cxl-accel-static
DEB_ARCH = $(shell dpkg --print-architecture)
RPM_ARCH = $(shell rpm --eval '%{_arch}')

all: modules

modules clean modules_install:
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(KBUILD_ARGS) $@

tools:
	$(MAKE) -C src/tools

check:
	tests/run all

check-unit check-build check-vm check-pkg check-bench:
	tests/run $(patsubst check-%,%,$@)

bench:
	tests/bench/run

demo:
	tests/demo

soak:
	CXL_ACCEL_KERNELS=$${CXL_ACCEL_KERNELS:-6.12-debug} CXL_ACCEL_VM_TIER=soak \
		CXL_ACCEL_VM_TESTS="soak_region soak_netdev" tests/run vm

# dpkg-buildpackage writes next to the source tree, so build a copy.
deb:
	rm -rf $(PKGOUT)/deb && mkdir -p $(PKGOUT)/deb/cxl-accel-$(VERSION)
	cp -a $(PKGSRC) debian $(PKGOUT)/deb/cxl-accel-$(VERSION)/
	mkdir -p $(PKGOUT)/deb/cxl-accel-$(VERSION)/$(dir $(TOOLSRC))
	cp -a $(TOOLSRC) $(PKGOUT)/deb/cxl-accel-$(VERSION)/$(dir $(TOOLSRC))
	cd $(PKGOUT)/deb/cxl-accel-$(VERSION) && rm -rf $(TOOLOUT) && \
		dpkg-buildpackage -us -uc -b
	mv $(PKGOUT)/deb/cxl-accel-dkms_$(VERSION)_all.deb $(PKGOUT)/
	mv $(PKGOUT)/deb/cxl-accel-tools_$(VERSION)_$(DEB_ARCH).deb $(PKGOUT)/

rpm:
	rm -rf $(PKGOUT)/rpm && mkdir -p $(PKGOUT)/rpm/SOURCES
	tar -czf $(PKGOUT)/rpm/SOURCES/cxl-accel-$(VERSION).tar.gz \
		$(addprefix --exclude=,$(TOOLOUT)) \
		--transform 's,^,cxl-accel-$(VERSION)/,' $(PKGSRC) $(TOOLSRC)
	rpmbuild -bb --nodeps --define '_topdir $(PKGOUT)/rpm' \
		--define 'pkgversion $(VERSION)' rpm/cxl-accel.spec
	mv $(PKGOUT)/rpm/RPMS/noarch/cxl-accel-dkms-$(VERSION)-1.noarch.rpm $(PKGOUT)/
	mv $(PKGOUT)/rpm/RPMS/$(RPM_ARCH)/cxl-accel-tools-$(VERSION)-1.$(RPM_ARCH).rpm $(PKGOUT)/

.PHONY: soak all modules clean modules_install tools check check-unit \
	check-build check-vm check-pkg check-bench bench demo deb rpm
