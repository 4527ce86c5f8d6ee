# SMS texts to members.
sms-phone-changed = mandat: the phone of your party membership record was changed to { $phone } ({ $reason }). If this was not you, contact your party office.
