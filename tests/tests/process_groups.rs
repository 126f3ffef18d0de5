//! The e2e helpers end the process groups they started, and nothing else
//! (issue 8: `kill -TERM -<pid>` through procps signalled every process on the
//! machine). These run without a browser, before the browser tests.

use kyso_e2e::process::{end_group, group_alive, own_group, GroupError, Sentinel};
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

/// `sh` leading a new process group, with two more `sleep`s in that group.
fn group_of_three(script: &str) -> Child {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .expect("spawn sh")
}

/// Wait until the group has its background members (the `sleep`s started).
async fn settle() {
    tokio::time::sleep(Duration::from_millis(300)).await;
}

#[tokio::test]
async fn ending_a_group_leaves_other_groups_alone() {
    let mut sentinel = Sentinel::start().expect("sentinel");
    let mut group = group_of_three("sleep 600 & sleep 600 & wait");
    settle().await;
    let pgid = own_group(&group).expect("our own group");
    assert!(group_alive(pgid));

    end_group(&mut group, Duration::from_secs(5)).await;

    assert!(
        !group_alive(pgid),
        "every member of the ended group is gone"
    );
    sentinel
        .check_alive()
        .expect("a process in another group survives");
    // The test process itself obviously survived; so did its own group.
    assert!(group_alive(rustix::process::getpgrp()));
    // Once reaped, the leader's pid is no longer ours to signal.
    assert_eq!(own_group(&group), Err(GroupError::NoPid));
    sentinel.stop().await;
}

#[tokio::test]
async fn members_that_ignore_sigterm_are_killed_after_the_grace_period() {
    let mut sentinel = Sentinel::start().expect("sentinel");
    // `trap "" TERM` is inherited by the children: nothing in this group
    // ends on SIGTERM, so end_group must escalate to SIGKILL — on the group.
    let mut group = group_of_three("trap '' TERM; sleep 600 & sleep 600 & wait");
    settle().await;
    let pgid = own_group(&group).expect("our own group");

    end_group(&mut group, Duration::from_millis(500)).await;

    // SIGKILL is delivered asynchronously; give the kernel a moment.
    for _ in 0..50 {
        if !group_alive(pgid) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        !group_alive(pgid),
        "SIGKILL reached every member of the group"
    );
    sentinel
        .check_alive()
        .expect("the sentinel survives SIGKILL of another group");
    sentinel.stop().await;
}

#[tokio::test]
async fn stopping_the_sentinel_ends_it() {
    let sentinel = Sentinel::start().expect("sentinel");
    let pid = rustix::process::Pid::from_raw(sentinel.pid() as i32).expect("pid");
    assert!(group_alive(pid), "the sentinel leads its own group");
    sentinel.stop().await;
    assert!(!group_alive(pid));
}
