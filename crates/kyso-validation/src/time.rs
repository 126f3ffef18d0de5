//! "Now", the one clock reading of the pipeline.
//!
//! Library code must run in `wasm32-unknown-unknown`, where
//! `std::time::SystemTime::now()` panics; there the front end passes
//! `Date.now()` in [`crate::ValidationOptions::now`]. Natively the system clock is read
//! when the caller did not fix the time.

/// The validation "now" in unix seconds: the caller's, else the system clock
/// (native builds only). `None` on wasm when the caller gave none.
pub fn now(fixed: Option<i64>) -> Option<i64> {
    if fixed.is_some() {
        return fixed;
    }
    system_now()
}

#[cfg(not(target_arch = "wasm32"))]
fn system_now() -> Option<i64> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
}

#[cfg(target_arch = "wasm32")]
fn system_now() -> Option<i64> {
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixed_time_wins_and_system_time_is_recent() {
        assert_eq!(super::now(Some(42)), Some(42));
        // 2024-01-01: any machine running these tests is past it.
        assert!(super::now(None).unwrap() > 1_704_067_200);
    }
}
