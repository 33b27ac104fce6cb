//! The terminal: setting it up, the event loop, running effects, and always
//! giving the terminal back (on quit, error, panic, SIGTERM and SIGHUP).

use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::terminal::{self, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use rustix::event::{PollFd, PollFlags, Timespec};

use crate::app::{Action, App, Effect};
use crate::progress::store::Store;

/// Why the TUI could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("roadmap needs a terminal: {0} is not one (for scripts, see `roadmap --help`)")]
    NotATerminal(&'static str),
    #[error("terminal error: {0}")]
    Io(#[from] io::Error),
    /// The background load failed; the message is for the user, the code for the exit.
    #[error("{message}")]
    Load { message: String, code: u8 },
    /// The user chose to quit although the last changes could not be saved.
    #[error("quit without saving the last changes: {0}")]
    NotSaved(String),
}

/// The whole roadmap and every roadmap's progress, loaded in the background.
pub struct Loaded {
    pub roadmap: crate::content::Roadmap,
    pub file: crate::progress::ProgressFile,
}

/// Loads what a snapshot's first frame stands in for; runs on its own thread.
pub type Loader = Box<dyn FnOnce() -> Result<Loaded, TuiError> + Send>;

/// Where progress is saved, for the event loop.
pub struct Saver {
    pub store: Store,
    pub roadmap_id: String,
    /// Where the next start's first frame comes from, for big roadmaps.
    pub quick: Option<crate::cache::QuickStart>,
    /// Saved since the snapshot for the next start was written.
    pub snapshot_stale: bool,
    /// The progress file as last read by a read-only window.
    pub last_seen: Option<crate::cache::FileStamp>,
}

impl Saver {
    fn save(&mut self, app: &App) -> Result<crate::time::Stamp, String> {
        let saved = self.store.save(&self.roadmap_id, &app.progress)?;
        self.snapshot_stale = true;
        Ok(saved)
    }

    /// For a read-only window: take the lock if the other window has gone,
    /// and read the progress again if the file changed.
    fn refresh(&mut self) -> Action {
        let locked = self.store.lock().is_ok();
        let stamp = crate::cache::FileStamp::of(String::new(), &self.store.path());
        let changed = stamp != self.last_seen;
        self.last_seen = stamp;
        let fresh = if changed || locked {
            Store::read(self.store.dir()).ok()
        } else {
            None
        };
        let progress = fresh.map(|fresh| {
            let mut file = fresh.into_file();
            let mine = file.roadmaps.remove(&self.roadmap_id).unwrap_or_default();
            self.store.set_file(file);
            let _ = self.store.take(&self.roadmap_id);
            Box::new(mine)
        });
        // Writable only with the lock and what is on disk in hand.
        let writable = locked && progress.is_some();
        if locked && !writable {
            self.store.unlock();
        }
        Action::Refreshed { progress, writable }
    }

    /// On the way out: caches for the next start, if saves made them stale.
    /// (After a crash they are stale and simply not used.)
    fn finish(&mut self, app: &App) {
        // Caches describe the file on disk: not with changes that never got there.
        if app.loading || app.save.dirty {
            return;
        }
        self.store.write_cache(&self.roadmap_id, &app.progress);
        if let Some(quick) = self.quick.as_ref().filter(|_| self.snapshot_stale) {
            quick.write(&app.roadmap, &app.progress, &app.stats);
            self.snapshot_stale = false;
        }
    }
}

/// Fails early, before touching the terminal, when stdin or stdout is not one.
pub fn check_terminal() -> Result<(), TuiError> {
    if !io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal("standard input"));
    }
    if !io::stdout().is_terminal() {
        return Err(TuiError::NotATerminal("standard output"));
    }
    Ok(())
}

