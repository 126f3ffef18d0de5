//! The validation time the user chooses in the settings panel: kept in
//! `localStorage` (this browser only) like the trust anchors, and passed to
//! the core as `options.at` with every verification. What the choice means is
//! the core's business (`kyso_report::ValidationTimeChoice`); the page only
//! turns the form into `"claimed"` or an RFC 3339 time.

use kyso_report::Time;
use serde::{Deserialize, Serialize};

const KEY: &str = "kyso.validation_time.v1";

/// Which option is selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Kyso's rule (recommended).
    #[default]
    Default,
    /// Each signature's claimed signing time.
    Claimed,
    /// The time in [`Setting::local`].
    At,
}

/// The stored setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Setting {
    /// Selected option.
    #[serde(default)]
    pub mode: Mode,
    /// The `datetime-local` input's value as typed (`2025-01-01T07:00` or
    /// with seconds), read as Vietnam time (UTC+7) like every time the portal shows.
    #[serde(default)]
    pub local: String,
}

impl Setting {
    /// The chosen time, when the input holds one.
    pub fn time(&self) -> Option<Time> {
        let v = self.local.trim();
        let v = if v.len() == 16 {
            format!("{v}:00")
        } else {
            v.to_owned()
        };
        Time::parse_rfc3339(&format!("{v}+07:00"))
    }

    /// `options.at` for the worker; `None` for the default (also when "a
    /// specific time" is selected but no time is filled in yet: see [`Setting::incomplete`]).
    pub fn option(&self) -> Option<String> {
        match self.mode {
            Mode::Default => None,
            Mode::Claimed => Some("claimed".to_owned()),
            Mode::At => self.time().map(Time::to_rfc3339),
        }
    }

    /// "A specific time" is selected without a usable time.
    pub fn incomplete(&self) -> bool {
        self.mode == Mode::At && self.time().is_none()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored setting (the default when storage is unavailable or unreadable).
pub fn load() -> Setting {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Persist the setting. Returns false when storage refused.
pub fn save(setting: &Setting) -> bool {
    let Some(s) = storage() else { return false };
    match serde_json::to_string(setting) {
        Ok(json) => s.set_item(KEY, &json).is_ok(),
        Err(_) => false,
    }
}
