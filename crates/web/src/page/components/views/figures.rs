//! Figures: every quantity the articles state, with unit, qualifier (近, 约, 以上 …) and
//! subject, and for each unit found in several documents a bar chart comparing them.
//!
//! Only figures of the same unit are put on one scale (亿元 with 亿元, 家 with 家), so a
//! chart never compares money with companies. Units shared by several documents are
//! charted first; when none is shared, the charts still show each unit's figures.

use cuoshi_core::compare;
use yew::prelude::*;

use super::bar_chart::{Bar, BarChart};
use super::matrix::empty;
use crate::page::components::use_lang;
use crate::page::i18n::{tr, trs};
use crate::page::state::SharedReport;
use crate::page::view;

#[derive(Properties, Clone, PartialEq)]
pub struct FiguresViewProps {
    pub report: Option<SharedReport>,
}

/// How many unit charts are drawn at most.
const CHARTS: usize = 6;

#[component]
pub fn FiguresView(props: &FiguresViewProps) -> Html {
    let lang = use_lang();
    let Some(report) = props.report.as_ref().filter(|r| !r.documents.is_empty()) else {
        return empty(lang);
    };
    // The core groups them (units found in several documents first: they compare); the
    // others still chart one document's figures of one unit on one scale.
    let units = compare::figures_by_unit(&report.documents);
    let compared: Vec<_> = units.iter().take(CHARTS).collect();
    let shared = units.iter().filter(|u| u.documents() >= 2).count();
    let slot = |id: &str| report.documents.iter().position(|d| d.id == id);
    let charts = compared.iter().map(|u| {
        let docs = u.documents();
        let bars: Vec<Bar> = u
            .entries
            .iter()
            .filter_map(|f| slot(&f.doc_id).map(|i| (i, f)))
            .map(|(i, f)| {
                let doc = &report.documents[i];
                let subject = f.subject.clone().unwrap_or_default();
                Bar {
                    label: if subject.is_empty() {
                        doc.id.clone()
                    } else {
                        format!("{} {}", doc.id, subject)
                    },
                    value: f.value,
                    slot: i,
                    title: format!("{} · {} · {}", view::doc_short(doc, 10), f.text, subject),
                }
            })
            .collect();
        html! {
            <figure class="chart" data-testid="figure-chart" data-unit={u.unit.clone()}>
                <figcaption>{ trs(lang, format!("单位：{}（{} 篇文档）", u.unit, docs), format!("Unit: {} ({} documents)", u.unit, docs)) }</figcaption>
                <BarChart title={u.unit.clone()} unit={u.unit.clone()} {bars} />
            </figure>
        }
    });
    let tables = report.documents.iter().map(|doc| {
        let rows = doc.figures.iter().map(|f| html! {
            <tr data-testid="figure-row">
                <td class="num">{ &f.text }</td>
                <td class="num">{ view::format_number(f.value) }</td>
                <td>{ &f.unit }</td>
                <td>{ f.qualifier.clone().unwrap_or_default() }</td>
                <td>{ f.subject.clone().unwrap_or_default() }</td>
            </tr>
        });
        html! {
            <section class="card" key={doc.id.clone()}>
                <h3 class="card-title"><span class="doc-id">{ &doc.id }</span>{ view::truncate(&view::doc_title(doc), 30) }</h3>
                if doc.figures.is_empty() {
                    <p class="hint">{ tr(lang, "未发现数据。", "No figures found.") }</p>
                } else {
                    <div class="table-scroll">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{ tr(lang, "原文", "As written") }</th>
                            <th scope="col">{ tr(lang, "数值", "Value") }</th>
                            <th scope="col">{ tr(lang, "单位", "Unit") }</th>
                            <th scope="col">{ tr(lang, "限定", "Qualifier") }</th>
                            <th scope="col">{ tr(lang, "对象", "Subject") }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                    </div>
                }
            </section>
        }
    });
    html! {
        <div data-testid="figures">
            <h3 class="section-title">{ tr(lang, "同单位数据对比", "Same-unit figures across documents") }</h3>
            if shared == 0 {
                <p class="hint">{ tr(lang, "没有两篇以上文档共有的单位；以下按单位列出各文档的数据。", "No unit is shared by two or more documents yet; each chart shows one unit's figures.") }</p>
            }
            if !compared.is_empty() {
                <div class="charts">{ for charts }</div>
            }
            <h3 class="section-title">{ tr(lang, "各文档数据", "Figures by document") }</h3>
            <div class="cards">{ for tables }</div>
        </div>
    }
}
