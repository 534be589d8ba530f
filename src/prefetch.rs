//! A hint to the processor to fetch memory into the cache ahead of a load that needs it.
//!
//! The feature pass's facts ([`crate::rules`]) are megabytes, read at scattered places: most of
//! their reads miss the cache and wait for memory. Where the places are known a while before
//! they are read, fetching them first lets those waits overlap instead of adding up.

/// Starts fetching the cache line that holds the byte at `p` into every level of the cache,
/// without waiting for it. Any address will do: a prefetch reads nothing the program sees and
/// does not fault, so `p` need not point into an allocation.
#[inline(always)]
pub(crate) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that reads nothing the program sees and cannot fault, at any
    // address; SSE, which it needs, is part of x86-64.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
