//! Point-of-sale sources, each mapping its API onto the §3 documents.

pub mod fake;
pub mod file;
pub mod lightspeed;
pub mod mplus;
pub mod xml;

/// What went wrong talking to a POS, in plain words and without secrets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PosError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("could not reach the POS server: {0}")]
    Transport(String),
    #[error("the POS server answered HTTP {0} to {1}")]
    Http(u16, String),
    #[error("the POS server refused the call: {code}: {message}")]
    Fault { code: String, message: String },
    #[error("the POS server's answer is unusable: {0}")]
    Invalid(String),
}

impl PosError {
    /// Worth retrying: the network, the server's own errors, a broken answer.
    pub fn transient(&self) -> bool {
        match self {
            PosError::Transport(_) | PosError::Invalid(_) => true,
            PosError::Http(code, _) => *code >= 500 || *code == 429,
            PosError::Fault { code, .. } => code.starts_with("Server") || code.starts_with("SOAP-ENV:Server"),
            PosError::Config(_) => false,
        }
    }
}
