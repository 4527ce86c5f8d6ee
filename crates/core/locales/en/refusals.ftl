# Refusals: `refusal-<code>` for every code of `RuleError` (docs/errors.md lists them).
# The English sentences are the ones the rules have always given: tests and scripts match them.
refusal-word-quoted = { $word }
refusal-word-or = or
refusal-term-meeting_status-planned = planned
refusal-term-meeting_status-registration = registration
refusal-term-meeting_status-open = open
refusal-term-meeting_status-closed = closed
refusal-term-meeting_status-failed = failed
refusal-term-poll_status-scheduled = scheduled
refusal-term-poll_status-roll_frozen = roll_frozen
refusal-term-poll_status-open = open
refusal-term-poll_status-paused = paused
refusal-term-poll_status-closed = closed
refusal-term-poll_status-counted = counted
refusal-term-vote_status-open = open
refusal-term-vote_status-counted = counted
refusal-term-vote_status-cancelled = cancelled
refusal-term-candidacy_status-nominated = nominated
refusal-term-candidacy_status-registered = registered
refusal-term-candidacy_status-refused = refused
refusal-term-candidacy_status-withdrawn = withdrawn
refusal-term-candidacy_status-lapsed = lapsed (no longer a member in good standing)
refusal-term-conflict_outcome-mark_struck = the station's mark struck
refusal-term-conflict_outcome-voted_twice = voted twice, referred to the control commission
refusal-term-motion-credentials = approving the credentials report
refusal-term-motion-presidium = electing the presidium
refusal-term-motion-agenda = adopting the agenda
refusal-term-motion-delegates = electing delegates
refusal-term-motion-party_list = approving a party list
refusal-term-motion-resolution = a resolution
refusal-term-decision_rule-majority_of_present = a majority of those present
refusal-term-decision_rule-two_thirds_of_present = two thirds of those present
refusal-term-decision_rule-majority_of_votes_cast = a majority of the votes cast
refusal-term-member_status-active = active
refusal-term-member_status-suspended = suspended
refusal-term-member_status-expelled = expelled
refusal-term-member_status-non_member = not a member
refusal-term-unit_kind-central = central
refusal-term-unit_kind-region = region
refusal-term-unit_kind-district = district
refusal-term-unit_kind-city = city
refusal-term-unit_kind-primary = primary
refusal-term-presence-hall = hall
refusal-term-presence-remote = remote
refusal-no_actor = the actor is empty: every command names who gave it
refusal-rules_unknown = this build knows the rules up to version { $newest }; version { $version } is not one of them
refusal-rules_not_newer = the rules in force are version { $current } already; only a newer version can be adopted (not { $version })
refusal-empty = { $field } is empty: give a value
refusal-too_long = { $field } is too long ({ $len } characters, at most { $max })
refusal-unit_exists = unit { $unit } already exists (codes are stable: choose another code or use rename_unit)
refusal-no_unit = unit { $unit } does not exist (create it first, or check the code)
refusal-unit_closed = unit { $unit } is closed: nothing can be added to it or moved under it
refusal-wrong_parent_kind = a { $kind } unit cannot sit under a { $parent_kind } unit ({ $parent }); it belongs under { $kind ->
        [central] nothing (it is a root)
        [region] a central unit
        [district] a region unit
        [city] a region unit
       *[primary] a district or city unit
    }
