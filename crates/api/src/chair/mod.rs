//! The chair's day: import signed reviews, consolidate, sign, export.
