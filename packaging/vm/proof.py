#!/usr/bin/env python3
"""proof.py: boots the proof machine under QEMU and checks Newsreel on its console from
outside: a root shell on the serial line drives it, QEMU's monitor takes screendumps.
Run by packaging/qemu-proof.sh, which builds the image."""

import argparse
import faulthandler
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

results = []
# The screen's preferred mode, as its EDID gives it: not virtio-gpu's default (1024x768), so
# that the kiosk's mode shows where it came from.
EDID_W, EDID_H = 1280, 800
# Waits are longer on an emulated arm64 machine (no KVM, no same-architecture shortcuts).
SLOW = 1


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))
    log(f"{'PASS' if ok else 'FAIL'}: {name}{' - ' + detail if detail else ''}")
    return ok


class Machine:
    def __init__(self, args, tmp):
        self.serial_path = os.path.join(tmp, "serial.sock")
        self.mon_path = os.path.join(tmp, "monitor.sock")
        self.out = args.out
        self.console_log = open(os.path.join(args.out, "serial.log"), "wb")
        if args.arch == "amd64":
            cmd = ["qemu-system-x86_64", "-accel", "tcg", "-m", "1024", "-vga", "none",
                   "-device", f"virtio-gpu-pci,edid=on,xres={EDID_W},yres={EDID_H}"]
            tty = "ttyS0"
        else:
            cmd = ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a72", "-accel", "tcg",
                   "-m", "1024", "-device", f"virtio-gpu-pci,edid=on,xres={EDID_W},yres={EDID_H}",
                   "-device", "qemu-xhci", "-device", "usb-kbd"]
            tty = "ttyAMA0"
        cmd += ["-display", "none", "-nic", "none", "-no-reboot",
                "-drive", f"file={args.image},format=raw,if=virtio",
                "-kernel", args.kernel, "-initrd", args.initrd,
                "-append", f"root=/dev/vda rw console={tty} console=tty1 quiet",
                "-serial", f"unix:{self.serial_path},server=on,wait=off",
                "-monitor", f"unix:{self.mon_path},server=on,wait=off"]
        log("qemu: " + " ".join(cmd))
        self.qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(self.serial_path) and os.path.exists(self.mon_path):
                break
            time.sleep(0.1)
        self.serial = socket.socket(socket.AF_UNIX)
        self.serial.connect(self.serial_path)
        self.mon = socket.socket(socket.AF_UNIX)
        self.mon.connect(self.mon_path)
        self.mon.settimeout(60)
        self.read_monitor()
        self.buf = b""
        self.n = 0

    def read_serial(self, timeout):
        self.serial.settimeout(timeout)
        try:
            data = self.serial.recv(65536)
        except socket.timeout:
            return False
        self.console_log.write(data)
        self.console_log.flush()
        self.buf += data
        return True

    def wait_for(self, pattern, timeout):
        end = time.time() + timeout
        rx = re.compile(pattern)
        while time.time() < end:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            self.read_serial(1)
        return None

    def sh(self, command, timeout=30):
        """Runs command in the serial shell; returns (status, output). The emulated serial
        line of a busy machine drops input now and then: the line is typed in small pieces
        and, when no answer comes, typed again (commands are safe to repeat)."""
        for attempt in range(3):
            self.n += 1
            tag = f"NR{self.n}X"
            self.buf = b""
            line = f"{command}; echo {tag[:2]}''{tag[2:]} $?\n".encode()
            self.serial.sendall(b"\x15")   # ^U: whatever a lost piece left on the line
            for i in range(0, len(line), 16):
                self.serial.sendall(line[i:i + 16])
                time.sleep(0.02)
            m = self.wait_for(rb"(?s)(.*?)" + tag.encode() + rb" (\d+)", timeout)
            if m:
                break
            log(f"no answer to '{command}' (try {attempt + 1})")
        if not m:
            return None, ""
        text = m.group(1).decode(errors="replace").replace("\r", "")
        # drop the prompt and, while the line still echoes, the command itself
        text = re.sub(r"^root@[^#]*# ", "", text, flags=re.M)
        lines = [ln for ln in text.split("\n") if f"{tag[:2]}''" not in ln]
        return int(m.group(2)), "\n".join(lines)

    def read_monitor(self):
        data = b""
        while not data.endswith(b"(qemu) "):
            chunk = self.mon.recv(65536)
            if not chunk:
                break
            data += chunk
        return data

    def screendump(self, name):
        ppm = os.path.join(self.out, name + ".ppm")
        self.mon.sendall(f"screendump {ppm}\n".encode())
        self.read_monitor()
        for _ in range(50):
            if os.path.exists(ppm) and os.path.getsize(ppm) > 20:
                break
            time.sleep(0.1)
        return read_ppm(ppm)

    def close(self):
        try:
            self.mon.sendall(b"quit\n")
        except OSError:
            pass
        try:
            self.qemu.wait(30)
        except subprocess.TimeoutExpired:
            self.qemu.kill()
            self.qemu.wait()


