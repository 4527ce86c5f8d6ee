//! The unit tree: a plain page for people and a JSON list for programs.

use crate::language::{self, LangQuery, Words};
use crate::{AppState, WebError};
use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Html;
use mandat_core::{Lang, i18n};
use mandat_store::UnitRow;
use std::collections::BTreeMap;

/// One line of the tree page, indented by depth.
pub struct TreeLine {
    pub depth: usize,
    pub code: String,
    pub kind: String,
    pub name_ru: String,
    pub name_kk: String,
    pub closed: bool,
    pub members: i64,
    pub subtree_members: i64,
}

/// A line of the tree as the page shows it, in the page's language.
struct ShownLine {
    depth: usize,
    code: String,
    kind: String,
    /// The unit's name in the page's language (the Russian one when it has none), and its other name.
    name: String,
    other_name: String,
    closed: bool,
    members: i64,
    subtree_members: i64,
}

#[derive(Template)]
#[template(path = "units.html")]
struct TreePage {
    words: Words,
    languages: Vec<mandat_print::NavLink>,
    lines: Vec<ShownLine>,
    head: String,
    summary: String,
}

/// Orders units depth-first under their parents and sums members over each subtree.
pub fn tree_lines(units: &[UnitRow]) -> Vec<TreeLine> {
    let mut children: BTreeMap<Option<&str>, Vec<&UnitRow>> = BTreeMap::new();
    let known: std::collections::HashSet<&str> = units.iter().map(|u| u.code.as_str()).collect();
    for u in units {
        let parent = u.parent.as_deref().filter(|p| known.contains(p));
        children.entry(parent).or_default().push(u);
    }
    fn subtree(code: &str, children: &BTreeMap<Option<&str>, Vec<&UnitRow>>, depth: usize) -> i64 {
        if depth > 64 {
            return 0;
        }
        children.get(&Some(code)).map_or(0, |kids| {
            kids.iter()
                .map(|k| k.active_members + subtree(&k.code, children, depth + 1))
                .sum()
        })
    }
    let mut lines = Vec::with_capacity(units.len());
    let mut stack: Vec<(&UnitRow, usize)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|u| (*u, 0)).collect())
        .unwrap_or_default();
    while let Some((unit, depth)) = stack.pop() {
        lines.push(TreeLine {
            depth,
            code: unit.code.clone(),
            kind: unit.kind.clone(),
            name_ru: unit.name_ru.clone(),
            name_kk: unit.name_kk.clone(),
            closed: unit.closed,
            members: unit.active_members,
            subtree_members: unit.active_members + subtree(&unit.code, &children, 0),
        });
        if depth < 64
            && let Some(kids) = children.get(&Some(unit.code.as_str()))
        {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    lines
}

/// `GET /?lang=ru|kk|en`: the unit tree, in the language asked for or the browser's.
pub async fn tree_page(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, WebError> {
    let lang = q.lang(&headers)?;
    let units = state.app.units().await?;
    let head = state.app.head().await?;
    let total_members: i64 = units.iter().map(|u| u.active_members).sum();
    let lines = tree_lines(&units)
        .into_iter()
        .map(|line| {
            let (name, other_name) = match lang {
                Lang::Kk if !line.name_kk.is_empty() => (line.name_kk, line.name_ru),
                _ => (line.name_ru, line.name_kk),
            };
            let kind_key = format!("page-unit-kind-{}", line.kind);
            ShownLine {
                kind: if i18n::has(lang, &kind_key) {
                    i18n::message(lang, &kind_key)
                } else {
                    line.kind
                },
                depth: line.depth,
                code: line.code,
                name,
                other_name,
                closed: line.closed,
                members: line.members,
                subtree_members: line.subtree_members,
            }
        })
        .collect::<Vec<_>>();
    let summary = i18n::message_with(
        lang,
        "page-units-summary",
        &[
            ("units", lines.len().into()),
            ("members", total_members.into()),
        ],
    );
    Ok(Html(
        TreePage {
            words: Words { lang },
            languages: language::links("/", lang),
            lines,
            head: head.to_string(),
            summary,
        }
        .render()?,
    ))
}

pub async fn list_json(State(state): State<AppState>) -> Result<Json<Vec<UnitRow>>, WebError> {
    Ok(Json(state.app.units().await?.as_ref().clone()))
}
