//! Tests: analyses.