class Image:
    def __init__(self, w, h, px, path):
        self.w, self.h, self.px, self.path = w, h, px, path

    def sample(self, step=8):
        """Every step-th pixel of every step-th row, as (r, g, b) tuples."""
        out = []
        for y in range(0, self.h, step):
            row = y * self.w * 3
            for x in range(0, self.w, step):
                i = row + x * 3
                out.append((self.px[i], self.px[i + 1], self.px[i + 2]))
        return out

    def stats(self):
        s = self.sample()
        n = len(s) or 1
        lum = sum((r * 3 + g * 6 + b) / 10 for r, g, b in s) / n
        colour = sum(1 for r, g, b in s if max(r, g, b) - min(r, g, b) > 40) / n
        lit = sum(1 for r, g, b in s if max(r, g, b) > 24) / n
        spread = (sum(((r * 3 + g * 6 + b) / 10 - lum) ** 2 for r, g, b in s) / n) ** 0.5
        return {"mean": lum, "colour": colour, "lit": lit, "spread": spread}

    def is_black(self):
        return self.stats()["lit"] < 0.002

    def is_slide(self):
        """A slide: lit across much of the screen, with light and dark parts (console text
        is sparse on black, a blank screen or a bare clear one flat)."""
        st = self.stats()
        return st["lit"] > 0.15 and st["spread"] > 15

    def diff(self, other):
        a, b = self.sample(), other.sample()
        if len(a) != len(b):
            return 255.0
        return sum(abs(p[0] - q[0]) + abs(p[1] - q[1]) + abs(p[2] - q[2])
                   for p, q in zip(a, b)) / (3 * len(a))


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    parts = data.split(maxsplit=4)
    w, h = int(parts[1]), int(parts[2])
    return Image(w, h, parts[4][: w * h * 3], path)


def keep(img, name, out):
    """Keeps a screendump as out/NAME.png."""
    png = os.path.join(out, name + ".png")
    subprocess.run(["convert", img.path, png], check=False)
    log(f"screendump {name}.png: {img.w}x{img.h} {fmt(img.stats())}")
    return png


def fmt(st):
    return " ".join(f"{k}={v:.3f}" for k, v in st.items())


