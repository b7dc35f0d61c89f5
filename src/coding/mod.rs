//! Coding: a codebook applied to segments. `words` tokenises and reads keywords,
//! `engine` compiles a codebook and codes one segment at a time.

mod engine;
pub mod words;

pub use engine::{Coding, Engine, Hit, rule_names};
