# Mandate cards of a conference.
card-heading-regional = { $meeting } — regional conference
card-heading-branch = { $meeting } — branch conference
card-heading-congress = { $meeting } — party congress
card-footer = Check-in only
