# Minutes of meetings and conferences.
minutes-failed-quorum = { $present } of { $electorate } present, at least { $needed } needed
