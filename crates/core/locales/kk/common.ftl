# Terms shared by every document and page: one word per concept.
-meeting = жиналыс
-conference = конференция
-delegate = делегат
-party-list = партиялық тізім
-primaries = праймериз
language-name = Қазақша
people = { $count } адам
