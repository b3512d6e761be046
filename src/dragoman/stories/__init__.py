"""Stories: incremental clustering of articles into developing stories, and timelines."""
