# Minutes of meetings and conferences.
minutes-failed-quorum = присутствовали { $present } из { $electorate } имеющих право участвовать, необходимо не менее { $needed }
