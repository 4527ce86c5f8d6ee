//! Reading meetings for people: minutes, mandate lists and the ladder's progress.

use crate::error::{Doing, StoreError};
use crate::sql::{self, Bind};
use crate::{Store, load, meetings};
use mandat_core::meeting::minutes::{MeetingRecord, Minutes, Person, assemble};
use mandat_core::meeting::model::{DelegateStatus, Meeting, MeetingStatus};
use mandat_core::meeting::progress::{Progress, progress};
use mandat_core::state::MeetingDetail;
use mandat_core::{Code, Missing, Snapshot, UnitNames};
use sqlx::AssertSqlSafe;
use std::collections::HashMap;

/// A conference mandate as printed on its card.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct MandateCard {
    pub number: u32,
    pub card: u32,
    pub full_name: String,
    /// The unit that elected the delegate.
    pub unit: UnitNames,
}

impl Store {
    /// The always-complete part of the record (units, campaigns, meetings, delegates, polls,
    /// lists, the active members per unit) at the head, read outside any write: the record kept
    /// in memory when it is at the database's head, else loaded (and then kept, see `record`).
    pub async fn read_snapshot(&self) -> Result<Snapshot, StoreError> {
        Ok(self.read_record().await?.1)
    }

    /// The same with the head it is at (`None` when the database moved while it was loaded).
    async fn read_record(&self) -> Result<(Option<crate::record::Head>, Snapshot), StoreError> {
        let mut conn = self.pool.acquire().await.doing("connecting")?;
        let head = load::head(&mut conn).await?;
        if let Some(kept) = self.memory.caught_up(&mut conn, &head).await? {
            return Ok((Some(head), kept));
        }
        self.memory.count_load();
        let snapshot = load::base_snapshot(&mut conn, load::BaseLoad::Full).await?;
        // The same head after the load: nothing was committed while it ran, so the statements
        // read one state of the record, and it may be kept.
        if load::head(&mut conn).await? != head {
            return Ok((None, snapshot));
        }
        self.memory.offer_read(head.clone(), &snapshot);
        Ok((Some(head), snapshot))
    }

    /// Progress of a campaign under a unit (the root unit when `unit` is `None`).
    pub async fn progress(
        &self,
        unit: Option<&Code>,
        campaign: Option<&Code>,
    ) -> Result<Progress, StoreError> {
        let (head, snap) = self.read_record().await?;
        let root = match unit {
            Some(u) if snap.units.contains_key(u) => u.clone(),
            Some(u) => return Err(StoreError::NotFound(Missing::Unit(u.clone()))),
            None => first_root(&snap)?,
        };
        let campaign = match campaign {
            Some(c) if snap.campaigns.contains_key(c) => c.clone(),
            Some(c) => return Err(StoreError::NotFound(Missing::Campaign(c.clone()))),
            None => only_campaign(&snap)?,
        };
        if let Some(kept) = head
            .as_ref()
            .and_then(|h| self.caches.progress(h, &root, &campaign))
        {
            return Ok((*kept).clone());
        }
        let computed = progress(&snap, &root, &campaign);
        if let Some(head) = &head {
            let kept = std::sync::Arc::new(computed.clone());
            self.caches.keep_progress(head, &root, &campaign, kept);
        }
        Ok(computed)
    }

    /// The minutes of a meeting, anchored at its closing entry (or the current head if still open).
    pub async fn minutes(&self, code: &Code) -> Result<Minutes, StoreError> {
        let (head, snap) = self.read_record().await?;
        let Some(head) = head else {
            return self.minutes_in(&snap, code).await;
        };
        if let Some(kept) = self.caches.minutes(&head, code) {
            return Ok((*kept).clone());
        }
        let minutes = self.minutes_in(&snap, code).await?;
        // Read against the snapshot at `head`, but with reads of their own after it: kept only if
        // nothing was committed meanwhile.
        if self.head().await?.seq == head.seq {
            self.caches
                .keep_minutes(&head, code, std::sync::Arc::new(minutes.clone()));
        }
        Ok(minutes)
    }

    /// The codes of every meeting that has minutes to print (closed or failed), in code order.
    pub fn finished_meetings(snap: &Snapshot) -> Vec<Code> {
        let mut codes: Vec<Code> = snap
            .meetings
            .values()
            .filter(|m| matches!(m.status, MeetingStatus::Closed | MeetingStatus::Failed))
            .map(|m| m.code.clone())
            .collect();
        codes.sort();
        codes
    }

    /// A meeting's mandates, attendance, votes and marks as they are now (the hall's views).
    pub async fn meeting_detail(&self, code: &Code) -> Result<MeetingDetail, StoreError> {
        let mut conn = self.pool.acquire().await.doing("connecting")?;
        meetings::load_detail(&mut conn, self.backend, code).await
    }

