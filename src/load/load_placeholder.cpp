// load stage: implementation in progress.
