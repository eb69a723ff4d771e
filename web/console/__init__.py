"""The counsellor console: sign-in, search on a jobseeker's behalf, shortlists, admin."""
