//! The timeline: documents placed by their date on an SVG axis of years, with the
//! documents whose year is unknown listed apart as such (never guessed onto the axis).
//!
//! Labels that would collide are stacked on lanes; a table below gives the same order in
//! text for readers who cannot see the chart.

use yew::prelude::*;

use super::matrix::empty;
use crate::page::components::use_lang;
use crate::page::i18n::{tr, trs};
use crate::page::state::SharedReport;
use crate::page::view;

#[derive(Properties, Clone, PartialEq)]
pub struct TimelineViewProps {
    pub report: Option<SharedReport>,
}

const WIDTH: f64 = 760.0;
const PAD: f64 = 40.0;
const LANE: f64 = 34.0;
/// The room one label takes on the axis, in px.
const LABEL: f64 = 120.0;

#[component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let lang = use_lang();
    let Some(report) = props.report.as_ref().filter(|r| !r.documents.is_empty()) else {
        return empty(lang);
    };
    let (dated, unknown) = view::timeline(report);
    let chart = if dated.is_empty() {
        html! { <p class="hint">{ tr(lang, "没有已知年份的文档。", "No document has a known year.") }</p> }
    } else {
        let first = dated.first().map_or(0.0, |d| d.at.floor());
        let last = dated.last().map_or(1.0, |d| d.at.floor() + 1.0);
        let span = (last - first).max(1.0);
        let x = |at: f64| PAD + (at - first) / span * (WIDTH - 2.0 * PAD);
        // Lanes: each label goes on the first lane where it does not overlap the previous one.
        let mut lane_ends: Vec<f64> = Vec::new();
        let placed: Vec<(f64, usize)> = dated
            .iter()
            .map(|d| {
                let px = x(d.at);
                let lane = lane_ends
                    .iter()
                    .position(|&end| px > end)
                    .unwrap_or(lane_ends.len());
                if lane == lane_ends.len() {
                    lane_ends.push(px + LABEL);
                } else {
                    lane_ends[lane] = px + LABEL;
                }
                (px, lane)
            })
            .collect();
        let lanes = lane_ends.len().max(1);
        let axis_y = 24.0;
        let height = axis_y + 20.0 + LANE * lanes as f64;
        let years = (first as i32..=last as i32).map(|y| {
            let px = x(f64::from(y));
            html! {
                <g class="tick">
                    <line x1={format!("{px:.1}")} x2={format!("{px:.1}")} y1={format!("{:.1}", axis_y - 5.0)} y2={format!("{:.1}", axis_y + 5.0)} />
                    <text x={format!("{px:.1}")} y={format!("{:.1}", axis_y - 10.0)} text-anchor="middle">{ y }</text>
                </g>
            }
        });
        let marks = dated.iter().zip(&placed).map(|(d, (px, lane))| {
            let y = axis_y + 22.0 + LANE * *lane as f64;
            let slot = report.documents.iter().position(|e| e.id == d.doc.id).unwrap_or(0);
            html! {
                <g class="event" data-testid="timeline-item" data-doc={d.doc.id.clone()}>
                    <title>{ format!("{} · {} · {}", d.doc.id, d.doc.meta.date.display(), view::doc_title(d.doc)) }</title>
                    <line x1={format!("{px:.1}")} x2={format!("{px:.1}")} y1={format!("{axis_y:.1}")} y2={format!("{:.1}", y - 6.0)} class="stem" />
                    <circle cx={format!("{px:.1}")} cy={format!("{axis_y:.1}")} r="5" class={format!("fill-c{}", slot % view::PALETTE)} />
                    <text x={format!("{:.1}", px + 4.0)} y={format!("{y:.1}")} class="event-label">
                        { format!("{} {}", d.doc.id, view::doc_short(d.doc, 6)) }
                    </text>
                    <text x={format!("{:.1}", px + 4.0)} y={format!("{:.1}", y + 13.0)} class="event-date">
                        { d.doc.meta.date.display() }
                    </text>
                </g>
            }
        });
        html! {
            <svg class="timeline" viewBox={format!("0 0 {WIDTH} {height:.0}")} role="img" width="100%"
                 aria-label={tr(lang, "文档时间线", "Timeline of the documents")}>
                <line x1={format!("{PAD}")} x2={format!("{:.1}", WIDTH - PAD)} y1={format!("{axis_y}")} y2={format!("{axis_y}")} class="axis" />
                { for years }
                { for marks }
            </svg>
        }
    };
    let rows = dated.iter().map(|d| html! {
        <tr><td class="num">{ d.doc.meta.date.display() }</td><td><span class="doc-id">{ &d.doc.id }</span></td>
            <td>{ view::doc_title(d.doc) }</td><td>{ d.doc.meta.place.clone().unwrap_or_default() }</td></tr>
    });
    let unknown_rows = unknown.iter().map(|d| {
        let partial = d.meta.date.display();
        html! {
            <li data-testid="timeline-unknown" data-doc={d.id.clone()}>
                <span class="doc-id">{ &d.id }</span>{ view::doc_title(d) }
                <span class="chip chip-warn">{ if partial.is_empty() { tr(lang, "日期不详", "date unknown").to_string() } else { trs(lang, format!("年份不详 {partial}"), format!("year unknown {partial}")) } }</span>
            </li>
        }
    });
    html! {
        <div data-testid="timeline">
            <div class="chart timeline-scroll">{ chart }</div>
            if !unknown.is_empty() {
                <section class="unknown-years">
                    <h3 class="section-title">{ tr(lang, "年份不详的文档", "Documents whose year is unknown") }</h3>
                    <ul class="plain-list">{ for unknown_rows }</ul>
                </section>
            }
            if !dated.is_empty() {
                <div class="table-scroll">
                <table class="data-table">
                    <thead><tr><th scope="col">{ tr(lang, "日期", "Date") }</th><th scope="col">{ "ID" }</th>
                        <th scope="col">{ tr(lang, "标题", "Title") }</th><th scope="col">{ tr(lang, "地点", "Place") }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </div>
            }
        </div>
    }
}
