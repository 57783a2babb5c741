//! Measures aligned across documents: each row a group of similar measures (by their
//! segmented content words), each column a document, each cell that document's own wording.
//!
//! Filters narrow the rows to groups shared by two or more documents or unique to one, to
//! a category, or to an instrument type (supply, demand, environment). Shared groups come
//! first: they are what the documents have in common; unique ones are what sets one apart.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::matrix::empty;
use crate::page::components::use_lang;
use crate::page::i18n::{tr, trs, Lang};
use crate::page::state::{Action, AlignedFilter, Share, SharedReport};
use crate::page::view;

#[derive(Properties, Clone, PartialEq)]
pub struct AlignedViewProps {
    pub report: Option<SharedReport>,
    pub filter: AlignedFilter,
    pub onaction: Callback<Action>,
}

#[component]
pub fn AlignedView(props: &AlignedViewProps) -> Html {
    let lang = use_lang();
    let Some(report) = props.report.as_ref().filter(|r| !r.documents.is_empty()) else {
        return empty(lang);
    };
    let rows = view::aligned_rows(report, &props.filter);
    let docs = &report.documents;

    let on_filter = |change: fn(&mut AlignedFilter, String)| {
        let onaction = props.onaction.clone();
        let filter = props.filter.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut next = filter.clone();
            change(&mut next, select.value());
            onaction.emit(Action::FilterAligned(next));
        })
    };
    let share = props.filter.share;
    let share_value = |s: Share| match s {
        Share::All => "all",
        Share::Shared => "shared",
        Share::Unique => "unique",
    };
    let category_options = report.taxonomy.iter().map(|t| {
        let label = match lang {
            Lang::Zh => t.label.clone(),
            Lang::En => view::english(&t.id),
        };
        html! { <option value={t.id.clone()} selected={props.filter.category == t.id}>{ label }</option> }
    });
    let instrument_options = ["supply", "demand", "environment"].into_iter().map(|i| {
        let (zh, en) = view::instrument_label(i);
        html! { <option value={i} selected={props.filter.instrument == i}>{ tr(lang, zh, en) }</option> }
    });

    let head = docs.iter().map(|d| {
        html! {
            <th scope="col" class="doc-col" title={view::doc_title(d)}>
                <span class="col-id">{ &d.id }</span>
                <span class="col-name">{ view::doc_short(d, 8) }</span>
            </th>
        }
    });
    let body = rows.iter().enumerate().map(|(i, row)| {
        let (zh, en) = view::instrument_label(&row.instrument);
        let cells = row.cells.iter().map(|measures| {
            if measures.is_empty() {
                html! { <td class="aligned-cell is-empty"><span aria-label={tr(lang, "无", "none")}>{ "—" }</span></td> }
            } else {
                html! {
                    <td class="aligned-cell">
                        { for measures.iter().map(|m| html! {
                            <p class="aligned-text" title={m.sentence.clone()}>{ &m.text }</p>
                        }) }
                    </td>
                }
            }
        });
        let category = match lang {
            Lang::Zh => view::category_label(report, &row.category).to_string(),
            Lang::En => view::english(&row.category),
        };
        html! {
            <tr data-testid="aligned-row" data-shared={row.shared.to_string()} data-category={row.category.clone()}
                data-instrument={row.instrument.clone()} key={i}>
                <th scope="row" class="aligned-label">
                    <span class="group-label">{ &row.label }</span>
                    <span class="group-facts">
                        <span class={classes!("cat-dot", view::category_classes(report, &row.category))} aria-hidden="true"></span>
                        { category }
                        if !zh.is_empty() {
                            <span class={classes!("tag", format!("tag-{}", row.instrument))}>{ tr(lang, zh, en) }</span>
                        }
                    </span>
                    <span class="group-shared">{ trs(lang, format!("{} 篇文档", row.shared), format!("{} document(s)", row.shared)) }</span>
                </th>
                { for cells }
            </tr>
        }
    });
    html! {
        <>
        <div class="view-controls filters">
            <label class="field">
                <span>{ tr(lang, "范围", "Scope") }</span>
                <select class="select" data-testid="aligned-share" onchange={on_filter(|f, v| {
                    f.share = match v.as_str() { "shared" => Share::Shared, "unique" => Share::Unique, _ => Share::All };
                })}>
                    <option value="all" selected={share_value(share) == "all"}>{ tr(lang, "全部", "All") }</option>
                    <option value="shared" selected={share_value(share) == "shared"}>{ tr(lang, "≥2 篇共有", "Shared by ≥ 2") }</option>
                    <option value="unique" selected={share_value(share) == "unique"}>{ tr(lang, "仅一篇独有", "Unique to one") }</option>
                </select>
            </label>
            <label class="field">
                <span>{ tr(lang, "类别", "Category") }</span>
                <select class="select" data-testid="aligned-category" onchange={on_filter(|f, v| f.category = v)}>
                    <option value="" selected={props.filter.category.is_empty()}>{ tr(lang, "全部类别", "All categories") }</option>
                    { for category_options }
                </select>
            </label>
            <label class="field">
                <span>{ tr(lang, "政策工具", "Instrument") }</span>
                <select class="select" data-testid="aligned-instrument" onchange={on_filter(|f, v| f.instrument = v)}>
                    <option value="" selected={props.filter.instrument.is_empty()}>{ tr(lang, "全部", "All") }</option>
                    { for instrument_options }
                </select>
            </label>
            <p class="hint" data-testid="aligned-count">{ trs(lang, format!("{} 组", rows.len()), format!("{} group(s)", rows.len())) }</p>
        </div>
        if rows.is_empty() {
            <p class="view-empty">{ tr(lang, "没有符合条件的措施组。", "No group of measures matches these filters.") }</p>
        } else {
            <div class="table-scroll">
                <table class="aligned" data-testid="aligned">
                    <thead><tr><th scope="col" class="corner">{ tr(lang, "措施组", "Group") }</th>{ for head }</tr></thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
        }
        </>
    }
}