refusal-needs_parent = a { $kind } unit needs a parent unit
refusal-cycle = moving { $unit } under { $parent } would make a cycle ({ $parent } lies inside { $unit })
refusal-unit_not_empty = unit { $unit } still has { $open_children } open units below it and { $active_members } active members: move or close them first
refusal-iin_taken = IIN { $iin } is already registered (member in unit { $unit }): one IIN, one member
refusal-phone_taken = phone { $phone } already belongs to another member (in unit { $unit }): one member, one mobile number
refusal-no_member = no member with IIN { $iin } is registered
refusal-not_primary = members are registered in primary party organizations, and { $unit } is a { $kind } unit
refusal-too_young_to_join = the member would be { $age } on the day they joined ({ $joined_on }); party members are at least 18
refusal-joined_in_future = joined_on { $joined_on } is after the command's held_at ({ $held_at }): a member cannot have joined in the future
refusal-unit_names_unchanged = nothing would change: unit { $unit } already has these names
refusal-already_under_parent = nothing would change: { $unit } is already under { $parent }
refusal-phone_unchanged = nothing would change: this is already the member's phone
refusal-already_in_unit = nothing would change: the member is already in { $unit }
refusal-status_unchanged = nothing would change: the member is already { $status }
refusal-phone_change_needs_decision = the member is on the frozen voter roll of poll { $poll }: until it closes, a phone change needs the recorded decision of the unit above (give `decision`)
refusal-campaign_exists = campaign { $campaign } already exists
refusal-no_campaign = campaign { $campaign } does not exist (create_campaign first)
refusal-time_zone = "{ $zone }" is not an IANA time zone name (for example Asia/Almaty)
refusal-empty_window = phase { $phase }: it must end after it starts ({ $starts } .. { $ends })
refusal-local_time = phase { $phase }: { $local } does not exist or is ambiguous in { $zone }
refusal-no_phase = phase { $phase } of campaign { $campaign } does not exist
refusal-self_order = phase { $phase } cannot come after itself
refusal-order = phase { $phase } starts { $starts }, before phase { $before } ends ({ $before_ends }); it is ordered after it
refusal-phase_needed = phase { $phase } is still needed by phase { $by } (listed in its `after`): change that phase first
refusal-no_seats = a party list needs at least one seat
refusal-no_target = target { $target } of campaign { $campaign } does not exist
refusal-held_in_future = the command says it happened at { $held_at }, after it is being recorded ({ $recorded_at }): check held_at and its time zone
refusal-meeting_exists = meeting { $meeting } already exists (codes are stable: choose another code)
refusal-no_meeting = meeting { $meeting } does not exist (convene_meeting first, or check the code)
refusal-outside_window = the meeting is { $what } at { $when }, outside phase { $phase } ({ $starts } .. { $ends }, campaign time): hold it inside its window
refusal-entry_deadline = the protocol of { $meeting } could be entered until { $deadline }: an organizer can extend that with set_entry_deadline
refusal-meeting_status = meeting { $meeting } is { $status }: to { $action ->
        [open_registration] open registration
        [check_in] check in
        [record_attendance] record attendance
        [check_out] check out
        [reissue_card] reissue a card
        [report_credentials] report credentials
        [renew_projector_link] renew the hall screen link
        [open_meeting] open the meeting
        [record_failed] record it as failed
        [close_meeting] close the meeting
        [record_speaker] record a speaker
        [vote] vote
        [put_to_vote] put a motion to the vote
        [count_vote] count a vote
       *[other] { $action }
    } it must be { $allowed }
refusal-card_revoked = mandate No. { $mandate }: this card (generation { $given }) was reissued and no longer works; the current card is generation { $current }
refusal-hall_full = the hall is full ({ $capacity } seats, the sanitary limit): further participants attend remotely
refusal-no_quorum = no quorum: { $present } of { $electorate } present, at least { $needed } needed to { $action ->
        [open_meeting] open the meeting
       *[put_to_vote] put a motion to the vote
    }
