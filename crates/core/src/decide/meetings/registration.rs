//! Registration: the frozen electorate and mandates, check-in and check-out, cards, and the credentials report.

use super::*;
use crate::command::Needs;
use crate::command::{
    CheckIn, CheckOut, OpenRegistration, RecordAttendance, ReissueCard, RenewProjectorLink,
    ReportCredentials,
};
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for OpenRegistration {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let OpenRegistration { meeting: code } = self;
        let m = meeting_in(state, code, &[MeetingStatus::Planned], "open_registration")?;
        // `m` itself is still planned, so this finds only another meeting.
        if let Some(live) = state.meeting_of_unit(&m.campaign, &m.unit, SITTING) {
            return Err(RuleError::OtherMeetingLive {
                meeting: live.code.clone(),
                status: Term::new("meeting_status", live.status.as_str()),
            });
        }
        let mut changes = Vec::new();
        let electorate = if m.kind.has_mandates() {
            check_meetings_below(state, m)?;
            let mut delegates: Vec<&Delegate> = state
                .delegates
                .values()
                .filter(|d| {
                    d.campaign == m.campaign
                        && d.conference_unit == m.unit
                        && d.status == DelegateStatus::Elected
                })
                .collect();
            delegates.sort_by(|a, b| (&a.from_unit, a.member).cmp(&(&b.from_unit, b.member)));
            for (i, d) in delegates.iter().enumerate() {
                changes.push(Change::PutMandate(Mandate {
                    meeting: m.code.clone(),
                    number: count_u32(i + 1),
                    member: d.member,
                    card: 1,
                }));
            }
            count_u32(delegates.len())
        } else {
            count_u32(
                state
                    .active_members_by_unit
                    .get(&m.unit)
                    .copied()
                    .unwrap_or(0) as usize,
            )
        };
        if electorate == 0 {
            return Err(if m.kind.has_mandates() {
                RuleError::NoDelegatesElected {
                    meeting: code.clone(),
                }
            } else {
                RuleError::NoActiveMembers {
                    meeting: code.clone(),
                }
            });
        }
        changes.insert(
            0,
            Change::PutMeeting(Meeting {
                status: MeetingStatus::Registration,
                electorate,
                ..m.clone()
            }),
        );
        Ok(changes)
    }
}

impl Decide for CheckIn {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
        needs.iins.extend(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CheckIn {
            meeting: code,
            iin,
            mandate,
            card,
            mode,
        } = self;
        let held_at = at.held_at;
        let m = meeting_in(state, code, SITTING, "check_in")?;
        let detail = detail(state, code)?;
        in_time_order(state, m, detail, at.held_at, Step::VotePut)?;
        let who = participant(state, m, detail, iin.as_ref(), *mandate)?;
        if let Some(given) = card {
            let held = who.mandate.ok_or(RuleError::CardWithoutMandate)?;
            if *given != held.card {
                return Err(RuleError::CardRevoked {
                    mandate: held.number,
                    given: *given,
                    current: held.card,
                });
            }
        }
        if let Some(a) = detail.attendance.get(&who.member).filter(|a| a.present) {
            return Err(RuleError::AlreadyCheckedIn {
                who: who.label.clone(),
                mode: Term::new("presence", a.mode.as_str()),
            });
        }
        let (hall, _) = detail.present();
        if *mode == Presence::Hall && m.capacity > 0 && hall >= m.capacity {
            return Err(RuleError::HallFull {
                capacity: m.capacity,
            });
        }
        Ok(vec![Change::PutAttendance(Attendance {
            meeting: code.clone(),
            member: who.member,
            mode: *mode,
            present: true,
            since: held_at,
        })])
    }
}

