//! The PCM pipe to the device process, written so that the parent never
//! blocks for long: the pipe is non-blocking, and while it is full the
//! writer waits in short ticks and asks a watchdog whether to go on.

use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::process::ChildStdin;
use std::time::Duration;

/// The pipe's capacity: one page, 1024 stereo frames of 16-bit audio
/// (21 ms). Together with the device process's ring and the sound card's
/// own buffer, this bounds how far the player runs ahead of the speaker.
pub(crate) const PIPE_BYTES: usize = 4096;

/// Why a write to the pipe stopped.
#[derive(Debug)]
pub(crate) enum PipeStop<E> {
    /// The pipe broke: the device process has gone.
    Broken(io::Error),
    /// The watchdog gave up while waiting for room.
    Watchdog(E),
}

/// The parent's end of the PCM pipe.
#[derive(Debug)]
pub(crate) struct PcmPipe {
    stdin: ChildStdin,
}

impl PcmPipe {
    /// Makes `stdin` small and non-blocking.
    pub(crate) fn new(stdin: ChildStdin) -> io::Result<Self> {
        let fd = stdin.as_raw_fd();
        // SAFETY: `fd` is an open pipe owned by `stdin` for this whole call;
        // F_SETPIPE_SZ, F_GETFL and F_SETFL only change its flags and size.
        unsafe {
            // A kernel that refuses to shrink the pipe only buffers more.
            libc::fcntl(fd, libc::F_SETPIPE_SZ, PIPE_BYTES as libc::c_int);
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags < 0 || libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) < 0 {
                return Err(io::Error::last_os_error());
            }
        }
        Ok(Self { stdin })
    }

    /// Writes all of `bytes`. While the pipe is full it waits up to `tick`
    /// at a time, and calls `watchdog` after each wait; an error from
    /// `watchdog` ends the write.
    pub(crate) fn write_all<E>(
        &mut self,
        mut bytes: &[u8],
        tick: Duration,
        mut watchdog: impl FnMut() -> Result<(), E>,
    ) -> Result<(), PipeStop<E>> {
        while !bytes.is_empty() {
            match self.stdin.write(bytes) {
                Ok(0) => return Err(PipeStop::Broken(io::ErrorKind::WriteZero.into())),
                Ok(written) => bytes = &bytes[written..],
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    self.wait_for_room(tick).map_err(PipeStop::Broken)?;
                    watchdog().map_err(PipeStop::Watchdog)?;
                }
                Err(error) => return Err(PipeStop::Broken(error)),
            }
        }
        Ok(())
    }

    /// Sleeps until the pipe has room, breaks, or `timeout` passes.
    fn wait_for_room(&self, timeout: Duration) -> io::Result<()> {
        let mut poll = libc::pollfd {
            fd: self.stdin.as_raw_fd(),
            events: libc::POLLOUT,
            revents: 0,
        };
        let millis = timeout.as_millis().clamp(1, 1000) as libc::c_int;
        // SAFETY: `poll` is one valid pollfd for an fd `self` keeps open.
        let ready = unsafe { libc::poll(&mut poll, 1, millis) };
        if ready < 0 {
            let error = io::Error::last_os_error();
            if error.kind() != io::ErrorKind::Interrupted {
                return Err(error);
            }
        }
        Ok(())
    }
}
