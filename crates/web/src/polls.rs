//! Poll JSON: the list, one poll with its checkpoints (and result once counted), the bulletin board, receipt checks.

use crate::{AppState, WebError};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;

use mandat_core::ballot::Hash32;
use mandat_core::poll::PollStatus;
use mandat_store::ReceiptStanding;
use serde::Deserialize;
use serde_json::{Value, json};

/// `GET /api/polls`: every poll with its status, roll size and public control events.
pub async fn list(State(state): State<AppState>) -> Result<Json<Value>, WebError> {
    let polls = state.app.polls().await?;
    Ok(Json(Value::Array(
        polls
            .iter()
            .map(|p| {
                json!({
                    "code": p.code,
                    "title": p.title,
                    "status": p.status.as_str(),
                    "opens_at": p.opens_at,
                    "closes_at": p.closes_at,
                    "roll_size": p.roll_size,
                    "events": p.events,
                })
            })
            .collect(),
    )))
}

/// `GET /api/polls/{code}`: the poll, its signed checkpoints, and its result once counted
/// (a secret poll never shows live results).
pub async fn one(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Value>, WebError> {
    let code = WebError::parse_code("poll", &code)?;
    let poll = state.app.poll(&code).await?;
    let checkpoints = state.app.checkpoints(&code).await?;
    let result = if poll.status == PollStatus::Counted {
        state.app.poll_result(&code).await?.map(|r| {
            json!({
                "electronic": r.electronic,
                "paper": r.paper,
                "outcome": serde_json::from_str::<Value>(&r.outcome).unwrap_or(Value::Null),
                "ratings": serde_json::from_str::<Value>(&r.ratings).unwrap_or(Value::Null),
            })
        })
    } else {
        None
    };
    Ok(Json(json!({
        "poll": poll,
        "checkpoints": checkpoints,
        "result": result,
    })))
}

/// `GET /polls/{code}/board.json`: the bulletin board of a counted poll (built once, then kept).
pub async fn board_json(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let published = state
        .app
        .published_board(&WebError::parse_code("poll", &code)?)
        .await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        published.json.clone(),
    ))
}

/// `GET /polls/{code}/ballots.blt`: the ballots for `mandat tally`.
pub async fn board_blt(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let published = state
        .app
        .published_board(&WebError::parse_code("poll", &code)?)
        .await?;
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        published.blt.clone(),
    ))
}

/// A voter's receipt check: posted, never in a URL (addresses end up in logs and histories).
#[derive(Deserialize)]
pub struct ReceiptCheck {
    tracker: String,
    ballot_hash: String,
}

/// `POST /api/polls/{code}/receipt`: where the ballot this receipt names stands — not in the
/// box, in the box with its leaf held back, or committed under the latest signed checkpoint
/// (with the inclusion proof to check against its root).
pub async fn receipt(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Json(check): Json<ReceiptCheck>,
) -> Result<Json<Value>, WebError> {
    let code = WebError::parse_code("poll", &code)?;
    let parse = |field: &str, text: &str| {
        Hash32::from_hex(text.trim())
            .map_err(|_| WebError::bad("bad_receipt_field", vec![("field", field.into())]))
    };
    let tracker = parse("tracker", &check.tracker)?;
    let ballot_hash = parse("ballot_hash", &check.ballot_hash)?;
    state.app.poll(&code).await?;
    let standing = state
        .app
        .receipt_standing(&code, &tracker, &ballot_hash)
        .await?;
    Ok(Json(match standing {
        ReceiptStanding::NotFound => json!({
            "poll": code,
            "recorded": false,
            "committed": false,
            "meaning": "no ballot with this tracker and hash is in the box: check the receipt, and if it is right, report it to the counting commission",
        }),
        ReceiptStanding::HeldBack => json!({
            "poll": code,
            "recorded": true,
            "committed": false,
            "meaning": "your ballot is in the ballot box as cast; it joins a signed checkpoint when its group is committed (at the latest at the close)",
        }),
        ReceiptStanding::Committed {
            checkpoint,
            index,
            size,
            proof,
        } => json!({
            "poll": code,
            "recorded": true,
            "committed": true,
            "checkpoint": checkpoint,
            "leaf_index": index,
            "tree_size": size,
            "proof": proof,
            "meaning": "your ballot is in the ballot box as cast, under the signed checkpoint's root: the proof shows it",
        }),
    }))
}

/// `GET /api/polls/{code}/conflicts`: members marked twice (online and at a station, or at two
/// stations) and the counting commission's resolution of each. Until staff sign in (a later
/// issue) the answer is public, and the roll's marks are never public ("never who"): so it
/// gives each conflict's station, where the member had already voted and the resolution, and
/// not even a masked IIN; the commission reads the names with `mandat poll conflicts`.
pub async fn conflicts(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Value>, WebError> {
    let code = WebError::parse_code("poll", &code)?;
    let rows = state.app.station_conflicts(&code).await?;
    let unresolved = rows.iter().filter(|r| r.resolution.is_none()).count();
    Ok(Json(json!({
        "poll": code,
        "unresolved": unresolved,
        "conflicts": rows.iter().map(|r| json!({
            "station": r.station,
            "already": r.already,
            "resolution": r.resolution,
        })).collect::<Vec<_>>(),
    })))
}

/// `GET /api/polls/{code}/turnout`: voters marked per unit, from the roll (refreshed by the
/// reader, not pushed per ballot); counts only, never who, and while the poll runs only in
/// steps of the publication step (none for rolls under it).
pub async fn turnout(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Value>, WebError> {
    let code = WebError::parse_code("poll", &code)?;
    let poll = state.app.poll(&code).await?;
    let units = state.app.turnout(&code).await?;
    let roll: i64 = units.iter().map(|u| u.roll).sum();
    let voted: i64 = units.iter().map(|u| u.voted).sum();
    // While votes come in, counts move only in steps of the publication step (and small rolls
    // show none): exact live counts, beside the board later, would date ballots.
    let live = !matches!(poll.status, PollStatus::Closed | PollStatus::Counted);
    let publication = state.app.publication();
    let shown = |roll: i64, voted: i64| -> Value {
        if !live {
            return json!(voted);
        }
        let (roll, voted) = (
            u64::try_from(roll).unwrap_or(0),
            u64::try_from(voted).unwrap_or(0),
        );
        publication
            .live_count(roll, voted)
            .map_or(Value::Null, |n| json!(n))
    };
    Ok(Json(json!({
        "poll": code,
        "roll": roll,
        "voted": shown(roll, voted),
        "step": if live { json!(publication.step) } else { Value::Null },
        "units": units.iter().map(|u| json!({
            "unit": u.unit,
            "roll": u.roll,
            "voted": shown(u.roll, u.voted),
        })).collect::<Vec<_>>(),
    })))
}
