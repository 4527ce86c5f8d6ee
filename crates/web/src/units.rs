//! The unit tree: a plain page for people and a JSON list for programs.

use crate::{AppState, WebError};
use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::Html;
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

#[derive(Template)]
#[template(path = "units.html")]
struct TreePage {
    lines: Vec<TreeLine>,
    head: String,
    total_members: i64,
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

pub async fn tree_page(State(state): State<AppState>) -> Result<Html<String>, WebError> {
    let units = state.store.units().await?;
    let head = state.store.head().await?;
    let lines = tree_lines(&units);
    let total_members = units.iter().map(|u| u.active_members).sum();
    Ok(Html(
        TreePage {
            lines,
            head: head.to_string(),
            total_members,
        }
        .render()?,
    ))
}

pub async fn list_json(State(state): State<AppState>) -> Result<Json<Vec<UnitRow>>, WebError> {
    Ok(Json(state.store.units().await?.as_ref().clone()))
}