def main_pid(m):
    st, text = m.sh("systemctl show -p MainPID --value newsreel")
    try:
        return int(text.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return 0


def wait_slide(m, name, timeout=240):
    """Screendumps until one shows a slide."""
    end = time.time() + timeout * SLOW
    img = None
    while time.time() < end:
        img = m.screendump(name)
        if img.is_slide():
            return img
        time.sleep(2)
    return img


def wait_new_pid(m, old, timeout):
    end = time.time() + timeout * SLOW
    while time.time() < end:
        pid = main_pid(m)
        st, _ = m.sh("systemctl is-active newsreel")
        if pid and pid != old and st == 0:
            return pid
        time.sleep(2)
    return 0


def set_conf(m, extra):
    """The proof's settings plus extra lines in [display]/[theme]."""
    m.sh("cp /etc/newsreel/proof.conf /etc/newsreel/newsreel.conf")
    for section, line in extra:
        m.sh(f"printf '\\n[{section}]\\n{line}\\n' >> /etc/newsreel/newsreel.conf")


def run(args):
    tmp = tempfile.mkdtemp(prefix="newsreel-proof-")
    started = time.time()
    m = Machine(args, tmp)
    try:
        if not check("boot to a shell on the serial line",
                     m.wait_for(rb"root@newsreel-proof", 600 * SLOW)):
            return
        log(f"booted in {time.time() - started:.0f} s")
        time.sleep(2)
        m.sh("stty -echo cols 200; export SYSTEMD_PAGER= SYSTEMD_COLORS=0")
        st, text = m.sh("ls /dev/dri; cat /sys/class/drm/card*-*/status; uname -m")
        check("a DRM device with a connected screen", st == 0 and "connected" in text,
              text.strip().replace("\n", " "))
        st, text = m.sh("cat /sys/class/drm/card*-*/modes | head -n 3")
        log("modes: " + text.strip().replace("\n", " "))
        m.sh("cp /etc/newsreel/newsreel.conf /etc/newsreel/proof.conf")
        before = m.screendump("console-before")
        keep(before, "00-console-before", args.out)

        t0 = time.time()
        st, _ = m.sh("systemctl enable --now newsreel", 120)
        if not check("systemctl enable --now newsreel", st == 0):
            st, text = m.sh("journalctl -b -u newsreel --no-pager | tail -n 40")
            log("journal:\n" + text)
        first = wait_slide(m, "start")
        check("slides shown on the console", first and first.is_slide(),
              f"{time.time() - t0:.0f} s after enable")
        keep(first, "01-start", args.out)

        # the mode the screen's EDID prefers, on the screen and in the kiosk's start-up line
        st, text = m.sh("head -n 1 /sys/class/drm/card*-*/modes; "
                        "journalctl -b -u newsreel --no-pager -o cat | grep -m 1 'screen mode'")
        want = f"{EDID_W}x{EDID_H}"
        check("the screen's preferred (EDID) mode is used",
              first.w == EDID_W and first.h == EDID_H and f"screen mode {want}@" in text
              and text.strip().startswith(want),
              f"screendump {first.w}x{first.h}; " + text.strip().replace("\n", "; "))

        # no mouse pointer: of the DRM planes only the one with the slides holds a picture
        # (the cursor plane none), and that picture is Newsreel's, not the text console's
        m.sh("mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug")
        st, text = m.sh("cat /sys/kernel/debug/dri/0/state")
        with open(os.path.join(args.out, "drm-state.txt"), "w") as f:
            f.write(text)
        planes = re.findall(r"(?m)^plane\[\d+\]: (\S+)\n(?:\t.*\n)*?\tfb=(\d+)", text + "\n")
        shown = [name for name, fb in planes if fb != "0"]
        owner = re.search(r"allocated by = (\S+)", text)
        check("no cursor: one plane shows a picture, Newsreel's",
              len(planes) >= 2 and len(shown) == 1 and owner and owner.group(1) == "newsreel",
              f"planes {planes}; picture by {owner.group(1) if owner else '?'}")

        # slides change, and a transition is caught between two of them
        # (a screendump does not wait for the guest: repeats of one frame are dropped)
        # On a busy host the emulated machine draws few frames of a fade: screendumps go on
        # (up to 3 minutes) until one falls inside a transition.
        def middle(frames):
            for i in range(1, len(frames) - 1):
                a, b, c = frames[i - 1], frames[i], frames[i + 1]
                if a.diff(b) > 2 and b.diff(c) > 2 and a.diff(c) > 4 and b.is_slide():
                    return b
            return None

        frames, taken, mid = [], 0, None
        start = time.time()
        while time.time() < start + 40 * SLOW or (not mid and time.time() < start + 180 * SLOW):
            img = m.screendump(f"seq{taken:03d}")
            taken += 1
            if frames and img.diff(frames[-1]) < 0.5:
                os.remove(img.path)
            else:
                frames.append(img)
                mid = mid or middle(frames)
            time.sleep(0.2)
        log("differences between distinct frames: " +
            " ".join(f"{a.diff(b):.1f}" for a, b in zip(frames, frames[1:])))
        changes = sum(1 for a, b in zip(frames, frames[1:]) if a.diff(b) > 4)
        check("slides change", changes > 0,
              f"{changes} changes, {len(frames)} distinct frames in {taken} screendumps, "
              f"{time.time() - start:.0f} s")
        if mid:
            keep(mid, "02-transition", args.out)
        check("a transition frame caught between two slides", mid is not None)
        for f in frames:
            if f is not mid:
                os.remove(f.path)

        # off hours: on 1 h from now, off 2 h from now; then back to always on
        st, text = m.sh("date +%H:%M")
        hh, mm = (int(x) for x in text.strip().splitlines()[-1].split(":"))
        now = hh * 60 + mm
        on, off = (now + 60) % 1440, (now + 120) % 1440
        set_conf(m, [("display", f"on_time = {on // 60:02d}:{on % 60:02d}"),
                     ("display", f"off_time = {off // 60:02d}:{off % 60:02d}")])
        m.sh("systemctl reload newsreel")
        dark = None
        for i in range(30 * SLOW):
            img = m.screendump("dark")
            if img.is_black():
                dark = img
                break
            time.sleep(1)
        check("dark at off hours", dark is not None)
        if dark:
            keep(dark, "03-off-hours", args.out)
        set_conf(m, [])
        m.sh("systemctl reload newsreel")
        back = wait_slide(m, "back", 90)
        check("slides back after the off hours", back and back.is_slide())
        keep(back, "04-on-again", args.out)

        # reload with a new setting: the light theme, with never a black frame in between
        set_conf(m, [("theme", "theme = light")])
        lit_before = back.stats()["lit"]
        m.serial.sendall(b"\x15systemctl reload newsreel\n")
        # the slide on screen stays; the next comes in the new look (a busy host: a minute)
        seen, black = [], 0
        end = time.time() + 60 * SLOW
        while time.time() < end:
            img = m.screendump(f"reload{len(seen):03d}")
            seen.append(img)
            black += img.is_black()
            if img.stats()["lit"] > 0.85 and time.time() > end - 50 * SLOW:
                break  # light, and ten seconds of frames seen since the reload
        light = seen[-1]
        # the light ground lights nearly the whole screen; the dark one leaves much unlit
        check("reload applies a setting (light theme)",
              lit_before < 0.8 and light.stats()["lit"] > 0.85,
              f"lit share {lit_before:.2f} -> {light.stats()['lit']:.2f}")
        check("no black frame during the reload", black == 0,
              f"{black} black of {len(seen)} screendumps")
        keep(light, "05-reloaded-light", args.out)
        for f in seen:
            os.remove(f.path)
        set_conf(m, [])
        m.sh("systemctl reload newsreel")

        # kill -9: systemd restarts it, slides again
        pid = main_pid(m)
        m.sh(f"kill -9 {pid}")
        newpid = wait_new_pid(m, pid, 120)
        check("kill -9 is followed by a restart", newpid != 0, f"pid {pid} -> {newpid}")
        again = wait_slide(m, "restart")
        check("slides after the restart", again and again.is_slide())
        keep(again, "06-after-restart", args.out)

        # a hang: SIGSTOP; the watchdog (WatchdogSec=30) catches it
        pid = main_pid(m)
        m.sh(f"kill -STOP {pid}")
        newpid = wait_new_pid(m, pid, 150)
        check("a hang (SIGSTOP) is caught by the watchdog and restarted", newpid != 0,
              f"pid {pid} -> {newpid}")
        after = wait_slide(m, "watchdog")
        check("slides after the watchdog restart", after and after.is_slide())
        keep(after, "07-after-watchdog", args.out)

        # the screen unplugged and plugged in again: the connector forced off through sysfs,
        # with a change event from the kernel as a real unplug sends (QEMU 7.2's monitor has
        # no command to unplug a virtio-gpu head)
        st, text = m.sh("ls -d /sys/class/drm/card*-*/ | head -n 1")
        conn = text.strip().splitlines()[-1].rstrip("/") if text.strip() else ""
        card = re.sub(r"-[^/]*$", "", conn)
        pid = main_pid(m)
        m.sh(f"echo off > {conn}/status; echo change > {card}/uevent; cat {conn}/status")
        gone = None
        for _ in range(30 * SLOW):
            st, text = m.sh("journalctl -b -u newsreel --no-pager -o cat | "
                            "grep 'the screens changed' | tail -n 1")
            if "screens changed" in text:
                gone = text.strip()
                break
            time.sleep(2)
        check("an unplugged screen is noticed", gone, gone or "no 'the screens changed' line")
        # with no screen, the service keeps trying (RestartSec=3) until there is one again
        def restarts():
            st, text = m.sh("journalctl -b -u newsreel --no-pager -o cat | "
                            "grep -c 'Scheduled restart job'")
            try:
                return int(text.strip().splitlines()[-1])
            except (ValueError, IndexError):
                return 0
        first_try, tries = restarts(), 0
        for _ in range(60 * SLOW):
            tries = restarts() - first_try
            if tries >= 2:
                break
            time.sleep(2)
        check("with no screen the service keeps trying", tries >= 2,
              f"{tries} more starts while unplugged")
        keep(m.screendump("unplugged"), "08-unplugged", args.out)
        m.sh(f"echo detect > {conn}/status; echo change > {card}/uevent; cat {conn}/status")
        newpid = wait_new_pid(m, pid, 120)
        plugged = wait_slide(m, "plugged")
        check("slides on the screen plugged in again", newpid and plugged.is_slide(),
              f"pid {pid} -> {newpid}")
        keep(plugged, "09-plugged-again", args.out)

        # clean stop: the console's text comes back
        m.sh("systemctl stop newsreel", 60)
        time.sleep(3)
        stopped = m.screendump("stopped")
        keep(stopped, "10-after-stop", args.out)
        # the console handed back: a login prompt on tty1 shows on the screen again
        m.sh("systemctl start getty@tty1; sleep 5", 60)
        console = m.screendump("console-after")
        check("the console is handed back (tty1's login prompt shows)",
              0 < console.stats()["lit"] < 0.05, fmt(console.stats()))
        keep(console, "11-console-after", args.out)

        st, journal = m.sh("journalctl -b -u newsreel --no-pager -o short-monotonic", 120)
        with open(os.path.join(args.out, "journal.txt"), "w") as f:
            f.write(journal)
        expected = [
            ("renderer on the console", r"(?i)video driver kmsdrm, \S+ renderer"),
            ("screen power", r"screen powered down \(DPMS\)|screen left black[^\n]*"),
            ("off hours", r"screen blanked \(off hours\)"),
            ("on again", r"screen on"),
            ("reload", r"Reload(ing|ed)"),
            ("kill -9", r"status=9/KILL"),
            ("watchdog", r"[Ww]atchdog timeout"),
            ("screens noted", r"console screens: \S+ \d+x\d+"),
            ("screen unplugged", r"the screens changed \(\S+ \d+x\d+ -> none\)"),
            ("stopped to start again", r"status=3/"),
        ]
        for what, rx in expected:
            hit = re.search(rx, journal)
            check(f"journal: {what}", hit, hit.group(0) if hit else f"no /{rx}/")
    finally:
        m.close()
        log(f"total {time.time() - started:.0f} s")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="amd64")
    p.add_argument("--image", required=True)
    p.add_argument("--kernel", required=True)
    p.add_argument("--initrd", required=True)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    global SLOW
    SLOW = 3 if args.arch == "arm64" else 1
    faulthandler.register(signal.SIGUSR1)   # kill -USR1: where a stuck run waits
    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):   # a previous run's screendumps
        if name.endswith((".ppm", ".png")):
            os.remove(os.path.join(args.out, name))
    run(args)
    failed = [r for r in results if not r[1]]
    with open(os.path.join(args.out, "result.txt"), "w") as f:
        for name, ok, detail in results:
            f.write(f"{'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}\n")
        f.write("PASS\n" if results and not failed else "FAIL\n")
    print("PASS" if results and not failed else f"FAIL ({len(failed)} checks)")
    return 0 if results and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
