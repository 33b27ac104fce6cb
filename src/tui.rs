//! The terminal: setting it up, the event loop, running effects, and always
//! giving the terminal back (on quit, error, panic and termination signals).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::terminal::{self, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, Effect, OpenedPack, Synced};
use crate::content::{LoadError, Roadmap};
use crate::progress::store::{SaveError, Store, conflict_copies};
use crate::signals::Signals;
use crate::time::Now;

/// Why the TUI could not run, or how it ended.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("roadmap needs a terminal: {0} is not one (for scripts, see `roadmap --help`)")]
    NotATerminal(&'static str),
    #[error("terminal error: {0}")]
    Io(#[from] io::Error),
    /// The content loaded behind the first frame is not valid.
    #[error("{0}")]
    Content(LoadError),
    /// The user chose to quit although the last changes could not be saved.
    #[error("quit without saving the last changes: {0}")]
    NotSaved(String),
    /// Ended by this signal, after saving.
    #[error("ended by signal {0}")]
    Signalled(i32),
}

/// Loads the whole roadmap behind a first frame that stands in for it; runs
/// on its own thread.
pub type Loader = Box<dyn FnOnce() -> Result<Roadmap, LoadError> + Send>;

/// How the app ends when its terminal is gone: as SIGHUP would (exit 129).
const TERMINAL_GONE: i32 = 1;

/// How often the loop looks for the background load's result while it runs.
const LOAD_POLL: Duration = Duration::from_millis(1);

/// Where progress is saved, for the event loop.
pub struct Saver {
    pub store: Store,
    pub roadmap_id: String,
}

impl Saver {
    /// Saves the app's progress, merged with what is on disk.
    fn save(&mut self, app: &App) -> Result<Synced, SaveError> {
        let ours = self.store.file().with(&self.roadmap_id, &app.progress);
        let committed = self.store.commit(&ours)?;
        let progress = committed
            .file
            .roadmaps
            .get(&self.roadmap_id)
            .cloned()
            .unwrap_or_default();
        Ok(Synced {
            progress: Box::new(progress),
            from_disk: committed.from_disk,
        })
    }

    /// Loads the pack `id` for the picker and makes it the one saved and
    /// the one the app opens; refused while changes are not saved.
    fn open_pack(&mut self, app: &App, id: &str) -> Result<Box<OpenedPack>, String> {
        if app.save.dirty {
            return Err("your latest changes are not saved yet; try again once they are".into());
        }
        let data = self.store.dir().to_path_buf();
        let source = crate::packs::source(&data, id).map_err(|e| e.to_string())?;
        let roadmap = crate::content::load(&source).map_err(|e| crate::packs::first_problem(&e))?;
        let warning = crate::packs::choose(&data, &roadmap.id)
            .err()
            .map(|e| format!("Opened, but it will not open next time: {e}"));
        let progress = self.store.roadmap(&roadmap.id);
        self.roadmap_id.clone_from(&roadmap.id);
        Ok(Box::new(OpenedPack {
            roadmap,
            progress,
            warning,
        }))
    }

    /// What [`Effect::Watch`] finds: conflicting copies beside the file,
    /// and the file merged in if it changed on disk.
    fn watch(&mut self, app: &App) -> Vec<Action> {
        let names = conflict_copies(self.store.dir())
            .iter()
            .filter_map(|path| path.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .collect();
        let mut actions = vec![Action::Conflicts(names)];
        if self.store.changed_on_disk() {
            actions.push(Action::Saved(self.save(app)));
        }
        actions
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
/// `saver`. With a `loader`, the app stands in for a roadmap still
/// loading: the loader runs on another thread and its result replaces it.
pub fn run(mut app: App, saver: Saver, loader: Option<Loader>) -> Result<(), TuiError> {
    check_terminal()?;
    let signals = Signals::watch()?;
    install_panic_hook();
    enter(app.mouse)?;
    let terminal = match Terminal::new(backend()) {
        Ok(terminal) => terminal,
        Err(e) => {
            leave();
            return Err(e.into());
        }
    };
    let size = match terminal.size() {
        Ok(size) => size,
        Err(e) => {
            leave();
            return Err(e.into());
        }
    };
    app.update(Action::Resize(size.width, size.height), Now::real());
    let mut event_loop = EventLoop {
        terminal,
        saver,
        signals,
        loader,
        loading: None,
        waiting: Vec::new(),
        question_drawn: None,
        signalled: None,
    };
    let mut result = event_loop.run(&mut app);
    if result.is_err() && app.save.dirty {
        // The terminal failed, not the disk: keep what the user did.
        let _ = event_loop.saver.save(&app);
    }
    if result.is_err() && !io::stdin().is_terminal() {
        // It failed because it is gone (a window closed under a program
        // that was not its foreground job gets no SIGHUP; the next frame,
        // a second later at most, fails): an ending like a hangup's.
        event_loop.signalled = Some(TERMINAL_GONE);
        result = Ok(());
    }
    leave();
    // ratatui's Terminal, dropped, reports a cursor it cannot show on
    // stderr, and printing to a terminal that is gone (closed, hung up)
    // panics: such a terminal is left as it is.
    if event_loop.terminal.show_cursor().is_err() {
        std::mem::forget(event_loop.terminal);
    }
    let unsaved = app.save.dirty;
    match (result, &app.save.error, event_loop.signalled) {
        (Ok(()), _, Some(signal)) => Err(TuiError::Signalled(signal)),
        // Said after the screen is back, and the exit is not a success.
        (Ok(()), Some(why), None) if unsaved => Err(TuiError::NotSaved(why.clone())),
        (result, _, _) => result,
    }
}

/// Runs `load` on a thread of its own: where its result arrives.
fn spawn_loader(load: Loader) -> Receiver<Result<Roadmap, LoadError>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(load());
    });
    rx
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

/// Raw mode, the alternate screen, mouse (if wanted) and bracketed-paste reporting.
fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    // crossterm's reader starts listening for resizes (SIGWINCH) when first
    // asked for input: asked now, so a resize before the first frame is heard.
    let entered = event::poll(Duration::ZERO).and_then(|_| {
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            Clear(ClearType::All),
            EnableBracketedPaste
        )?;
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(())
    });
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

/// How long a question that comes unasked ignores keys: less than anyone
/// takes to read it, more than keys typed ahead take to arrive.
const QUESTION_GRACE: Duration = Duration::from_millis(300);

/// What the event loop waits on besides the app: the terminal, signals
/// and the background load.
struct EventLoop {
    terminal: Term,
    saver: Saver,
    signals: Signals,
    /// The background load, until it is started after the first frame
    /// (which it would slow down on a busy machine).
    loader: Option<Loader>,
    /// The background load's result, while it runs.
    loading: Option<Receiver<Result<Roadmap, LoadError>>>,
    /// Input that arrived while the roadmap was loading: applied once it is
    /// in, so it means what it would have meant.
    waiting: Vec<Event>,
    /// When the recovered-draft question, which comes unasked, was first drawn.
    question_drawn: Option<Instant>,
    /// The signal that ended the app.
    signalled: Option<i32>,
}

impl EventLoop {
    fn run(&mut self, app: &mut App) -> Result<(), TuiError> {
        self.terminal.draw(|frame| crate::ui::draw(app, frame))?;
        self.signals.wake_loop()?;
        if let Some(load) = self.loader.take() {
            self.loading = Some(spawn_loader(load));
        }
        // Changes a stopped run kept aside (the file could not be read then)
        // go in at once; so do conflicting copies' banner.
        let mut first = self.saver.watch(app);
        if let Err(e) = self.saver.store.check_writable() {
            first.push(Action::Saved(Err(e)));
        }
        if self.saver.store.pending().is_some() {
            first.push(Action::Saved(self.saver.save(app)));
        }
        for action in first {
            if self.apply(app, action) {
                return Ok(());
            }
        }
        let mut redraw = true;
        loop {
            if redraw {
                self.terminal.draw(|frame| crate::ui::draw(app, frame))?;
                let asking = matches!(
                    app.ui.overlay,
                    Some(crate::app::Overlay::RecoverDraft { .. })
                );
                self.question_drawn =
                    asking.then(|| self.question_drawn.unwrap_or_else(Instant::now));
            }
            redraw = true;
            if let Some(signal) = self.signals.take() {
                self.signalled = Some(signal);
                if self.apply(app, Action::Terminate) {
                    return Ok(());
                }
                continue;
            }
            if let Some(result) = self.loaded() {
                // Input typed before the load was in waits for it and then
                // applies first. (crossterm's tty reader looks at the terminal
                // only for a timeout above zero.)
                while event::poll(Duration::from_millis(1))? {
                    let event = event::read()?;
                    self.handle(app, event);
                }
                if self.finish_loading(app, result?) {
                    return Ok(());
                }
                continue;
            }
            let now = Instant::now();
            let deadline = app.next_deadline();
            if deadline.is_some_and(|d| d <= now) {
                if self.apply(app, Action::Tick) {
                    return Ok(());
                }
                continue;
            }
            let loading = self.loading.is_some().then_some(LOAD_POLL);
            let timeout = [
                deadline.map(|d| d - now),
                loading,
                self.signals.longest_wait(),
            ]
            .into_iter()
            .flatten()
            .min();
            let first = match timeout {
                None => event::read()?,
                Some(timeout) if event::poll(timeout)? => event::read()?,
                Some(_) => {
                    redraw = false;
                    continue;
                }
            };
            if self.read_and_handle(app, first)? {
                return Ok(());
            }
        }
    }

    /// Applies `first` and every event already typed after it, in order;
    /// true when the app is to quit.
    fn read_and_handle(&mut self, app: &mut App, first: Event) -> io::Result<bool> {
        let mut events = vec![first];
        while event::poll(Duration::ZERO)? {
            events.push(event::read()?);
        }
        Ok(events.into_iter().any(|event| self.handle(app, event)))
    }

    /// The background load's result, once it is in.
    fn loaded(&mut self) -> Option<Result<Roadmap, TuiError>> {
        let result = match self.loading.as_ref()?.try_recv() {
            Ok(result) => result.map_err(TuiError::Content),
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err(TuiError::Io(io::Error::other(
                "the roadmap could not be loaded",
            ))),
        };
        self.loading = None;
        Some(result)
    }

    /// Puts the whole roadmap in, then the input that waited for it.
    fn finish_loading(&mut self, app: &mut App, roadmap: Roadmap) -> bool {
        if self.apply(app, Action::Loaded(Box::new(roadmap))) {
            return true;
        }
        for event in std::mem::take(&mut self.waiting) {
            if self.handle(app, event) {
                return true;
            }
        }
        // Only then a recovered draft's question, so keys typed meanwhile
        // cannot answer it by accident.
        self.apply(app, Action::OfferDraft)
    }

    /// Applies a terminal event; true when the app is to quit.
    fn handle(&mut self, app: &mut App, event: Event) -> bool {
        if let Event::Resize(width, height) = event {
            return self.apply(app, Action::Resize(width, height));
        }
        if app.loading {
            self.waiting.push(event);
            return false;
        }
        // Keys typed before anyone could have read the question (or while
        // it was not yet drawn) do not answer it.
        let asking = matches!(
            app.ui.overlay,
            Some(crate::app::Overlay::RecoverDraft { .. })
        );
        if asking
            && matches!(event, Event::Key(_))
            && self
                .question_drawn
                .is_none_or(|t| t.elapsed() < QUESTION_GRACE)
        {
            return false;
        }
        match translate(app, event) {
            Some(action) => self.apply(app, action),
            None => false,
        }
    }

    /// Updates the app with `action` and runs the effects that follow,
    /// feeding their results back in. Returns true when the app is to quit.
    fn apply(&mut self, app: &mut App, action: Action) -> bool {
        let mut effects = app.update(action, Now::real());
        while !effects.is_empty() {
            let mut next = Vec::new();
            for effect in effects {
                match effect {
                    Effect::Quit => return true,
                    Effect::Save => {
                        let result = self.saver.save(app);
                        next.extend(app.update(Action::Saved(result), Now::real()));
                    }
                    Effect::Watch => {
                        for action in self.saver.watch(app) {
                            next.extend(app.update(action, Now::real()));
                        }
                    }
                    Effect::ListPacks => {
                        let store = &self.saver.store;
                        let packs = crate::packs::summaries(store.dir(), store);
                        next.extend(app.update(Action::Packs(packs), Now::real()));
                    }
                    Effect::OpenPack(id) => {
                        // Saved first: the progress on screen goes with its roadmap.
                        if app.save.dirty {
                            let saved = self.saver.save(app);
                            next.extend(app.update(Action::Saved(saved), Now::real()));
                        }
                        let opened = self.saver.open_pack(app, &id);
                        next.extend(app.update(Action::PackOpened(opened), Now::real()));
                    }
                    Effect::EditExternally(skill) => {
                        // Saved first: the editor may be killed, and this with it.
                        if app.save.dirty {
                            let saved = self.saver.save(app);
                            next.extend(app.update(Action::Saved(saved), Now::real()));
                        }
                        let result = self.edit_externally(app, &skill);
                        next.extend(app.update(result, Now::real()));
                    }
                }
            }
            effects = next;
        }
        false
    }

    /// Suspends the TUI, edits the note in the user's editor, and comes back.
    fn edit_externally(&mut self, app: &App, skill: &str) -> Action {
        let note = app.progress.note(skill).to_string();
        leave();
        let result = crate::editor::edit_text(&note, skill);
        self.signals.forget_keyboard();
        // A fresh Terminal redraws everything; `Terminal::clear` would ask the
        // terminal for the cursor position, which not every terminal answers.
        let restarted = enter(app.mouse).and_then(|()| {
            self.terminal = Terminal::new(backend())?;
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
