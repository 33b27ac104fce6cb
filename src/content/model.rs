//! The roadmap as its author wrote it: read-only after loading.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roadmap {
    /// Stable id; progress is stored under it, so packs never mix.
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub intro: Option<String>,
    pub final_thought: Option<String>,
    pub stages: Vec<Stage>,
    /// Heading of the interview tips view, if the pack names it.
    pub tips_title: Option<String>,
    pub tips: Vec<Tip>,
    /// Heading of the staying-current view, if the pack names it.
    pub strategies_title: Option<String>,
    pub strategies: Vec<Strategy>,
    skill_index: HashMap<String, SkillRef>,
}

/// What a roadmap is made of; [`Roadmap::new`] adds the skill index.
#[derive(Debug, Clone, Default)]
pub struct RoadmapParts {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub intro: Option<String>,
    pub final_thought: Option<String>,
    pub stages: Vec<Stage>,
    pub tips_title: Option<String>,
    pub tips: Vec<Tip>,
    pub strategies_title: Option<String>,
    pub strategies: Vec<Strategy>,
}

/// Where a skill sits: stage index and skill index within the stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SkillRef {
    pub stage: usize,
    pub skill: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub id: String,
    pub title: String,
    pub span: Option<String>,
    pub summary: Option<String>,
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    pub id: String,
    pub title: String,
    pub body: Option<String>,
    pub items: Vec<ChecklistItem>,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem {
    /// Stable within its skill: explicit, or derived from the text (see content/README.md).
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tip {
    pub id: String,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strategy {
    pub id: String,
    pub name: String,
    pub time: String,
    pub value: String,
    pub note: Option<String>,
}

/// What `roadmap check` reports about a valid pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub stages: usize,
    pub skills: usize,
    pub items: usize,
    pub tips: usize,
    pub strategies: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let part =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "{}, {}, {}, {}, {}",
            part(self.stages, "stage", "stages"),
            part(self.skills, "skill", "skills"),
            part(self.items, "checklist item", "checklist items"),
            part(self.tips, "tip", "tips"),
            part(self.strategies, "strategy", "strategies"),
        )
    }
}

impl Roadmap {
    pub fn new(parts: RoadmapParts) -> Self {
        let RoadmapParts {
            id,
            title,
            subtitle,
            intro,
            final_thought,
            stages,
            tips_title,
            tips,
            strategies_title,
            strategies,
        } = parts;
        let mut skill_index = HashMap::new();
        for (si, stage) in stages.iter().enumerate() {
            for (ki, skill) in stage.skills.iter().enumerate() {
                skill_index.entry(skill.id.clone()).or_insert(SkillRef {
                    stage: si,
                    skill: ki,
                });
            }
        }
        Self {
            id,
            title,
            subtitle,
            intro,
            final_thought,
            stages,
            tips_title,
            tips,
            strategies_title,
            strategies,
            skill_index,
        }
    }

    pub fn counts(&self) -> Counts {
        Counts {
            stages: self.stages.len(),
            skills: self.stages.iter().map(|s| s.skills.len()).sum(),
            items: self.skills().map(|(_, skill)| skill.items.len()).sum(),
            tips: self.tips.len(),
            strategies: self.strategies.len(),
        }
    }

    /// Every skill with its position, in roadmap order.
    pub fn skills(&self) -> impl Iterator<Item = (SkillRef, &Skill)> {
        self.stages.iter().enumerate().flat_map(|(si, stage)| {
            stage.skills.iter().enumerate().map(move |(ki, skill)| {
                (
                    SkillRef {
                        stage: si,
                        skill: ki,
                    },
                    skill,
                )
            })
        })
    }

    pub fn find_skill(&self, id: &str) -> Option<SkillRef> {
        self.skill_index.get(id).copied()
    }

    pub fn skill(&self, at: SkillRef) -> &Skill {
        &self.stages[at.stage].skills[at.skill]
    }

    pub fn skill_ids(&self) -> impl Iterator<Item = &str> {
        self.skills().map(|(_, s)| s.id.as_str())
    }
}
