//! XML-DSig and XAdES (work in progress).
#![forbid(unsafe_code)]
