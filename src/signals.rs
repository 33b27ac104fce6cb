//! Termination signals, recorded for the event loop, which saves, gives the
//! terminal back and exits 128+n. On Unix: SIGTERM, SIGHUP, SIGINT and
//! SIGQUIT sent from outside. On Windows: Ctrl-Break, which the console
//! always sends as a signal (Ctrl-C reaches the app as a key event there, as
//! it does on Unix in raw mode). Closing the console window is not caught:
//! Windows gives no time to save then, and the app saves within a second of
//! any change anyway.

#[cfg(unix)]
pub use unix::Signals;

#[cfg(unix)]
mod unix {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};

    /// The termination signals received and not yet taken, a bit each.
    pub struct Signals {
        received: Arc<AtomicU64>,
        /// Holds what arrives until [`Signals::wake_loop`] hands it on.
        pending: Option<signal_hook::iterator::Signals>,
    }

    /// A signal's bit in [`Signals::received`] (signal numbers are below 64).
    fn bit(signal: i32) -> u64 {
        1 << signal.clamp(0, 63)
    }

    impl Signals {
        /// Starts catching the termination signals: from now on they no
        /// longer end the process, and wait to be handed on.
        pub fn watch() -> io::Result<Signals> {
            Ok(Signals {
                received: Arc::new(AtomicU64::new(0)),
                pending: Some(signal_hook::iterator::Signals::new([
                    SIGTERM, SIGHUP, SIGINT, SIGQUIT,
                ])?),
            })
        }

        /// Hands the signals on (after the first frame, which need not wait
        /// for a thread): a thread records each and wakes the event loop by
        /// raising SIGWINCH, the one signal crossterm's reader wakes for (it
        /// then reports a resize).
        pub fn wake_loop(&mut self) -> io::Result<()> {
            let Some(mut signals) = self.pending.take() else {
                return Ok(());
            };
            let record = Arc::clone(&self.received);
            std::thread::Builder::new()
                .name("signals".into())
                .spawn(move || {
                    for signal in signals.forever() {
                        record.fetch_or(bit(signal), Ordering::SeqCst);
                        let _ = signal_hook::low_level::raise(SIGWINCH);
                    }
                })?;
            Ok(())
        }

        /// A signal received since the last call, if any (the others are
        /// forgotten: any one ends the app).
        pub fn take(&self) -> Option<i32> {
            let received = self.received.swap(0, Ordering::SeqCst);
            (received != 0).then(|| received.trailing_zeros().cast_signed())
        }

        /// Forgets a Ctrl-C or Ctrl-\ typed in an editor that had the
        /// terminal meanwhile: the terminal sends it to every process in
        /// its foreground group, and it was the editor's. A SIGTERM or
        /// SIGHUP received meanwhile is kept.
        pub fn forget_keyboard(&self) {
            self.received
                .fetch_and(!(bit(SIGINT) | bit(SIGQUIT)), Ordering::SeqCst);
        }

        /// The loop need not look for signals: they wake it.
        pub fn longest_wait(&self) -> Option<std::time::Duration> {
            None
        }
    }
}

#[cfg(windows)]
pub use windows::Signals;

#[cfg(windows)]
mod windows {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    /// The C runtime's number for Ctrl-Break.
    const SIGBREAK: i32 = 21;

    /// Whether Ctrl-Break was pressed and not yet taken.
    pub struct Signals {
        received: Arc<AtomicBool>,
    }

    impl Signals {
        pub fn watch() -> io::Result<Signals> {
            let received = Arc::new(AtomicBool::new(false));
            let record = Arc::clone(&received);
            ctrlc::set_handler(move || record.store(true, Ordering::SeqCst))
                .map_err(io::Error::other)?;
            Ok(Signals { received })
        }

        pub fn take(&self) -> Option<i32> {
            self.received
                .swap(false, Ordering::SeqCst)
                .then_some(SIGBREAK)
        }

        /// The console's handler runs on a thread of its own already.
        pub fn wake_loop(&mut self) -> io::Result<()> {
            Ok(())
        }

        /// Forgets a Ctrl-C or Ctrl-Break pressed in an editor that had the
        /// console meanwhile: the handler hears those too.
        pub fn forget_keyboard(&self) {
            self.received.store(false, Ordering::SeqCst);
        }

        /// The console's handler cannot wake crossterm's reader: the loop
        /// looks this often.
        pub fn longest_wait(&self) -> Option<Duration> {
            Some(Duration::from_millis(200))
        }
    }
}

/// Elsewhere: nothing to record.
#[cfg(not(any(unix, windows)))]
pub struct Signals;

#[cfg(not(any(unix, windows)))]
impl Signals {
    pub fn watch() -> std::io::Result<Signals> {
        Ok(Signals)
    }

    pub fn take(&self) -> Option<i32> {
        None
    }

    pub fn wake_loop(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    pub fn forget_keyboard(&self) {}

    pub fn longest_wait(&self) -> Option<std::time::Duration> {
        None
    }
}