/// Runs the app full-screen until it quits. Progress is saved through
/// `saver`. With a `loader`, the app was made from a snapshot: the loader
/// runs on another thread and its result replaces the snapshot.
pub fn run(mut app: App, mut saver: Option<Saver>, loader: Option<Loader>) -> Result<(), TuiError> {
    check_terminal()?;
    let mut wakeup = watch_signals()?;
    install_panic_hook();
    enter()?;
    let mut terminal = match Terminal::new(backend()) {
        Ok(terminal) => terminal,
        Err(e) => {
            leave();
            return Err(e.into());
        }
    };
    let size = terminal.size()?;
    app.update(
        Action::Resize(size.width, size.height),
        crate::time::Now::real(),
    );
    let result = event_loop(&mut terminal, &mut app, &mut saver, &mut wakeup, loader);
    if result.is_err() && app.save.dirty && app.save.read_only.is_none() {
        // The terminal failed, not the disk: keep what the user did.
        if let Some(saver) = saver.as_mut() {
            let _ = saver.save(&app);
        }
    }
    leave();
    if let Some(saver) = saver.as_mut() {
        saver.finish(&app);
    }
    let unsaved = app.save.dirty && app.save.read_only.is_none();
    match (result, &app.save.error) {
        // Said after the screen is back, and the exit is not a success.
        (Ok(()), Some(why)) if unsaved => Err(TuiError::NotSaved(why.clone())),
        (result, _) => result,
    }
}

/// Frames go out through one buffer, so a frame is one write, not dozens.
type Term = Terminal<CrosstermBackend<BufWriter<io::Stdout>>>;

fn backend() -> CrosstermBackend<BufWriter<io::Stdout>> {
    CrosstermBackend::new(BufWriter::with_capacity(1 << 16, io::stdout()))
}

/// A panic gives the terminal back before the message is printed.
fn install_panic_hook() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        hook(info);
    }));
}

/// Raw mode, the alternate screen, mouse and bracketed-paste reporting.
fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let entered = execute!(
        io::stdout(),
        EnterAlternateScreen,
        Clear(ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste
    );
    if entered.is_err() {
        leave();
    }
    entered
}

/// Undoes [`enter`]; safe to call more than once.
fn leave() {
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = io::stdout().flush();
}

/// A terminal event (translated once the previous one has been applied, so
/// keys typed ahead mean what they would have meant one at a time), or an
/// action the loop itself produced.
enum Happening {
    Event(Event),
    Action(Action),
    Loaded(Box<Result<Loaded, TuiError>>),
}

/// What wakes the event loop besides input: signals, and the loader thread.
struct Wakeup {
    socket: UnixStream,
    /// The other end of `socket`, for the loader thread.
    ring: UnixStream,
    /// The background load, while it runs.
    loading: Option<std::sync::mpsc::Receiver<Result<Loaded, TuiError>>>,
    terminate: Arc<AtomicBool>,
    resizes: Resizes,
}

/// Watches SIGTERM and SIGHUP (each sets a flag and writes a byte to a
/// socket the event loop waits on: both async-signal-safe; no thread), and
/// resizes.
fn watch_signals() -> io::Result<Wakeup> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let (socket, ring) = UnixStream::pair()?;
    socket.set_nonblocking(true)?;
    ring.set_nonblocking(true)?;
    let terminate = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&terminate))?;
        signal_hook::low_level::pipe::register(signal, ring.try_clone()?)?;
    }
    Ok(Wakeup {
        socket,
        ring,
        loading: None,
        terminate,
        resizes: Resizes::watch()?,
    })
}

/// Resizes of the terminal (SIGWINCH), read from a descriptor the event loop
/// waits on. The signal is blocked, so nothing else sees it: crossterm's
/// own reader, which hears of input and resizes at once, answered with the
/// resize and lost the key typed with it until another came (and the loop
/// spun meanwhile). Threads started later inherit the block; the editor is
/// started with it lifted (see `editor::edit_text`).
struct Resizes {
    signals: nix::sys::signalfd::SignalFd,
}

impl Resizes {
    fn watch() -> io::Result<Resizes> {
        use nix::sys::signal::{SigSet, Signal};
        use nix::sys::signalfd::{SfdFlags, SignalFd};
        let mut mask = SigSet::empty();
        mask.add(Signal::SIGWINCH);
        mask.thread_block()?;
        let signals = SignalFd::with_flags(&mask, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)?;
        Ok(Resizes { signals })
    }

    /// Whether the terminal was resized since the last call.
    fn happened(&self) -> bool {
        let mut any = false;
        while let Ok(Some(_)) = self.signals.read_signal() {
            any = true;
        }
        any
    }
}

