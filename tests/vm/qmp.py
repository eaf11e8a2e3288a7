#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Host-side QMP relay for guest tests that need QEMU to act on the machine.

A guest test cannot unplug its own device or inject a PCIe error: QEMU
does those, through its monitor.  A test that says "#@ qmp: yes" boots with
a QMP socket (DIR/qmp.sock); this relay runs beside QEMU, follows the
guest's result port (DIR/results.log) and sends each request the guest
writes there to QEMU.  The guest does not get the answer: it waits for
what the request does, as seen from inside (the device gone, the error
handled), and the host checks the answers afterwards (report).

    qmp.py relay DIR        until QEMU closes the socket
    qmp.py report NAME DIR [EVENT ID]...
                            TAP lines: every request answered without
                            error; each EVENT seen for device ID, or for
                            EVENT "pci-gone": the first query-pci answer
                            lists ID, the last does not

Protocol: a result-port line "qmp COMMAND [JSON-ARGUMENTS]" is sent as
{"execute": COMMAND, "arguments": ...}; "hmp COMMAND-LINE" as the HMP
command through human-monitor-command (pcie_aer_inject_error has no QMP
command), whose answer is an error when it prints anything.
"wake-on-suspend": the guest is about to suspend to RAM and cannot ask
for anything until it wakes, so the relay sends system_wakeup as soon as
QEMU has reported SUSPEND (once).  DIR/qmp.log
gets one JSON object per line: {"request": ...}, then {"return": ...} or
{"error": ...}, and every {"event": ...} QEMU sends.
"""

import json
import os
import select
import socket
import sys
import time

CONNECT_TIMEOUT = 20.0


def connect(path):
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return s
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Monitor:
    def __init__(self, path, log):
        self.sock = connect(path)
        self.buf = b""
        self.log = log
        self.open = True
        self.suspended = False
        greeting = self.message(None)
        if greeting is None or "QMP" not in greeting:
            raise RuntimeError("no QMP greeting: %r" % greeting)
        self.command({"execute": "qmp_capabilities"}, record=False)

    def message(self, timeout):
        """The next message from QEMU; events are logged and returned
        too.  None on a timeout or when QEMU has gone."""
        msg = self.read(timeout)
        if msg is not None and "event" in msg:
            if msg["event"] == "SUSPEND":
                self.suspended = True
            elif msg["event"] == "WAKEUP":
                self.suspended = False
        return msg

    def read(self, timeout):
        while b"\n" not in self.buf:
            ready, _, _ = select.select([self.sock], [], [], timeout)
            if not ready:
                return None
            data = self.sock.recv(65536)
            if not data:
                self.open = False
                return None
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        msg = json.loads(line)
        if "event" in msg:
            self.record(msg)
        return msg

    def record(self, msg):
        self.log.write(json.dumps(msg, sort_keys=True) + "\n")
        self.log.flush()

    def command(self, cmd, record=True):
        if record:
            self.record({"request": cmd})
        self.sock.sendall(json.dumps(cmd).encode() + b"\n")
        while self.open:
            msg = self.message(30.0)
            if msg is None:
                break
            if "return" in msg or "error" in msg:
                if record:
                    self.record(msg)
                return msg
        if record:
            self.record({"error": {"desc": "QEMU gave no answer"}})
        return None


def parse_request(line):
    """The QMP command for a result-port line, or None."""
    if line.startswith("hmp "):
        return {"execute": "human-monitor-command",
                "arguments": {"command-line": line[4:]}}
    if line.startswith("qmp "):
        words = line[4:].split(" ", 1)
        cmd = {"execute": words[0]}
        if len(words) > 1 and words[1].strip():
            cmd["arguments"] = json.loads(words[1])
        return cmd
    return None


def relay(d):
    results = os.path.join(d, "results.log")
    with open(os.path.join(d, "qmp.log"), "w") as log:
        try:
            mon = Monitor(os.path.join(d, "qmp.sock"), log)
        except (OSError, RuntimeError, ValueError) as e:
            log.write(json.dumps({"error": {"desc": "no QMP: %s" % e}}) + "\n")
            return 1
        pos = 0
        pending = ""
        wake = False
        while mon.open:
            mon.message(0.1)
            if wake and mon.suspended:
                wake = False
                mon.command({"execute": "system_wakeup"})
            try:
                with open(results, "r", errors="replace") as f:
                    f.seek(pos)
                    data = f.read()
                    pos = f.tell()
            except OSError:
                data = ""
            pending += data
            while "\n" in pending:
                line, pending = pending.split("\n", 1)
                # @MEMDIR@: the host directory of the devices' backing
                # and CDAT files (topology.py), for a device_add
                line = line.rstrip("\r").replace("@MEMDIR@", os.path.join(d, "mem"))
                if line == "wake-on-suspend":
                    wake = True
                    continue
                try:
                    cmd = parse_request(line)
                except ValueError as e:
                    mon.record({"request": line})
                    mon.record({"error": {"desc": "bad request: %s" % e}})
                    continue
                if cmd is not None:
                    mon.command(cmd)
    return 0


def report(name, d, expect):
    """TAP lines for the requests and the events the test expects."""
    path = os.path.join(d, "qmp.log")
    msgs = []
    try:
        with open(path) as f:
            msgs = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        print("not ok - %s: qmp: the relay's log reads (%s)" % (name, e))
        return
    n = 0
    for i, msg in enumerate(msgs):
        if "request" not in msg:
            continue
        req = msg["request"]
        what = req.get("arguments", {}).get("command-line") \
            if isinstance(req, dict) and req.get("execute") == "human-monitor-command" \
            else json.dumps(req)
        answer = next((m for m in msgs[i + 1:] if "return" in m or "error" in m), None)
        n += 1
        if answer is None or "error" in answer:
            print("not ok - %s: qmp: QEMU did %s" % (name, what))
            print("# %s:   answer: %s" % (name, json.dumps(answer)))
        elif isinstance(answer["return"], str) and answer["return"].strip() and \
                not answer["return"].startswith("OK "):
            # an HMP command that printed something other than its
            # "OK ..." (pcie_aer_inject_error) failed
            print("not ok - %s: qmp: QEMU did %s" % (name, what))
            print("# %s:   it said: %s" % (name, answer["return"].strip()))
        else:
            print("ok - %s: qmp: QEMU did %s" % (name, what))
    if n == 0:
        print("not ok - %s: qmp: the guest asked QEMU for something" % name)
        for m in msgs:
            if "error" in m:
                print("# %s:   %s" % (name, json.dumps(m)))
    for kind, dev in zip(expect[::2], expect[1::2]):
        if kind == "pci-gone":
            pci_gone(name, msgs, dev)
            continue
        if dev == "-":
            seen = any(m.get("event") == kind for m in msgs)
            print("%s - %s: qmp: QEMU reported %s" %
                  ("ok" if seen else "not ok", name, kind))
            continue
        seen = any(m.get("event") == kind and
                   m.get("data", {}).get("device") == dev for m in msgs)
        print("%s - %s: qmp: QEMU reported %s for %s" %
              ("ok" if seen else "not ok", name, kind, dev))


def has_qdev(tree, dev):
    """Whether a query-pci answer lists a function whose id is @dev."""
    if isinstance(tree, dict):
        return tree.get("qdev_id") == dev or \
            any(has_qdev(v, dev) for v in tree.values())
    if isinstance(tree, list):
        return any(has_qdev(v, dev) for v in tree)
    return False


def pci_gone(name, msgs, dev):
    """The guest asked query-pci before and after removing @dev: QEMU's
    first answer lists it (the control), its last does not."""
    answers = []
    for i, msg in enumerate(msgs):
        if msg.get("request", {}).get("execute") == "query-pci":
            answer = next((m for m in msgs[i + 1:] if "return" in m or "error" in m), {})
            answers.append(answer.get("return"))
    if len(answers) < 2 or answers[0] is None or answers[-1] is None:
        print("not ok - %s: qmp: QEMU's PCI tree lists %s before, not after "
              "(%d query-pci answers, want 2)" % (name, dev, len(answers)))
        return
    before, after = has_qdev(answers[0], dev), has_qdev(answers[-1], dev)
    print("%s - %s: qmp: QEMU's PCI tree lists %s before the removal (control)" %
          ("ok" if before else "not ok", name, dev))
    print("%s - %s: qmp: QEMU's PCI tree has no %s after it" %
          ("ok" if not after else "not ok", name, dev))


def main(argv):
    if len(argv) == 3 and argv[1] == "relay":
        return relay(argv[2])
    if len(argv) >= 4 and argv[1] == "report" and len(argv) % 2 == 0:
        report(argv[2], argv[3], argv[4:])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
