//! Ending the processes the tests started, and only those.
//!
//! Each WebDriver driver is spawned as the leader of a new process group
//! (`process_group(0)`), because `xvfb-run` and the drivers start children of
//! their own (Xvfb, the browser) that must end with them. The group is ended
//! through the system call — `killpg(pgid, sig)` via `rustix` — with the pgid
//! taken from the child we spawned. Never through a `kill` command: procps-ng's
//! `kill -TERM -1234` parses `-1234` as options and signals *every* process
//! the user may signal (`kill(-1, …)`), which ended whole machines (issue 8).

use rustix::process::{self, Pid, Signal};
use std::time::Duration;
use tokio::process::Child;

/// Why a process group was not signalled.
#[derive(Debug, PartialEq, Eq)]
pub enum GroupError {
    /// The child has already been reaped: its pid may be reused, so its
    /// group is no longer ours to signal.
    NoPid,
    /// The pid is 0 or 1, or the test's own process group: never signalled.
    Refused(i32),
}

/// The process group led by `child`, checked to be one this process created:
/// a positive pid that is neither init's nor our own group.
pub fn own_group(child: &Child) -> Result<Pid, GroupError> {
    let raw = child.id().ok_or(GroupError::NoPid)?;
    let raw = i32::try_from(raw).map_err(|_| GroupError::Refused(-1))?;
    let pid = Pid::from_raw(raw).ok_or(GroupError::Refused(raw))?;
    if raw <= 1 || pid == process::getpgrp() {
        return Err(GroupError::Refused(raw));
    }
    Ok(pid)
}

/// Whether any process of group `pgid` still runs.
///
/// `kill(-pgid, 0)` also counts zombies: members whose parent died are
/// reparented to init, which here reaps them only about once a second. On
/// Linux the group's members are therefore read from `/proc` and zombies
/// (state `Z`) are not counted; elsewhere `kill(-pgid, 0)` decides.
pub fn group_alive(pgid: Pid) -> bool {
    if process::test_kill_process_group(pgid).is_err() {
        return false;
    }
    match live_members(pgid) {
        Some(n) => n > 0,
        None => true,
    }
}

/// The number of non-zombie processes in group `pgid`, from `/proc/*/stat`;
/// `None` when `/proc` cannot be read.
fn live_members(pgid: Pid) -> Option<usize> {
    let want = pgid.as_raw_nonzero().get();
    let mut n = 0;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) S ppid pgrp ...": comm may hold spaces and parentheses.
        let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
            continue;
        };
        let mut fields = rest.split_whitespace();
        let state = fields.next();
        let pgrp = fields.nth(1).and_then(|f| f.parse::<i32>().ok());
        if pgrp == Some(want) && state != Some("Z") {
            n += 1;
        }
    }
    Some(n)
}

/// End the process group that `child` leads: SIGTERM to the group, wait up
/// to `grace` for the leader to exit (reaping it) and the group to empty,
/// then SIGKILL whatever is left of the group.
///
/// The group is signalled only while the leader is unreaped or the group
/// still has members: a pid whose process and group are both gone could be
/// reused, so it is never signalled again.
pub async fn end_group(child: &mut Child, grace: Duration) {
    let Ok(pgid) = own_group(child) else {
        // Already reaped (or refused): make sure the leader itself is gone.
        let _ = child.start_kill();
        let _ = child.wait().await;
        return;
    };
    let _ = process::kill_process_group(pgid, Signal::TERM);
    let deadline = tokio::time::Instant::now() + grace;
    let mut leader_done = false;
    loop {
        if !leader_done {
            leader_done = matches!(child.try_wait(), Ok(Some(_)));
        }
        // While the leader is unreaped its pid cannot be reused, and while any
        // member lives the group id stays allocated: the group is still ours.
        if leader_done && !group_alive(pgid) {
            return;
        }
        if tokio::time::Instant::now() >= deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    if !leader_done || group_alive(pgid) {
        let _ = process::kill_process_group(pgid, Signal::KILL);
    }
    let _ = tokio::time::timeout(Duration::from_secs(5), child.wait()).await;
}

/// The synchronous last resort for `Drop`: SIGKILL the group `child` leads,
/// if the leader has not been reaped yet.
pub fn kill_group_now(child: &mut Child) {
    if let Ok(pgid) = own_group(child) {
        let _ = process::kill_process_group(pgid, Signal::KILL);
    }
    let _ = child.start_kill();
}

/// A process that must survive the tests: `sleep` in a process group of its
/// own, started before a browser and checked after the browser's session and
/// driver were ended. Had the tests signalled anything but their own driver's
/// group — as `kill -TERM -<pid>` did — the sentinel would be gone.
pub struct Sentinel {
    child: Child,
    pid: u32,
}

impl Sentinel {
    /// Start `sleep 600` as the leader of a new process group.
    pub fn start() -> std::io::Result<Self> {
        let child = tokio::process::Command::new("sleep")
            .arg("600")
            .stdin(std::process::Stdio::null())
            .process_group(0)
            .kill_on_drop(true)
            .spawn()?;
        let pid = child
            .id()
            .ok_or_else(|| std::io::Error::other("sentinel has no pid"))?;
        Ok(Sentinel { child, pid })
    }

    /// The sentinel's pid.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// `Ok` while the sentinel still runs; otherwise how it ended.
    pub fn check_alive(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(format!(
                "sentinel process {} (its own process group) was ended: {status}",
                self.pid
            )),
            Err(e) => Err(format!("sentinel process {}: {e}", self.pid)),
        }
    }

    /// End the sentinel by its own pid, and reap it.
    pub async fn stop(mut self) {
        let _ = self.child.start_kill();
        let _ = tokio::time::timeout(Duration::from_secs(5), self.child.wait()).await;
    }
}
