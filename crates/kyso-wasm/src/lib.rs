//! WebAssembly binding of the Kyso core, used by the portal's Web Worker and the widget. Holds no verification logic.
#![forbid(unsafe_code)]
