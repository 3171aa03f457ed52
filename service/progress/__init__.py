"""Progress of a plan: the status of every step as of a date, what is overdue, the yearly report (issue 17)."""
