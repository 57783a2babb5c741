//! Making the measure model: training it from the annotated articles of the repository
//! ([`train`], behind `cuoshi train`) and refitting it from a workspace's corrections
//! ([`refit`]). Apart from [`crate::learn`], which only applies a model, because making
//! one runs the whole pipeline over articles: the pipeline depends on `learn`, training
//! depends on the pipeline, and neither goes round in a circle.

pub mod refit;
pub mod train;