/// Waits for input, a signal or the app's next timer, and returns what
/// happened. It waits in its own `poll` so that a hung-up terminal is seen
/// (crossterm would spin reading end-of-file) and signals wake it at once.
fn next_actions(app: &App, wakeup: &mut Wakeup) -> io::Result<Vec<Happening>> {
    loop {
        if let Some(result) = wakeup.loading.as_ref().and_then(|rx| rx.try_recv().ok()) {
            wakeup.loading = None;
            return Ok(vec![Happening::Loaded(Box::new(result))]);
        }
        if wakeup.terminate.load(Ordering::SeqCst) {
            return Ok(vec![Happening::Action(Action::Terminate)]);
        }
        // A timer already due fires even while input keeps coming (mouse
        // movement, a held key), so autosave is never put off.
        let deadline = app.next_deadline();
        if deadline.is_some_and(|d| d <= Instant::now()) {
            return Ok(vec![Happening::Action(Action::Tick)]);
        }
        let timeout = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let timespec = timeout.map(|t| Timespec {
            tv_sec: t.as_secs().min(i64::MAX as u64) as i64,
            tv_nsec: i64::from(t.subsec_nanos()),
        });
        let stdin = io::stdin();
        let mut fds = [
            PollFd::new(&stdin, PollFlags::IN),
            PollFd::new(&wakeup.socket, PollFlags::IN),
            PollFd::new(&wakeup.resizes.signals, PollFlags::IN),
        ];
        match rustix::event::poll(&mut fds, timespec.as_ref()) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
        let (input, woken) = (fds[0].revents(), fds[1].revents());
        if input.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
            // The terminal is gone (window closed, ssh dropped): save and quit.
            return Ok(vec![Happening::Action(Action::Terminate)]);
        }
        if !fds[2].revents().is_empty() && wakeup.resizes.happened() {
            // Input that came with it is read next time round.
            let (width, height) = terminal::size()?;
            return Ok(vec![Happening::Action(Action::Resize(width, height))]);
        }
        if !woken.is_empty() {
            let mut drain = [0u8; 64];
            while matches!((&wakeup.socket).read(&mut drain), Ok(n) if n > 0) {}
            continue;
        }
        if input.contains(PollFlags::IN) {
            let mut events = Vec::new();
            while event::poll(Duration::ZERO)? {
                events.push(Happening::Event(event::read()?));
            }
            return Ok(events);
        }
        return Ok(vec![Happening::Action(Action::Tick)]);
    }
}

