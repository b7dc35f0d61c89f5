//! Reading across segments: keyword in context (and, later, matrices and quotes).

pub mod kwic;
