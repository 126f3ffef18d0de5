//! The work budget: every object load the analysis makes is counted, so that a
//! hostile file (thousands of revisions, huge forms, deep trees) costs bounded
//! time. When the budget runs out the analysis stops and says so, and whatever
//! was not examined counts as a disallowed change: never a wrong "permitted".

/// Object loads for one document. A real signed decree needs a few thousand
/// (revisions × changed objects + form and page walks); the DSS-heavy PAdES-LTA
/// files in the corpus under 20,000. Two million keeps the worst case to a few
/// seconds natively (each load is a bounded parse of one object).
pub const DEFAULT_OBJECT_LOADS: usize = 2_000_000;

/// Changed objects examined in one revision. Real incremental updates touch a
/// few dozen (a DSS update: hundreds); 100,000 only matters to an attacker.
pub const MAX_CHANGED_PER_REVISION: usize = 100_000;

/// Revisions after the first signed one that are compared. Each object lookup
/// walks the revision list, so the cost grows with its square; 1,000 is also
/// the parser's default `max_revisions` (a province-wide signing round stays
/// under 100). Later revisions count as not examined, hence not permitted.
pub const MAX_REVISIONS_ANALYSED: usize = 1_000;

/// Counts object loads.
#[derive(Debug, Clone)]
pub struct Budget {
    left: usize,
    exhausted: bool,
}

impl Budget {
    /// A budget of `loads` object loads.
    pub fn new(loads: usize) -> Self {
        Budget {
            left: loads,
            exhausted: false,
        }
    }

    /// Spend `n`; false (and remembered) when there is not enough left.
    pub fn take(&mut self, n: usize) -> bool {
        match self.left.checked_sub(n) {
            Some(l) => {
                self.left = l;
                true
            }
            None => {
                self.left = 0;
                self.exhausted = true;
                false
            }
        }
    }

    /// Whether some work was refused.
    pub fn exhausted(&self) -> bool {
        self.exhausted
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(DEFAULT_OBJECT_LOADS)
    }
}