impl Decide for RecordAttendance {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
        needs
            .iins
            .extend(self.hall.iter().chain(&self.remote).copied());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RecordAttendance {
            meeting: code,
            hall,
            remote,
        } = self;
        let held_at = at.held_at;
        if hall.is_empty() && remote.is_empty() {
            return Err(RuleError::Empty { field: "hall" });
        }
        let m = meeting_in(state, code, SITTING, "record_attendance")?;
        let detail = detail(state, code)?;
        in_time_order(state, m, detail, at.held_at, Step::VotePut)?;
        let (mut in_hall, _) = detail.present();
        let mut seen = std::collections::HashSet::new();
        let mut changes = Vec::new();
        let entries = hall
            .iter()
            .map(|i| (i, Presence::Hall))
            .chain(remote.iter().map(|i| (i, Presence::Remote)));
        for (line, (iin, mode)) in entries.enumerate() {
            let on_sheet = |e: RuleError| RuleError::SheetEntry {
                entry: line + 1,
                mode: Term::new("presence", mode.as_str()),
                iin: iin.masked(),
                refusal: Box::new(e),
            };
            let who = participant(state, m, detail, Some(iin), None).map_err(on_sheet)?;
            if !seen.insert(who.member)
                || detail
                    .attendance
                    .get(&who.member)
                    .is_some_and(|a| a.present)
            {
                return Err(on_sheet(RuleError::CountedTwice));
            }
            if mode == Presence::Hall {
                if m.capacity > 0 && in_hall >= m.capacity {
                    return Err(on_sheet(RuleError::HallFull {
                        capacity: m.capacity,
                    }));
                }
                in_hall += 1;
            }
            changes.push(Change::PutAttendance(Attendance {
                meeting: code.clone(),
                member: who.member,
                mode,
                present: true,
                since: held_at,
            }));
        }
        Ok(changes)
    }
}

impl Decide for CheckOut {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
        needs.iins.extend(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CheckOut {
            meeting: code,
            iin,
            mandate,
        } = self;
        let held_at = at.held_at;
        let m = meeting_in(state, code, SITTING, "check_out")?;
        let detail = detail(state, code)?;
        in_time_order(state, m, detail, at.held_at, Step::VotePut)?;
        let who = participant(state, m, detail, iin.as_ref(), *mandate)?;
        let a = detail
            .attendance
            .get(&who.member)
            .filter(|a| a.present)
            .ok_or_else(|| RuleError::NotCheckedIn {
                who: who.label.clone(),
            })?;
        Ok(vec![Change::PutAttendance(Attendance {
            present: false,
            since: held_at,
            ..a.clone()
        })])
    }
}

impl Decide for ReissueCard {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ReissueCard {
            meeting: code,
            mandate,
            reason,
        } = self;
        text("reason", reason, MAX_TEXT)?;
        let m = meeting_in(state, code, SITTING, "reissue_card")?;
        let held = detail(state, code)?
            .mandates
            .get(mandate)
            .ok_or_else(|| no_mandate(m, *mandate, state))?;
        Ok(vec![Change::PutMandate(Mandate {
            card: held.card + 1,
            ..held.clone()
        })])
    }
}

impl Decide for ReportCredentials {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ReportCredentials {
            meeting: code,
            text: report,
        } = self;
        text("text", report, MAX_TEXT)?;
        let m = meeting_in(state, code, SITTING, "report_credentials")?;
        let (in_hall, remote) = detail(state, code)?.present();
        Ok(vec![Change::PutMeeting(Meeting {
            credentials: Some(crate::meeting::model::CredentialsReport {
                electorate: m.electorate,
                in_hall,
                remote,
                text: report.trim().to_string(),
            }),
            ..m.clone()
        })])
    }
}

impl Decide for RenewProjectorLink {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RenewProjectorLink { meeting: code } = self;
        // A closed or failed meeting has nothing left to show in the hall.
        let m = meeting_in(
            state,
            code,
            &[
                MeetingStatus::Planned,
                MeetingStatus::Registration,
                MeetingStatus::Open,
            ],
            "renew_projector_link",
        )?;
        Ok(vec![Change::PutMeeting(Meeting {
            projector_generation: m.projector_generation.saturating_add(1),
            ..m.clone()
        })])
    }
}
