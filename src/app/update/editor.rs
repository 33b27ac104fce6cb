//! Writing a note: the note editor overlay, pasting, and the external editor.

use crate::app::action::{Action, Effect};
use crate::app::edits::Edits;
use crate::app::state::{App, NoteEditor, Overlay};
use crate::text::clean;
use crate::time::Now;

impl App {
    /// Opens the note editor on the selected skill, with `text` (a recovered
    /// draft) or the current note.
    pub(super) fn open_editor(&mut self, text: Option<String>) {
        let Some(at) = self.selected_skill() else {
            return;
        };
        let skill = self.roadmap.skill(at).id.clone();
        self.open_editor_on(&skill, text);
    }

    /// Opens the note editor on `skill`'s note, or on `text`.
    pub(super) fn open_editor_on(&mut self, skill: &str, text: Option<String>) {
        self.drop_passing_message();
        let skill = skill.to_string();
        let note = self.progress.note(&skill).to_string();
        let recovered = text.is_some();
        let start = text.unwrap_or_else(|| note.clone());
        let mut shown = clean(&start).into_owned();
        // Writing more starts on a fresh line after what is there.
        if !recovered && !shown.is_empty() {
            shown.push('\n');
        }
        let textarea = crate::app::note_area::NoteArea::at_end(&shown, self.editor_rows());
        let edits = Edits::opened(shown.trim_end() == note);
        self.ui.overlay = Some(Overlay::Editor(Box::new(NoteEditor {
            skill,
            textarea,
            kept: note,
            // A recovered draft is not the note: saving it is a change.
            shown: if recovered { String::new() } else { shown },
            draft_due: None,
            edits,
            review: false,
        })));
    }

    pub(super) fn editor_action(&mut self, action: Action, now: Now) -> Vec<Effect> {
        let rows = self.editor_rows();
        let Some(Overlay::Editor(editor)) = &mut self.ui.overlay else {
            return Vec::new();
        };
        match action {
            Action::EditorInput(_) | Action::EditorUndo | Action::EditorRedo => {
                let changed = match action {
                    Action::EditorInput(input) => {
                        editor.edits.input(&mut editor.textarea, input, rows)
                    }
                    Action::EditorUndo => editor.edits.undo(&mut editor.textarea, rows),
                    _ => editor.edits.redo(&mut editor.textarea, rows),
                };
                editor.edited(changed, now.instant);
                if changed {
                    // "Note saved." is no longer true once the text changes.
                    self.ui.message = None;
                }
                Vec::new()
            }
            Action::EditorSave => {
                self.commit_note(now);
                // Said once the save has reached the disk.
                self.save
                    .announce
                    .get_or_insert_with(|| "Note saved.".into());
                vec![Effect::Save]
            }
            Action::EditorClose => {
                let review = editor.review.then(|| editor.skill.clone());
                self.commit_note(now);
                self.ui.overlay = review.map(|skill| Overlay::Rate { skill });
                self.rebuild_journal();
                vec![Effect::Save]
            }
            Action::Quit => self.quit(now),
            _ => Vec::new(),
        }
    }

    /// Writes the editor's text as the skill's note (dropping its draft).
    pub(super) fn commit_note(&mut self, now: Now) {
        let rows = self.editor_rows();
        let Some(Overlay::Editor(editor)) = &mut self.ui.overlay else {
            return;
        };
        let text = editor.text();
        let skill = editor.skill.clone();
        editor.draft_due = None;
        editor.edits.keep();
        // The editor shows the note made safe (tabs as spaces, controls as
        // symbols): back as it opened, the note is not rewritten that way.
        let untouched = text == editor.shown;
        let base = std::mem::replace(&mut editor.kept, text.trim_end().to_string());
        let had_draft = self.progress.clear_draft(&skill);
        let elsewhere = self.progress.note(&skill) != base;
        let changed = if untouched {
            editor.kept = base;
            false
        } else if elsewhere {
            // Changed in another copy while being edited here: both kept,
            // and the editor goes on from the merged note.
            let current = self.progress.skill(&skill).cloned().unwrap_or_default();
            let merged = crate::progress::merge::edited_note(&current, &base, &text, now.stamp);
            let shown = clean(&merged.note).into_owned();
            editor.textarea = crate::app::note_area::NoteArea::at_end(&shown, rows);
            editor.kept.clone_from(&merged.note);
            editor.shown = shown;
            self.progress.skills.insert(skill, merged);
            self.save.announce =
                Some("Note saved, with a change made elsewhere meanwhile: both texts kept.".into());
            true
        } else {
            self.progress.set_note(&skill, &text, now.stamp)
        };
        if changed || had_draft {
            self.changed(now);
        }
    }

    pub(super) fn paste(&mut self, text: &str, now: Now) {
        // Pasted text is untrusted: keep line breaks, make controls visible.
        let text = clean(&text.replace("\r\n", "\n").replace('\r', "\n")).into_owned();
        let rows = self.editor_rows();
        match &mut self.ui.overlay {
            Some(Overlay::Editor(editor)) => {
                let changed = editor.edits.paste(&mut editor.textarea, &text, rows);
                editor.edited(changed, now.instant);
            }
            Some(Overlay::Link(prompt)) => {
                prompt
                    .text
                    .push_str(text.lines().next().unwrap_or_default());
                prompt.error = None;
            }
            Some(Overlay::Search(search)) => {
                let line = text.lines().next().unwrap_or_default().to_string();
                search.query.push_str(&line);
                if let Some(index) = &self.search_index {
                    search.refresh(index);
                }
            }
            _ => {}
        }
    }

    pub(super) fn edit_externally(&mut self) -> Vec<Effect> {
        let Some(at) = self.selected_skill() else {
            return Vec::new();
        };
        vec![Effect::EditExternally(self.roadmap.skill(at).id.clone())]
    }

    pub(super) fn external_edit(
        &mut self,
        skill: &str,
        result: Result<String, String>,
        now: Now,
    ) -> Vec<Effect> {
        match result {
            Ok(text) => {
                if self.progress.set_note(skill, &text, now.stamp) {
                    self.changed(now);
                    self.rebuild_journal();
                    self.save.announce = Some("Note saved.".into());
                    return vec![Effect::Save];
                }
                self.flash("Note unchanged.", now);
            }
            Err(why) => self.flash_error(&why, now),
        }
        Vec::new()
    }
}
