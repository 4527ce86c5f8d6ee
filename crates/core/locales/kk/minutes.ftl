# Minutes of meetings and conferences.
minutes-failed-quorum = қатысуға құқылы { $electorate } адамның { $present } қатысты, кемінде { $needed } қажет
