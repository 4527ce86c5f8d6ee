# Mandate cards of a conference.
card-heading-regional = { $meeting } — өңірлік конференция
card-heading-branch = { $meeting } — филиал конференциясы
card-heading-congress = { $meeting } — партия съезі
card-footer = Тек тіркеу үшін
