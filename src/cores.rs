//! Work split between two threads, with the helper running beside the
//! caller at once.
//!
//! On the machines this was measured on (two virtual cores), a new thread
//! is usually queued on its parent's core, or on the idle one, and first
//! runs 0.5-4 ms later: most of a big roadmap's first start. A thread that
//! moves itself off its parent's core (by setting its affinity) runs on the
//! other at once: 0.15 ms after it was spawned, in ten starts of ten.

use std::thread::{Scope, ScopedJoinHandle};

use nix::sched::{CpuSet, sched_getaffinity, sched_getcpu, sched_setaffinity};
use nix::unistd::Pid;

/// Spawns `f` on a scoped thread that runs on another core than the
/// caller's, where there is one it may use.
pub fn spawn_beside<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    f: impl FnOnce() -> T + Send + 'scope,
) -> ScopedJoinHandle<'scope, T> {
    let here = sched_getcpu().ok();
    let helper = scope.spawn(move || {
        if let Some(here) = here
            && sched_getcpu() == Ok(here)
        {
            move_off(here);
        }
        f()
    });
    // Queued behind the caller, the helper gets to run (and move) now.
    std::thread::yield_now();
    helper
}

/// Moves this thread to a core other than `core` it may run on, then lets
/// it run anywhere it may again (it stays where it is until the scheduler
/// moves it).
fn move_off(core: usize) {
    let me = Pid::from_raw(0);
    let Ok(allowed) = sched_getaffinity(me) else {
        return;
    };
    let Some(other) =
        (0..CpuSet::count()).find(|&c| c != core && allowed.is_set(c).unwrap_or(false))
    else {
        return;
    };
    let mut there = CpuSet::new();
    if there.set(other).is_ok() && sched_setaffinity(me, &there).is_ok() {
        let _ = sched_setaffinity(me, &allowed);
    }
}
