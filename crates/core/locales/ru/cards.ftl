# Mandate cards of a conference.
card-heading-regional = { $meeting } — региональная конференция
card-heading-branch = { $meeting } — конференция филиала
card-heading-congress = { $meeting } — съезд партии
card-footer = Только для регистрации
