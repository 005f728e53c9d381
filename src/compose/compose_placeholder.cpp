// compose stage: implementation in progress.
