//! Document similarity: a document × document heatmap of cosine similarity, by measure
//! categories (what the documents do) or by terms (what they talk about), with the most and
//! least alike pairs named.
//!
//! The heatmap is a table (so every value can be read and reached), shaded by where each
//! value sits between the least and the most alike pair.

use yew::prelude::*;

use super::matrix::empty;
use crate::page::components::use_lang;
use crate::page::i18n::{tr, trs};
use crate::page::state::{Action, SharedReport, SimBasis};
use crate::page::view;

#[derive(Properties, Clone, PartialEq)]
pub struct SimilarityViewProps {
    pub report: Option<SharedReport>,
    pub basis: SimBasis,
    pub onaction: Callback<Action>,
}

#[component]
pub fn SimilarityView(props: &SimilarityViewProps) -> Html {
    let lang = use_lang();
    let Some(report) = props.report.as_ref().filter(|r| !r.documents.is_empty()) else {
        return empty(lang);
    };
    let docs = &report.documents;
    let matrix = match props.basis {
        SimBasis::Categories => &report.comparison.similarity,
        SimBasis::Terms => &report.comparison.term_similarity,
    };
    let set = |basis: SimBasis, testid: &'static str, label: &'static str| {
        let onaction = props.onaction.clone();
        let onclick =
            Callback::from(move |_: MouseEvent| onaction.emit(Action::SetSimilarity(basis)));
        html! {
            <button type="button" class={classes!("seg", (props.basis == basis).then_some("is-active"))}
                    data-testid={testid} aria-pressed={(props.basis == basis).to_string()} {onclick}>{ label }</button>
        }
    };
    let name = |i: usize| {
        docs.get(i).map_or_else(String::new, |d| {
            format!("{} {}", d.id, view::doc_short(d, 10))
        })
    };
    // The pairs are the report's (the core's rule: the mean of both similarities), so the
    // page names the same pairs as the command line.
    // Their value is that mean, not a cell of the matrix shown: say so.
    let mean = tr(lang, "两种相似度平均", "mean of both");
    let pairs = report.comparison.pairs.as_ref().map(|p| {
        let ((a, b, most), (c, d, least)) = (p.most, p.least);
        html! {
            <div class="pairs" data-testid="similarity-pairs">
                <p data-testid="pair-most"><strong>{ tr(lang, "最相似：", "Most alike: ") }</strong>
                    { format!("{} — {} ({mean} {most:.2})", name(a), name(b)) }</p>
                <p data-testid="pair-least"><strong>{ tr(lang, "最不相似：", "Least alike: ") }</strong>
                    { format!("{} — {} ({mean} {least:.2})", name(c), name(d)) }</p>
            </div>
        }
    });
    // Shade by where a value sits between the least and the most alike pair, so that
    // differences show even when every pair is fairly alike.
    let off_diagonal = matrix.iter().enumerate().flat_map(|(i, row)| {
        row.iter()
            .enumerate()
            .filter(move |(j, _)| *j != i)
            .map(|(_, v)| *v)
    });
    let (lo, hi) = off_diagonal.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let heat = |v: f64| {
        if hi > lo {
            (0.1 + 0.9 * (v - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            v.clamp(0.0, 1.0)
        }
    };
    let head = docs.iter().map(|d| html! {
        <th scope="col" class="doc-col" title={view::doc_title(d)}>
            <span class="col-id">{ &d.id }</span><span class="col-name">{ view::doc_short(d, 6) }</span>
        </th>
    });
    let rows = docs.iter().enumerate().map(|(i, d)| {
        let cells = docs.iter().enumerate().map(|(j, e)| {
            let v = matrix.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0);
            html! {
                <td>
                    <span class={classes!("sim", (i == j || heat(v) > 0.55).then_some("is-hot"), (i == j).then_some("is-self"))}
                          data-testid="similarity-cell" style={format!("--heat:{:.3}", if i == j { 1.0 } else { heat(v) })}
                          title={format!("{} × {}: {v:.3}", d.id, e.id)}>
                        { format!("{v:.2}") }
                    </span>
                </td>
            }
        });
        html! {
            <tr>
                <th scope="row" class="cat"><span class="col-id">{ &d.id }</span>{ " " }{ view::doc_short(d, 8) }</th>
                { for cells }
            </tr>
        }
    });
    html! {
        <div data-testid="similarity">
            <div class="view-controls">
                <div class="segmented" role="group" aria-label={tr(lang, "比较依据", "Compare by")}>
                    { set(SimBasis::Categories, "similarity-categories", tr(lang, "措施类别", "Measure categories")) }
                    { set(SimBasis::Terms, "similarity-terms", tr(lang, "词语", "Terms")) }
                </div>
                <p class="hint">{ tr(lang, "余弦相似度：1 为完全相同，0 为毫无共同之处。", "Cosine similarity: 1 is identical, 0 nothing in common.") }</p>
            </div>
            if docs.len() < 2 {
                <p class="hint">{ tr(lang, "至少需要两篇文档。", "Needs at least two documents.") }</p>
            } else {
                { for pairs }
            }
            <div class="table-scroll">
                <table class="matrix sim-table" data-testid="similarity-matrix">
                    <thead><tr><th scope="col" class="corner">{ trs(lang, format!("{} 篇", docs.len()), format!("{} docs", docs.len())) }</th>{ for head }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </div>
    }
}
