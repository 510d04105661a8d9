//! Local fake POS servers on 127.0.0.1, fed from §3 documents, with switchable faults.
//! The tests and the demo use the same code.

pub mod lightspeed;
pub mod mplus;

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// Faults to inject, each for the next N requests.
#[derive(Debug, Default)]
pub struct Faults {
    /// Answer HTTP 500 with a `Server` SOAP fault.
    pub server_error: AtomicU32,
    /// Cut the body off in the middle.
    pub truncate: AtomicU32,
    /// Answer something that is not XML.
    pub garbage: AtomicU32,
    /// Answer with a body of this many MiB of padding (a hostile or broken server).
    pub huge_mb: AtomicU32,
    /// Answer with a redirect to another host.
    pub redirect: AtomicU32,
    /// Wait this long (ms) before answering, on every request while set.
    pub delay_ms: AtomicU64,
    /// Slow loris: send the headers at once, then the body one byte per this many ms.
    pub drip_ms: AtomicU64,
    /// Answer this many requests normally before the counted faults above apply (a run
    /// that fails part-way, after its first pages came).
    pub healthy_first: AtomicU32,
}

impl Faults {
    /// The body of an answer: the text at once, or byte by byte under the slow-loris fault.
    pub fn body(&self, text: String) -> axum::body::Body {
        let every = std::time::Duration::from_millis(self.drip_ms.load(Ordering::SeqCst));
        if every.is_zero() {
            return axum::body::Body::from(text);
        }
        let bytes = text.into_bytes();
        let stream = futures::stream::unfold(0usize, move |i| {
            let next = bytes.get(i).copied();
            async move {
                let b = next?;
                tokio::time::sleep(every).await;
                Some((Ok::<_, std::io::Error>(vec![b]), i + 1))
            }
        });
        axum::body::Body::from_stream(stream)
    }

    /// Take one from a counter; true when the fault applies to this request.
    pub fn take(counter: &AtomicU32) -> bool {
        counter
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    }
}