refusal-no_quorum_for_vote = no quorum: { $present } of { $electorate } present, at least { $needed } needed to decide vote { $vote } (cancel it and put it again when quorum is back)
refusal-meetings_missing = { $meeting } cannot start: { $count } units below it have not held their meetings: { $units }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    } (hold them, or record excuse_unit with a reason)
refusal-allotment_exceeded = { $unit } is allotted { $seats } delegates, { $elected } are elected and { $proposed } more are proposed: propose at most { $most }
refusal-votes_exceed_present = { $votes } votes entered for the hall, but only { $present } were present in the hall when it was put to the vote: recount
refusal-membership_frozen = unit { $unit } has meeting { $meeting } under way ({ $status }): its membership is frozen until the meeting closes
refusal-meeting_unit_kind = unit { $unit } is the { $kind } office: meetings are held by PPOs, branches and regions (and the congress by the central office, under the charter's rules)
refusal-livestream_url = livestream link "{ $url }" is not a web address: give the full https:// link
refusal-deadline_before_meeting = the entry deadline { $deadline } is before the meeting is scheduled ({ $scheduled_at })
refusal-not_a_rerun = { $failed } cannot be re-run by this meeting: a re-run repeats a failed meeting of the same unit and campaign ({ $failed } is { $status } in { $unit })
refusal-unit_has_live_meeting = unit { $unit } already has meeting { $meeting } ({ $status }): hold or fail it first
refusal-other_meeting_live = meeting { $meeting } of the same unit is { $status }: close it first
refusal-no_delegates_elected = nobody is entitled to attend { $meeting }: no delegates have been elected to this conference yet
refusal-no_active_members = nobody is entitled to attend { $meeting }: the PPO has no active members
refusal-card_without_mandate = a card generation (`card`) goes with a mandate number
refusal-not_a_card = this is not a mandate card code (it should start with MANDAT-CARD:)
refusal-forged_card = the card code is damaged or was not issued by this system: check the card by its number and an ID at the desk
refusal-card_for_other_meeting = this card is for { $card_meeting }, not { $meeting }
refusal-already_checked_in = { $who } is already checked in ({ $mode }): check them out first to change how they attend
refusal-sheet_entry = entry { $entry } of the sheet ({ $mode } { $iin }): { $refusal }
refusal-counted_twice = already checked in: nobody is counted twice
refusal-not_checked_in = { $who } is not checked in
refusal-in_hall_no_confirmation = { $who } is in the hall: only remote participants confirm their presence
refusal-already_confirmed = { $who } has already confirmed their presence for vote { $vote }
refusal-already_voted_in_vote = { $who } has already voted in vote { $vote }
refusal-hall_all_counted = every one of the { $present } present in the hall has already been counted
refusal-vote_still_open = vote { $vote } is still open: count or cancel it first
refusal-no_presidium = the meeting has no elected chair and secretary: the minutes are signed by them, so elect them (put_to_vote with motion presidium) first
refusal-not_excusable = { $unit } is a { $kind } unit: only PPOs and branches are excused from the conference above
refusal-unit_has_meeting = { $unit } has meeting { $meeting } ({ $status }): an excusal is for a unit that could not hold its meeting
refusal-name_participant = name the participant by `iin` or by `mandate` number, one of the two
refusal-ppo_no_mandates = a PPO meeting has no mandate cards: give the member's `iin`
refusal-no_mandate_of = member { $iin } holds no mandate of { $meeting }: only the delegates elected to it take part
refusal-not_ppo_member = member { $iin } is not an active member of { $unit } ({ $status } in { $member_unit }): only the PPO's members take part
refusal-no_such_mandate = { $meeting } has no mandate No. { $number } (mandates 1 to { $issued } were issued)
refusal-no_such_vote = { $meeting } has no vote No. { $vote }
refusal-vote_not_open = vote { $vote } is { $status }, not open
refusal-held_before_opened = { $meeting } opened at { $opened }: this command says it happened earlier ({ $held_at }); check held_at
refusal-failure_cause_needed = say why the meeting was not held: cause no_quorum (the numbers checked in are recorded) or other (the minutes give your reason)
refusal-quorum_present = { $present } of { $electorate } are checked in and { $needed } make a quorum: the meeting cannot be recorded as failed for want of a quorum (open it, or give cause other with the true reason)
refusal-out_of_time_order = { $meeting }: this is dated { $held_at }, before { $step ->
        [opened] the meeting was opened
        [vote_put] vote No. { $vote } was put
       *[vote_counted] vote No. { $vote } was counted
    } ({ $at }): inside a meeting a check-in counts for the votes put after it, a count follows its vote and the close follows the last count; check held_at
refusal-conference_unit_kind = { $unit } is a { $kind } unit: delegates are elected to branch and regional conferences (and to the congress, under the charter's rules)
refusal-norm_frozen = { $unit } has already elected delegates to this conference: the norm cannot change after elections began
refusal-allotment_invalid = { $unit }: { $error }
refusal-not_conference_delegate = member { $iin } is not a delegate to the conference of { $unit }
refusal-already_delegate = member { $iin } is already a delegate to this conference
refusal-replacement_not_member = the replacement must be an active member of { $unit } (the unit that elected the delegate)
refusal-mandates_frozen = conference { $conference } has already opened registration ({ $status }): mandates are frozen; replace delegates before registration opens
refusal-vote_number_zero = votes are numbered from 1
refusal-vote_number_taken = { $meeting } already has a vote No. { $number }: number each vote anew (the next is { $next })
refusal-named_twice_in_motion = member { $iin } is named twice in the motion
refusal-no_counting_commission = name at least one member of the counting commission
refusal-not_present = member { $iin } is not present: the chair, the secretary and the counting commission are elected from those present
refusal-candidate_not_member = candidate { $iin } is not an active member of { $unit } ({ $status } in { $member_unit })
refusal-candidate_already_delegate = candidate { $iin } is already a delegate to the conference of { $unit }
refusal-presidium_first = elect the chair, secretary and counting commission and adopt the agenda first (motions presidium and agenda)
refusal-no_agenda_item = the agenda has { $items } items: item { $item } is not one of them (items are numbered from 1)
refusal-top_of_ladder = this meeting is the top of its ladder and elects no delegates: the congress, or a regional conference with no central office above it or under the first rules (its nominees to the Mazhilis list are a party-list decision)
refusal-no_unit_above = { $unit } has no unit above it
refusal-no_allotment = no delegates are allotted to { $unit } for the conference of { $parent }: record the representation norm first (set_representation for { $parent })
refusal-recount_not_counted = vote { $vote } has not been counted yet: a recount reason is for counting again
refusal-recount_needs_reason = vote { $vote } is already counted: a recount needs `recount_reason`
refusal-recount_not_latest = vote { $later } has been put since: only the latest vote can be recounted
refusal-vote_cancelled = vote { $vote } was cancelled
refusal-count_too_large = count too large
refusal-vote_count_invalid = { $error }
refusal-poll_exists = poll { $poll } already exists (codes are stable: choose another code)
refusal-poll_times_order = the roll cutoff ({ $roll_cutoff }) must come no later than the opening ({ $opens_at }), and the opening before the close ({ $closes_at })
refusal-phase_missing = name the campaign phase this belongs to (`phase`): under the charter's rules a { $what ->
        [create_poll] members' vote
       *[schedule_debate] debate
    } is held inside a phase's window
refusal-outside_phase = { $from } .. { $to } is outside phase { $phase } ({ $starts } .. { $ends }, campaign time): move it inside, or change the phase with set_phase
refusal-seats_out_of_range = seats must be between 1 and the number of options ({ $options }), not { $seats }
refusal-instant_runoff_one_seat = instant runoff elects one: use seats 1, or stv for several seats
refusal-outside_poll_window = poll { $poll } opens at { $opens_at } and closes at { $closes_at }: { $held_at } is outside
refusal-poll_due_to_close = poll { $poll } was due to close at { $closes_at }: extend it first
refusal-extension_not_later = an extension moves the close later than { $closes_at }; { $given } is not
refusal-reopen_close_in_past = a reopened poll needs a close after now ({ $held_at }), not { $closes_at }
refusal-station_already_entered = station { $station } has already entered its results for { $poll }; a correction is a decision of the counting commission recorded as a new poll
refusal-no_station_conflict = { $poll } has no conflict at station { $station } for the member with IIN { $iin } (see mandat poll conflicts)
refusal-conflict_resolved = the conflict at station { $station } for the member with IIN { $iin } is already resolved ({ $outcome }); the decision stands
refusal-conflicts_unresolved = { $poll } has { $unresolved } unresolved polling-station conflicts (a member marked twice): the counting commission resolves each (resolve_station_conflict) before the count
refusal-ranked_needs_ballots = { $poll } is counted by { $method }: enter its paper ballots one by one (`ballots`), not counts per option
refusal-unknown_station_option = station { $station }: option "{ $option }" is not on the ballot of { $poll } (options: { $options })
refusal-paper_ballot_invalid = station { $station }, paper ballot { $ballot }: { $problem }
refusal-station_ballots_exceed_voters = station { $station } entered { $entered } ballots (spoiled included) but marked only { $marked } voters on the roll: recount
refusal-no_poll = poll { $poll } does not exist (create_poll first)
refusal-poll_status = poll { $poll } is { $status }: to { $action ->
        [open] open
        [pause] pause
        [resume] resume
        [extend] extend
        [close] close
        [reopen] reopen
        [enter_station_results] enter a station's paper results of
        [freeze_roll] freeze the roll of
        [cast_ballots] cast ballots in
        [publish_checkpoint] publish a checkpoint of
        [reconcile_station] reconcile a station's list for
        [mark_station_voters] mark voters at a station in
        [seal_ballots] seal the ballot box of
        [count] count
       *[other] { $action }
    } it, it must be { $allowed }
refusal-outside_nomination = candidates are nominated and registered inside phase { $phase } ({ $starts } .. { $ends }); { $held_at } is outside it
refusal-nominates_own_members = a PPO nominates its own members: the candidate belongs to { $member_unit }, not { $unit }
refusal-already_candidate = { $name } is already a candidate for { $target } ({ $status })
refusal-candidate_elsewhere = { $name } already stands for { $first } in this campaign ({ $status }): one candidacy per person per campaign, unless the eligibility rules of both lists allow more (other_candidacies)
refusal-not_eligible = { $name } is not eligible for { $target }: { $reasons }
refusal-not_candidate = { $name } is not a candidate for { $target } (nominate_candidate first)
refusal-candidacy_not_nominated = the candidacy is already { $status }: only a nominated candidate is registered or refused
refusal-candidacy_already = the candidacy is already { $status }
refusal-debate_exists = debate { $debate } already exists
refusal-debate_too_few = a debate needs at least two participants
refusal-debater_not_registered = only registered candidates debate; candidacy of { $iin } is { $status }
refusal-listed_twice = { $iin } is listed twice
refusal-debate_livestream_url = livestream link "{ $url }" is not a web address: give the full https:// link (at most 500 characters)
refusal-no_debate = debate { $debate } does not exist (schedule_debate first)
refusal-debate_quotas_frozen = the debate quotas of { $target } are fixed: { $debate } was invited under them
refusal-debate_quotas_invalid = the places of { $target } cannot be shared among the units below: { $problem }
refusal-no_debate_quota = { $unit } has no debaters for { $target }: record set_debate_quotas first (a unit with 0 places invites nobody)
refusal-debate_started = the debate { $debate } started at { $starts_at }: an invitation is answered before it
refusal-options_not_debaters = the options of a rating vote on { $debate } are exactly the candidates who took part; missing: { $missing }; not debaters: { $extra }
refusal-debate_not_of_meeting = the debate { $debate } was held for { $target } in { $unit }: rate it at that unit's conference, for that list
refusal-debate_not_held_yet = debate { $debate } starts at { $starts_at }: record it after it is held
refusal-not_debater = { $name } is not a participant of debate { $debate }
refusal-option_count = a poll has 1 to { $max } options, not { $given }
refusal-option_twice = option "{ $option }" is listed twice
refusal-option_not_registered = option "{ $option }": the candidacy is { $status }, only registered candidates are on the ballot
refusal-candidates_missing = every registered candidate for { $target } is on its ballot; missing candidates No. { $numbers }
refusal-roll_before_cutoff = the roll of { $poll } freezes at its cutoff { $cutoff }, not before
refusal-empty_electorate = the electorate of { $poll } is empty: nobody would be on the roll
refusal-ballots_outside_window = poll { $poll } is open { $opens_at } .. { $closes_at }; ballots at { $held_at } are outside
refusal-batch_mismatch = a batch names as many voters as ballots ({ $voters } voters, { $ballots } ballots)
refusal-batch_unsorted = a batch lists voters and leaves sorted and without repeats (never in casting order)
refusal-not_on_roll = { $iin } is not on the roll of { $poll }
refusal-already_voted = { $iin } has already voted in { $poll }
refusal-checkpoint_not_after = a checkpoint of { $poll } comes after the latest one ({ $last }); { $at } is not after it
refusal-checkpoint_unsorted = a checkpoint's new leaves are sorted and without repeats
refusal-leaf_committed = leaf { $leaf } of { $poll } is already committed
refusal-checkpoint_mismatch = checkpoint of { $poll } does not match the record: it says { $voters } voters, { $ballots } ballots, root { $root }; the record has { $marked } voters marked online, { $committed } ballots committed, root { $record_root }
refusal-station_outside_window = poll { $poll } is open { $opens_at } .. { $closes_at }: { $held_at } is outside
refusal-station_not_on_roll = { $name } ({ $iin }) is not on the roll of { $poll }: turn them away
refusal-station_already_voted = { $name } has already voted in { $poll } ({ $station ->
        [online] online
       *[other] at station { $station }
    }): turn them away
refusal-sealed_unsorted = sealed ballots are listed in tracker order, without repeats
refusal-ballot_already_sealed = ballot { $ballot } (tracker { $tracker }) is already sealed
refusal-ballot_not_recorded = ballot { $ballot } (tracker { $tracker }) matches no ballot recorded in the journal: the box was altered
refusal-sealed_ballot_invalid = ballot { $ballot } (tracker { $tracker }): { $problem }
refusal-not_all_sealed = { $poll }: { $marked } voters marked online, { $recorded } ballots recorded, { $sealed } sealed; every ballot is sealed (seal_ballots) before the count
refusal-seed_mismatch = the lot seed does not match the hash committed for { $poll } ({ $hash }): give the seed that was committed
refusal-seed_needed = { $poll } committed a lot seed (hash { $hash }): reveal it with lot_seed to count
refusal-seed_not_committed = { $poll } committed no lot seed before the close: a seed given now could be chosen to steer ties; count without it (ties by option order)
refusal-cannot_count = { $poll } cannot be counted: { $problem }
refusal-ratings_failed = ratings of { $poll }: { $problem }
refusal-no_list_rules = no list rules are set for { $target }: record set_list_rules first
refusal-no_list = { $target } has no list yet: record draft_list first
refusal-list_being_voted = the list of { $target } is being voted on ({ $meeting }, vote { $vote }): count or cancel that vote before you { $action ->
        [change_rules] change its rules
        [draft_again] draft it again
        [edit] edit it
        [nominate] put more names forward to it
        [vote_again] put it to the vote again
       *[other] { $action }
    }
refusal-list_approved = the list of { $target } was approved ({ $meeting }, vote { $vote }) and is frozen: a candidate leaves it only by withdraw_from_list with the recorded decision
refusal-list_rules_invalid = list rules for { $target }: { $problem }
refusal-list_too_short = the largest list size ({ $max_size }) is below the { $seats } seats of { $target }: a list must be able to fill its seats
refusal-zero_weights = weighted precedence needs a weight above zero for at least one stage
refusal-not_in_pool = candidate No. { $id } is not in the pool
refusal-no_longer_registered = candidate No. { $id } on the list is no longer a registered candidate: remove them from the list first
refusal-several_primaries = { $target } has { $count } counted primaries polls ({ $polls }): the list is drafted from one primaries rating
refusal-primaries_not_counted = the list of { $target } is drafted from the primaries' ratings, and these polls are not counted yet: { $polls }
refusal-no_registered_candidates = { $target } has no registered candidates: register candidates (register_candidate) before drafting
refusal-list_draft_failed = { $target }: { $problem }
refusal-already_on_list = { $name } is already on the list at place { $place }: use move
refusal-not_registered_candidate = { $name } is not a registered candidate for { $target }: only registered candidates go on its list
refusal-not_on_list = { $name } is not on the list of { $target }
refusal-no_such_place = place { $place } does not exist: give a place from 1 to { $last }
refusal-list_not_approved = the list of { $target } is not approved yet: while it is a draft, take a candidate off with edit_list (remove) and a reason
refusal-not_the_list_below = { $from } is not a list of a unit directly below { $unit } for the same body as { $target }: its names go forward only to the list of the unit above
refusal-list_below_not_approved = the list of { $from } is not approved yet: its conference approves it first (put_to_vote, motion party_list)
refusal-already_nominated_from = the names of { $from } are already candidates for { $target }
refusal-nominated_by_list = a nomination by a list below is recorded with nominate_from_list, not typed into nominate_candidate
refusal-wrong_approving_conference = the list of { $target } is approved by the conference of { $unit }, not by { $meeting } (a meeting of { $meeting_unit })
refusal-list_rule_majority = a party list is approved by a majority of the delegates present: put it with rule majority_of_present
refusal-weaker_rule = { $motion } is decided by { $set } in this campaign (set_decision_rule): { $rule } is a weaker rule; put it with that rule or a stricter one
refusal-revision_mismatch = the motion names revision { $revision }, but the list of { $target } is at revision { $current }: show the delegates the current list and name its revision
refusal-list_violations = the list of { $target } cannot be put to the vote: { $violations } (edit the list first)
refusal-lapsed_candidates = candidates { $lapsed } on the list of { $target } are no longer registered: remove them (edit_list) before the vote
refusal-list_changed_since_vote = the list of { $target } has changed since vote { $vote } (now revision { $revision }): a recount can no longer decide it; put the current list to a new vote
refusal-unknown_mandate = { $meeting } has no mandate No. { $number }
refusal-credential_meeting_status = meeting { $meeting } is { $status }: e-vote credentials are handed out while it registers or sits
refusal-credential_not_checked_in = the participant is not checked in to { $meeting }: check them in first (the credential comes with check-in)
refusal-invalid_code = this code is not valid: check it letter by letter, or ask the registration desk for a new one
refusal-code_used = this code was already used to sign in: ask the registration desk for a new one (the old sign-in stops working)
refusal-box_only_command = { $command } is written by the ballot box alone, never submitted: ballots are cast through the voting API, and the box records its batches, checkpoints and seal itself
refusal-file_only_command = { $command } is recorded with its file, never submitted alone: attach the signed scan with `mandat signed-minutes MEETING FILE`
refusal-minutes_not_final = { $meeting } is { $status }: the signed scan is attached once the meeting is closed (or has failed)
refusal-scan_hash = the scan’s SHA-256 is 64 lowercase hexadecimal characters
refusal-scan_type = { $media_type } is not a scan type: give a PDF, JPEG or PNG file
refusal-scan_size = the scan has { $size } bytes: it must have 1 to { $max } bytes
refusal-final_checkpoint_refused = the final checkpoint of { $poll } is refused ({ $refusal }): is the box altered? run mandat poll checkpoint { $poll }
error-internal = Internal error: the operators have been told. Try again in a minute.
refusal-not_json_command = not a JSON command: { $detail }
refusal-unknown_field = unknown field `{ $field }` (check its spelling against docs/commands.md)
refusal-meeting-invalid_fraction = { $numerator }/{ $denominator } is not a usable quorum fraction: give a denominator above 0 and a numerator from 1 up to the denominator (for example 2/3)
refusal-meeting-present_exceeds_electorate = { $present } present is more than the { $electorate } entitled to attend: check the registration of attendance or the size of the electorate
refusal-meeting-negative_count = the number { $field } cannot be negative (it was entered as { $value }): enter 0 or more
refusal-meeting-count_too_large = the number { $field } was entered as { $value }, more than the { $max } a count can hold: check the entry
refusal-meeting-votes_exceed_present = { $for } for + { $against } against + { $abstain } abstaining = { $total } votes, more than the { $present } present: recount the vote or correct the number present
refusal-meeting-count_overflow = adding the two counts gives more than { $max } { $field }: check that the hall and remote counts were entered correctly
refusal-meeting-nobody_present = no one is recorded as present, so no motion can be decided: enter the number present before the result
refusal-meeting-zero_members_per_delegate = one delegate per 0 members is not a norm: give the number of members each delegate represents (1 or more)
refusal-meeting-zero_conference_size = a conference of 0 delegates cannot be apportioned: give the conference size (1 or more)
refusal-meeting-no_units = there are no units to allot delegates to: list the units that send delegates
refusal-meeting-duplicate_unit = unit { $unit } is listed more than once: list each unit once, with its total membership
refusal-meeting-no_members = no listed unit has any members, so no delegates can be allotted: record the units' membership first
refusal-meeting-minimums_exceed_size = a conference of { $size } cannot give { $minimum } delegate(s) to each of the { $units } units with members: make the conference at least { $needed } or drop the minimum per unit
refusal-meeting-unknown_unit = delegates are recorded as elected for unit { $unit }, which has no allotment: check the unit code, or include the unit when allotting delegates
refusal-meeting-apportionment = { $detail }
refusal-ineligible-too_young = age on election day { $election_day } would be { $age }; at least { $min } is required for this list
refusal-ineligible-not_active = membership is { $status }; only active members may stand
refusal-ineligible-not_a_member = not a party member; this list requires membership (set_eligibility membership_required false lets others stand)
refusal-ineligible-expelled = expelled from the party; an expelled person may not stand
refusal-ineligible-residency = resident { $years } years; at least { $min } years of residence are required
refusal-ineligible-conviction = has an unexpunged conviction; a candidate must have none
refusal-ineligible-corruption_offence = committed a corruption offence; such a person may not stand
refusal-ineligible-membership_too_short = a member for { $days } days on election day; at least { $min } days of membership are required
refusal-ballot-unknown_option = "{ $option }" is not an option of this poll: choose among the options shown
refusal-ballot-duplicate = "{ $option }" is marked more than once: mark each option at most once
refusal-ballot-empty_group = the ballot has an empty preference group: remove it or put an option in it
refusal-ballot-needs_one_choice = this poll takes one choice, but { $given } options were marked: mark exactly one option, or none for a blank ballot
refusal-ballot-too_many_choices = { $given } options were chosen, but at most { $max } may be: unmark some until { $max } or fewer remain
refusal-ballot-ranking_not_allowed = this poll takes a set of choices, not a ranking, but the ballot has { $groups } preference levels: put every chosen option in one group
refusal-internal = internal error: { $what }

# What a count, a rating, a list's rules or a draft found wrong (inside a refusal).
problem-tally-options = the poll's options cannot be counted: { $problem }
problem-tally-electronic = electronic ballot { $number } is refused: { $problem }
problem-tally-paper = paper ballot { $number } is refused: { $problem }
problem-stations-need-single-marks = { $method } counts rankings, which a station's totals cannot carry: enter that station's ballots one by one instead
problem-station-unknown-option = station { $station } reports votes for "{ $option }", which is not an option of this poll: correct the station's entry
problem-tally-ballots = the ballots cannot be stored for counting: { $problem }
problem-no-candidates = a contest needs at least one candidate
problem-too-many-candidates = { $count } candidates is more than the { $max } supported
problem-empty-name = candidate { $number } has an empty name
problem-control-character-in-name = candidate { $number } has a line break or control character in its name
problem-duplicate-name = candidates { $first } and { $second } are both named "{ $name }"
problem-zero-weight = a ballot must have a weight of at least 1
problem-unknown-candidate = the ballot refers to candidate { $number }, but there are only { $count } candidates
problem-repeated-candidate = the ballot ranks candidate { $number } more than once
problem-total-weight-overflow = the total weight of the ballots does not fit in 64 bits
problem-no-seats = at least one seat must be filled
problem-too-many-seats = { $seats } seats cannot be filled from { $standing } standing candidates
problem-single-winner-only = { $method } elects a single winner; use stv for { $seats } seats
problem-count-too-many-choices = ballot { $ballot } marks { $marked } candidates but at most { $allowed } may be chosen
problem-too-many-ballots = { $count } stored ballots is more than a count supports (4 294 967 295); merge identical ballots into weights
problem-rating-unknown-option = the count ranks option "{ $option }", which is none of the candidates given
problem-rating-duplicate-option = two candidates share the option "{ $option }"; each candidate needs their own option
problem-rating-ranked-twice = the count ranks option "{ $option }" more than once
problem-zero-denominator = a share needs a denominator above zero
problem-size-bounds = the smallest list size ({ $min }) is larger than the largest ({ $max })
problem-empty-block = the placement rule needs a block size of at least 1
problem-no-block-groups = the placement rule names no group; remove it or name at least one group
problem-too-many-block-groups = the placement rule names { $groups } groups; at most { $max } are supported (split it into separate lists of rules or use quotas)
problem-block-too-small = the placement rule asks for { $groups } groups in blocks of { $size } places; a block needs at least one place per group
problem-too-many-groups = the rules name { $groups } distinct groups; at most { $max } are supported
problem-length-out-of-range = a list of { $length } names is outside the allowed sizes { $min } to { $max }
problem-duplicate-candidate = candidate { $candidate } appears twice; each candidate may be given once
problem-candidate-not-on-list = candidate { $candidate } is not on the list
problem-no-parties = there are no parties to give seats to
problem-minimums-exceed-seats = a minimum of { $minimum } for each of { $parties } parties needs more than the { $seats } seats
problem-no-votes = every party has 0 votes, so the seats above the minimums cannot be apportioned
problem-apportion-too-many-seats = { $seats } seats is more than the { $limit } a divisor method hands out
problem-request-key-too-long = at most 100 characters
problem-request-key-too-few-bits = at least 128 random bits: 32 or more hex digits, or 22 or more base64url characters (A-Z, a-z, 0-9, - and _)
problem-request-key-repeated = random bits, not one character repeated
refusal-poll_not_taking_ballots = poll { $poll } is { $status } ({ $opens_at } .. { $closes_at }): ballots are accepted only while it is open
problem-list-not-approved-for-commission = the list of { $target } in { $campaign } is { $status }: the election commission receives approved lists only; put it to the conference's vote and approve it first (put_list_to_vote, then count the vote)
problem-no-branches = no branches to share the places among
problem-duplicate-branch = branch { $branch } is listed twice; list each branch once
problem-quota-no-members = every branch has 0 members, so { $places } places cannot be shared in proportion
refusal-account_exists = the account { $login } exists already: choose another login (a disabled account keeps its login)
refusal-no_account = there is no account { $login } (add_account first, or check the login)
refusal-account_disabled = the account { $login } is disabled already
refusal-grant_scope_one = a grant names exactly one of unit, meeting or poll
refusal-grant_exists = { $iin } holds { $role } for { $scope } already
refusal-no_grant = { $iin } holds no { $role } for { $scope } (mandat grant list shows the grants)
refusal-grant_scope_ended = { $scope } is { $status } already: a grant for it would never be used