    /// The minutes of a meeting read against a snapshot taken once (for printing many).
    pub async fn minutes_in(&self, snap: &Snapshot, code: &Code) -> Result<Minutes, StoreError> {
        let m = snap
            .meetings
            .get(code)
            .ok_or_else(|| StoreError::NotFound(Missing::Meeting(code.clone())))?;
        // The connection goes back to the pool before the reads below take theirs: held across
        // them, eight concurrent minutes (the pool's size) each waited for a second connection
        // that none would give back, until the pool's timeout (issue 17's pages load).
        let detail = {
            let mut conn = self.pool.acquire().await.doing("connecting")?;
            meetings::load_detail(&mut conn, self.backend, code).await?
        };
        let delegates: Vec<i64> = snap
            .delegates
            .values()
            .filter(|d| &d.from_meeting == code && d.status == DelegateStatus::Elected)
            .map(|d| d.member)
            .collect();
        let mut ids: Vec<i64> = delegates.clone();
        ids.extend(m.chair);
        ids.extend(m.secretary);
        ids.extend(&m.counting_commission);
        for v in detail.votes.values() {
            ids.extend(&v.people);
        }
        let debates: Vec<&mandat_core::poll::Debate> = snap
            .debates
            .values()
            .filter(|d| d.unit == m.unit && d.campaign == m.campaign)
            .collect();
        for d in &debates {
            ids.extend(d.participants.iter().map(|seat| seat.member));
        }
        let people = self.people(snap, &ids).await?;
        let (anchor, anchor_recorded_at) = match m.closed_seq {
            Some(seq) => {
                let row = sqlx::query("SELECT hash, recorded_at FROM journal WHERE seq = $1")
                    .bind(seq)
                    .fetch_one(&self.pool)
                    .await
                    .doing("reading the closing journal entry")?;
                let recorded = jiff::Timestamp::from_millisecond(sql::int(&row, "recorded_at")?)
                    .map_err(|e| StoreError::Corrupt(format!("journal {seq}: {e}")))?;
                (
                    format!("{seq}:{}", sql::text(&row, "hash")?),
                    Some(recorded),
                )
            }
            None => (self.head().await?.to_string(), None),
        };
        let campaign = snap
            .campaigns
            .get(&m.campaign)
            .ok_or_else(|| StoreError::Corrupt(format!("meeting {code}: no campaign")))?;
        let unit = unit_names(snap, &m.unit);
        let delegates_to = snap
            .unit(&m.unit)
            .and_then(|u| u.parent.as_ref())
            .filter(|_| !delegates.is_empty())
            .map(|p| unit_names(snap, p));
        Ok(assemble(&MeetingRecord {
            meeting: m,
            campaign,
            unit: &unit,
            votes: detail.votes.values().collect(),
            present: detail.present(),
            people: &people,
            delegates,
            delegates_to,
            debates,
            signed: snap.signed_minutes.get(code),
            anchor,
            anchor_recorded_at,
        }))
    }

    /// The mandates of a conference with the names for the cards, by number.
    pub async fn mandate_cards(
        &self,
        code: &Code,
    ) -> Result<(Meeting, Vec<MandateCard>), StoreError> {
        let snap = self.read_snapshot().await?;
        let m = snap
            .meetings
            .get(code)
            .ok_or_else(|| StoreError::NotFound(Missing::Meeting(code.clone())))?;
        // Given back before `people` takes its own (see `minutes_in`).
        let detail = {
            let mut conn = self.pool.acquire().await.doing("connecting")?;
            meetings::load_detail(&mut conn, self.backend, code).await?
        };
        let ids: Vec<i64> = detail.mandates.values().map(|x| x.member).collect();
        let from: HashMap<i64, &Code> = snap
            .delegates
            .values()
            .filter(|d| d.campaign == m.campaign && d.conference_unit == m.unit)
            .map(|d| (d.member, &d.from_unit))
            .collect();
        let people = self.people(&snap, &ids).await?;
        let cards = detail
            .mandates
            .values()
            .map(|x| MandateCard {
                number: x.number,
                card: x.card,
                full_name: people
                    .get(&x.member)
                    .map_or_else(String::new, |p| p.full_name.clone()),
                unit: from
                    .get(&x.member)
                    .map_or_else(|| unit_names(&snap, &m.unit), |u| unit_names(&snap, u)),
            })
            .collect();
        Ok((m.clone(), cards))
    }

    /// Names and units of members by id.
    async fn people(
        &self,
        snap: &Snapshot,
        ids: &[i64],
    ) -> Result<HashMap<i64, Person>, StoreError> {
        let mut out = HashMap::new();
        let mut conn = self.pool.acquire().await.doing("connecting")?;
        for chunk in ids.chunks(400) {
            let placeholders: Vec<String> = (1..=chunk.len())
                .map(|n| sql::placeholder(self.backend, n))
                .collect();
            let query = format!(
                "SELECT id, full_name, unit FROM members WHERE id IN ({})",
                placeholders.join(",")
            );
            let args = sql::args(chunk.iter().map(|i| Bind::Int(*i)).collect())?;
            for row in sqlx::query_with(AssertSqlSafe(query), args)
                .fetch_all(&mut *conn)
                .await
                .doing("reading members")?
            {
                let unit = Code::parse(&sql::text(&row, "unit")?)
                    .map_err(|e| StoreError::Corrupt(format!("members.unit: {e}")))?;
                out.insert(
                    sql::int(&row, "id")?,
                    Person {
                        full_name: sql::text(&row, "full_name")?,
                        unit: unit_names(snap, &unit),
                    },
                );
            }
        }
        Ok(out)
    }
}

fn unit_names(snap: &Snapshot, code: &Code) -> UnitNames {
    snap.unit(code).map_or_else(
        || UnitNames {
            ru: code.to_string(),
            kk: code.to_string(),
            en: code.to_string(),
        },
        |u| u.names.clone(),
    )
}

fn first_root(snap: &Snapshot) -> Result<Code, StoreError> {
    let mut roots: Vec<&Code> = snap
        .units
        .values()
        .filter(|u| u.parent.is_none())
        .map(|u| &u.code)
        .collect();
    roots.sort();
    roots
        .first()
        .map(|c| (*c).clone())
        .ok_or_else(|| StoreError::NotFound(Missing::AnyUnit))
}

fn only_campaign(snap: &Snapshot) -> Result<Code, StoreError> {
    let mut codes: Vec<&Code> = snap.campaigns.keys().collect();
    codes.sort();
    match codes.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(StoreError::NotFound(Missing::AnyCampaign)),
        many => Err(StoreError::NotFound(Missing::OneCampaign {
            campaigns: many.iter().map(|c| (*c).clone()).collect(),
        })),
    }
}
