//! The eight views of the corpus, one tab each: the category × document [`matrix`], the
//! [`aligned`] measures, numeric [`slogans`], [`figures`] with a bar chart, [`keywords`] with
//! a concordance, document [`similarity`], the side-by-side [`reader`], and the
//! [`timeline`]. Charts are SVG drawn here ([`bar_chart`]); nothing is loaded from elsewhere.

pub mod aligned;
pub mod bar_chart;
pub mod figures;
pub mod keywords;
pub mod matrix;
pub mod reader;
pub mod similarity;
pub mod slogans;
pub mod timeline;
