//! Termination signals sent from outside, on Unix: SIGTERM, SIGHUP, SIGINT
//! and SIGQUIT are recorded for the event loop, which saves, gives the
//! terminal back and exits 128+n. Windows has no such signals: there
//! Ctrl-C reaches the app as a key event, as it does on Unix in raw mode.

#[cfg(unix)]
pub use unix::Signals;

#[cfg(unix)]
mod unix {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};

    /// The last termination signal received and not yet taken.
    pub struct Signals {
        received: Arc<AtomicUsize>,
    }

    impl Signals {
        /// Starts recording the termination signals. A thread waits for
        /// them and wakes the event loop by raising SIGWINCH, the one signal
        /// crossterm's reader wakes for (it then reports a resize).
        pub fn watch() -> io::Result<Signals> {
            let received = Arc::new(AtomicUsize::new(0));
            let mut signals =
                signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
            let record = Arc::clone(&received);
            std::thread::Builder::new()
                .name("signals".into())
                .spawn(move || {
                    for signal in signals.forever() {
                        record.store(signal.unsigned_abs() as usize, Ordering::SeqCst);
                        let _ = signal_hook::low_level::raise(SIGWINCH);
                    }
                })?;
            Ok(Signals { received })
        }

        /// The signal received since the last call, if any.
        pub fn take(&self) -> Option<i32> {
            let signal = self.received.swap(0, Ordering::SeqCst);
            i32::try_from(signal).ok().filter(|&n| n != 0)
        }

        /// Forgets a Ctrl-C or Ctrl-\ typed in an editor that had the
        /// terminal meanwhile: the terminal sends it to every process in
        /// its foreground group, and it was the editor's.
        pub fn forget_keyboard(&self) {
            for signal in [SIGINT, SIGQUIT] {
                let signal = signal.unsigned_abs() as usize;
                let _ =
                    self.received
                        .compare_exchange(signal, 0, Ordering::SeqCst, Ordering::SeqCst);
            }
        }
    }
}

/// Windows: nothing to record (see the module's note).
#[cfg(not(unix))]
pub struct Signals;

#[cfg(not(unix))]
impl Signals {
    pub fn watch() -> std::io::Result<Signals> {
        Ok(Signals)
    }

    pub fn take(&self) -> Option<i32> {
        None
    }

    pub fn forget_keyboard(&self) {}
}
