//! A horizontal bar chart in SVG, drawn by the app (no chart library, nothing downloaded).
//!
//! One bar per entry, its length proportional to the value (the scale starts at zero),
//! labelled on the left and valued on the right; bars are coloured by a colour-blind-safe
//! slot (Okabe–Ito, the same palette as the reader). The chart is an `img` with a text
//! title and a description listing every value, for readers who cannot see it.

use yew::prelude::*;

use crate::page::view;

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Palette slot (0–7).
    pub slot: usize,
    /// Shown on hover.
    pub title: String,
}

#[derive(Properties, Clone, PartialEq)]
pub struct BarChartProps {
    pub title: AttrValue,
    pub bars: Vec<Bar>,
    /// The unit written after values.
    pub unit: AttrValue,
}

const ROW: f64 = 26.0;

#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let max = props.bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let height = ROW * props.bars.len() as f64 + 6.0;
    let description: Vec<String> = props
        .bars
        .iter()
        .map(|b| {
            format!(
                "{}: {}{}",
                b.label,
                view::format_number(b.value),
                props.unit
            )
        })
        .collect();
    // Columns in percent of the chart's width, text in px: the text keeps its size on any
    // screen while the bars stretch. Labels take the first third, bars the next 46%.
    let labels = props.bars.iter().enumerate().map(|(i, b)| {
        let y = 3.0 + ROW * i as f64 + ROW / 2.0 + 4.0;
        html! {
            <text x="100%" dx="-8" y={format!("{y:.1}")} class="bar-label" text-anchor="end">
                <title>{ &b.title }</title>
                { view::truncate(&b.label, 11) }
            </text>
        }
    });
    let bars = props.bars.iter().enumerate().map(|(i, b)| {
        let y = 3.0 + ROW * i as f64;
        let pct = (b.value.max(0.0) / max * 100.0).max(0.6);
        html! {
            <g class="bar" data-testid="bar">
                <title>{ &b.title }</title>
                <rect x="0" y={format!("{:.1}", y + 4.0)} width={format!("{pct:.2}%")}
                      height={format!("{:.1}", ROW - 8.0)} rx="2" class={format!("fill-c{}", b.slot % view::PALETTE)} />
                <text x={format!("{pct:.2}%")} dx="5" y={format!("{:.1}", y + ROW / 2.0 + 4.0)} class="bar-value">
                    { format!("{}{}", view::format_number(b.value), props.unit) }
                </text>
            </g>
        }
    });
    html! {
        <svg class="bar-chart" width="100%" height={format!("{height:.0}")} role="img"
             aria-label={format!("{}: {}", props.title, description.join("; "))}>
            <svg x="0" y="0" width="33%" height="100%" overflow="visible">{ for labels }</svg>
            <svg x="33%" y="0" width="46%" height="100%" overflow="visible">
                <line x1="0" x2="0" y1="0" y2="100%" class="axis" />
                { for bars }
            </svg>
        </svg>
    }
}
