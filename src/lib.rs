//! coda: qualitative analysis of interview transcripts.
//!
//! Data flows one way: files ([`transcript`]) -> an attributed [`corpus`] of segments
//! and participants -> the project database ([`store`], by [`ingest`]) and the search
//! [`index`] derived from it -> coding passes ([`coding`], run by [`pass`]) -> matrices
//! and quotes ([`analysis`]) -> [`output`] writers; coding sheets go out to a
//! spreadsheet and come back as a person's pass through [`exchange`]. The binary's command layer (`cli`, `cmd`) is
//! the only place that parses flags, prints or draws progress bars.

pub mod analysis;
pub mod cli;
pub mod cmd;
pub mod codebook;
pub mod coding;
pub mod corpus;
pub mod error;
pub mod evidence;
pub mod exchange;
pub mod hash;
pub mod index;
pub mod ingest;
pub mod names;
pub mod output;
pub mod pass;
pub mod progress;
pub mod store;
pub mod transcript;

pub use error::{Error, Problem, Result};
