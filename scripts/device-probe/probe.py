#!/usr/bin/env python3
"""An exact-drain test sound card's consumer, for scripts/bench-device-timing.

ALSA's `file` plugin pipes the PCM stream (raw S16_LE, 48 kHz, stereo) into
this program. It drains the pipe at exactly 48,000 frames a second by the
monotonic clock, as a sound card's DAC would, and timestamps (CLOCK_REALTIME)
the first non-silent frame after at least a second of silence: the moment
the loudspeakers would have started. One line per onset on the file named by
LOA_PROBE_OUT: `onset <unix seconds, 6 decimals> <frames queued in the pipe>`.

When the writer is behind (the pipe is empty at a frame's time) the drain
waits for it, as an underrunning card would play it late: the frame is
stamped when it really could have played.
"""

import fcntl
import os
import struct
import sys
import termios
import time

RATE = 48_000
FRAME = 4  # S16_LE stereo
BLOCK = 240  # frames per tick: 5 ms
THRESHOLD = 300  # |sample| above this is sound (-40 dBFS)
QUIET_FRAMES = RATE  # a second of silence ends a sound
F_SETPIPE_SZ = 1031
PIPE_BYTES = 4096  # the smallest pipe: 1,024 frames (21 ms)


def queued_frames(fd: int) -> int:
    """Frames waiting in the pipe: written by ALSA, not yet played."""
    raw = fcntl.ioctl(fd, termios.FIONREAD, struct.pack("i", 0))
    return struct.unpack("i", raw)[0] // FRAME


def main() -> None:
    out = open(os.environ.get("LOA_PROBE_OUT", "/tmp/loa-probe.txt"), "a", buffering=1)
    fd = sys.stdin.fileno()
    # The pipe is part of this card's buffer, one ALSA cannot see: keep it
    # as small as the kernel allows, and report its fill at each onset.
    try:
        fcntl.fcntl(fd, F_SETPIPE_SZ, PIPE_BYTES)
    except OSError:
        pass
    quiet = QUIET_FRAMES
    start = None  # (monotonic, realtime) of frame 0
    frame = 0
    pending = b""
    while True:
        want = BLOCK * FRAME - len(pending)
        chunk = os.read(fd, want)
        if not chunk:
            return
        pending += chunk
        if len(pending) < BLOCK * FRAME:
            continue
        block, pending = pending, b""
        now_mono = time.monotonic()
        if start is None:
            start = (now_mono, time.time())
        due = start[0] + frame / RATE
        if due > now_mono:
            time.sleep(due - now_mono)
            plays_at = start[1] + frame / RATE
        else:
            # Late: the writer was behind; re-anchor the clock so that the
            # drain stays exact from here on.
            start = (now_mono - frame / RATE, time.time() - frame / RATE)
            plays_at = start[1] + frame / RATE
        samples = memoryview(block).cast("h")
        for index in range(0, len(samples), 2):
            if abs(samples[index]) > THRESHOLD or abs(samples[index + 1]) > THRESHOLD:
                if quiet >= QUIET_FRAMES:
                    at = plays_at + (index // 2) / RATE
                    out.write(f"onset {at:.6f} {queued_frames(fd)}\n")
                quiet = 0
            else:
                quiet += 1
        frame += BLOCK


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
