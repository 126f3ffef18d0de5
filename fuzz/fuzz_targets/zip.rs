//! Fuzz the bounded ZIP reader on its own: whatever the bytes, it returns a
//! value, and what it returns keeps the limits it was given (entries, entry
//! size, total size), with a duplicate name never read.
#![no_main]

use libfuzzer_sys::fuzz_target;

const LIMITS: kyso_zip::ZipLimits = kyso_zip::ZipLimits {
    max_entries: 64,
    max_entry_size: 1 << 20,
    max_total_size: 4 << 20,
    max_ratio: 100,
    ratio_floor: 4 << 10,
    case_insensitive_names: true,
};

fuzz_target!(|data: &[u8]| {
    if let Ok(archive) = kyso_zip::read(data, &LIMITS) {
        assert!(archive.files.len() <= LIMITS.max_entries);
        let mut total = 0u64;
        for (name, bytes) in &archive.files {
            assert!(bytes.len() as u64 <= LIMITS.max_entry_size);
            assert!(!kyso_zip::path_trick(name));
            total += bytes.len() as u64;
        }
        assert!(total <= LIMITS.max_total_size);
    }
});