/// How long a question that comes unasked ignores keys: less than anyone
/// takes to read it, more than keys typed ahead take to arrive.
const QUESTION_GRACE: Duration = Duration::from_millis(300);

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    saver: &mut Option<Saver>,
    wakeup: &mut Wakeup,
    mut loader: Option<Loader>,
) -> Result<(), TuiError> {
    // Input that arrives while a snapshot stands in for the roadmap waits
    // for the real one, then means what it would have meant.
    let mut waiting: Vec<Event> = Vec::new();
    // When the recovered-draft question, which comes unasked, was first drawn.
    let mut question_drawn: Option<Instant> = None;
    loop {
        terminal.draw(|frame| crate::ui::draw(app, frame))?;
        let asking = matches!(
            app.ui.overlay,
            Some(crate::app::Overlay::RecoverDraft { .. })
        );
        question_drawn = asking.then(|| question_drawn.unwrap_or_else(Instant::now));
        // Started after the first frame, so it does not slow that frame down.
        if let Some(load) = loader.take() {
            let (tx, rx) = std::sync::mpsc::channel();
            let mut ring = wakeup.ring.try_clone()?;
            std::thread::spawn(move || {
                let _ = tx.send(load());
                let _ = ring.write(&[1]);
            });
            wakeup.loading = Some(rx);
        }
        let mut happenings = next_actions(app, wakeup)?;
        while let Some(happening) = (!happenings.is_empty()).then(|| happenings.remove(0)) {
            let action = match happening {
                Happening::Event(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
                Happening::Event(event) if app.loading => {
                    waiting.push(event);
                    None
                }
                // Keys typed before anyone could have read the question (or
                // while it was not yet drawn) do not answer it.
                Happening::Event(Event::Key(_))
                    if matches!(
                        app.ui.overlay,
                        Some(crate::app::Overlay::RecoverDraft { .. })
                    ) && question_drawn.is_none_or(|t| t.elapsed() < QUESTION_GRACE) =>
                {
                    None
                }
                Happening::Event(event) => translate(app, event),
                Happening::Action(action) => Some(action),
                Happening::Loaded(result) => {
                    let Loaded { roadmap, file } = (*result)?;
                    let progress = match saver.as_mut() {
                        Some(saver) => {
                            saver.store.set_file(file);
                            saver.store.take(&roadmap.id)
                        }
                        None => file.roadmaps.get(&roadmap.id).cloned().unwrap_or_default(),
                    };
                    happenings.extend(waiting.drain(..).map(Happening::Event));
                    // Only then a recovered draft's question, so keys typed
                    // meanwhile cannot answer it by accident.
                    happenings.push(Happening::Action(Action::OfferDraft));
                    Some(Action::Loaded(Box::new((roadmap, progress))))
                }
            };
            let Some(action) = action else { continue };
            if run_effects(terminal, app, saver, action) {
                return Ok(());
            }
        }
    }
}

/// Updates the app with `action` and runs the effects that follow, feeding
/// their results back in. Returns true when the app is to quit.
fn run_effects(
    terminal: &mut Term,
    app: &mut App,
    saver: &mut Option<Saver>,
    action: Action,
) -> bool {
    let mut effects = app.update(action, crate::time::Now::real());
    while !effects.is_empty() {
        let mut next = Vec::new();
        for effect in effects {
            match effect {
                Effect::Quit => return true,
                Effect::Save => {
                    let result = match saver.as_mut() {
                        Some(saver) => saver.save(app),
                        None => Ok(crate::time::Stamp::now()),
                    };
                    next.extend(app.update(Action::Saved(result), crate::time::Now::real()));
                }
                Effect::Refresh => {
                    if let Some(saver) = saver.as_mut() {
                        next.extend(app.update(saver.refresh(), crate::time::Now::real()));
                    }
                }
                Effect::EditExternally(skill) => {
                    // Saved first: the editor may be killed, and this with it.
                    if app.save.dirty
                        && let Some(saver) = saver.as_mut()
                    {
                        let saved = saver.save(app);
                        next.extend(app.update(Action::Saved(saved), crate::time::Now::real()));
                    }
                    let result = edit_externally(terminal, app, &skill);
                    next.extend(app.update(result, crate::time::Now::real()));
                }
            }
        }
        effects = next;
    }
    false
}

/// A terminal event as an action.
pub fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => app.action_for_key(&typed_ahead(key)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

/// Keys typed before the terminal was in raw mode went through its line
/// discipline, which turns Enter (CR) into LF, read back as Ctrl-J: it is Enter.
fn typed_ahead(key: KeyEvent) -> KeyEvent {
    if key.code == KeyCode::Char('j') && key.modifiers == KeyModifiers::CONTROL {
        return KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    }
    key
}

/// Suspends the TUI, edits the note in the user's editor, and comes back.
fn edit_externally(terminal: &mut Term, app: &App, skill: &str) -> Action {
    let note = app.progress.note(skill).to_string();
    leave();
    // Ctrl-C in a cooked-mode editor reaches us too: it is the editor's.
    // (Handlers, unlike ignored signals, are reset in the editor process.)
    let guards: Vec<_> = [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT]
        .into_iter()
        .filter_map(|signal| {
            signal_hook::flag::register(signal, Arc::new(AtomicBool::new(false))).ok()
        })
        .collect();
    let result = crate::editor::edit_text(&note, skill);
    for guard in guards {
        signal_hook::low_level::unregister(guard);
    }
    // A fresh Terminal redraws everything; `Terminal::clear` would ask the
    // terminal for the cursor position, which not every terminal answers.
    let restarted = enter().and_then(|()| {
        *terminal = Terminal::new(backend())?;
        Ok(())
    });
    if let Err(e) = restarted {
        return Action::ExternalEdit {
            skill: skill.to_string(),
            result: Err(format!("terminal error: {e}")),
        };
    }
    Action::ExternalEdit {
        skill: skill.to_string(),
        result,
    }
}
