# SMS texts to members.
sms-phone-changed = mandat: the phone of your party membership record was changed to { $phone } ({ $reason }). If this was not you, contact your party office.
sms-signin-code = mandat: your sign-in code is { $code }. It is valid for 5 minutes. Do not tell it to anyone, not even party staff.
