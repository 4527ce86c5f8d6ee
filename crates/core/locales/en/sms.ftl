# SMS texts to members.
sms-phone-changed = mandat: the phone of your party membership record was changed to { $phone } ({ $reason }). If this was not you, contact your party office.
sms-signin-code = mandat: your sign-in code is { $code }. It is valid for 5 minutes. Do not tell it to anyone, not even party staff.
sms-convocation = mandat: you are an elected delegate, invited to the conference. { $conference }: { $when }, { $venue }.
sms-reminder = mandat: a reminder, the conference is today. { $conference }: { $when }, { $venue }.
sms-stream = Livestream: { $url }
sms-check-in = Check-in: show your mandate card (its QR code) and your ID card.
sms-check-in-mandate = Check-in: show mandate card No. { $number } (its QR code) and your ID card.
