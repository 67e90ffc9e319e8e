//! Exporters: pages from layout into files. They draw what layout decided
//! and measure nothing themselves.

pub mod html;
pub mod pdf;
